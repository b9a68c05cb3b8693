import { describe, expect, it } from 'vitest';
import { formatDiagnostic, hasErrors, makeDiagnostic } from './diagnostics.ts';
import { elementaryCycles } from './cycles.ts';
import { parentPath, rangeAt } from './ranges.ts';

const pos = (line: number, column: number) => ({ line, column, offset: 0 });

describe('diagnostic helpers', () => {
  it('formats FILE:LINE:COL: message', () => {
    const range = { start: pos(3, 5), end: pos(3, 9) };
    expect(formatDiagnostic({ code: 'x', severity: 'error', message: 'Bad.', path: 'a', range }, 'm.yaml')).toBe('m.yaml:3:5: Bad.');
    expect(formatDiagnostic({ code: 'x', severity: 'warning', message: 'Hmm.', path: 'a', file: 'other.yaml' }, 'm.yaml')).toBe('other.yaml:1:1: warning: Hmm.');
    expect(hasErrors([{ code: 'x', severity: 'warning', message: '', path: '' }])).toBe(false);
  });

  it('ranges fall back to the nearest ancestor', () => {
    const r = { start: pos(2, 3), end: pos(2, 4) };
    const ranges = { value: new Map([['plugboard.process', r]]), key: new Map() };
    expect(parentPath('plugboard.process.args.components[2].args')).toBe('plugboard.process.args.components[2]');
    expect(parentPath('plugboard.process.args.components[2]')).toBe('plugboard.process.args.components');
    expect(rangeAt(ranges, 'plugboard.process.args.components[2].type')).toBe(r);
    expect(makeDiagnostic('c', 'info', 'm', 'x.y', ranges).range).toBeUndefined();
  });

  it('cycle enumeration is capped on dense graphs', () => {
    const nodes = Array.from({ length: 12 }, (_, i) => `n${i}`);
    const dense = new Map(nodes.map((n) => [n, nodes.filter((m) => m !== n)]));
    expect(elementaryCycles(dense, nodes, 500)).toHaveLength(500);
  });
});
