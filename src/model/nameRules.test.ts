import { describe, expect, it } from 'vitest';
import { appendixCatalog } from './testing/appendixCatalog.ts';
import { parseConfig } from '../yaml/parseConfig.ts';
import { escapeInvisible } from './nameRules.ts';

const catalog = appendixCatalog();
const at = (text: string, code: string) =>
  parseConfig(text, { catalog, file: 'model.yaml' })
    .diagnostics.filter((d) => d.code === code)
    .map((d) => [d.path, d.range?.start.line, d.range?.start.column, d.message]);

describe('name rules (issue 11 items 1 and 11)', () => {
  it('escape invisible and direction-changing characters, leave the rest', () => {
    expect(escapeInvisible('un\u202Eresolved')).toBe('un\\u{202E}resolved');
    expect(escapeInvisible('a\u200Bb\u2066c\uFEFF')).toBe('a\\u{200B}b\\u{2066}c\\u{FEFF}');
    expect(escapeInvisible('Größe_1 ok')).toBe('Größe_1 ok');
  });

  it('reject a component name with a right-to-left override, at the name, shown escaped', () => {
    const text = 'plugboard:\n  process:\n    args:\n      components:\n      - type: hello_world.A\n        args:\n          name: "a\u202Eb"\n          iters: 1\n';
    const found = at(text, 'invisible-characters');
    expect(found).toHaveLength(1);
    expect(found[0]!.slice(0, 3)).toEqual(['plugboard.process.args.components[0].args.name', 7, 17]);
    expect(found[0]![3]).toContain("'a\\u{202E}b'");
    expect(found[0]![3]).not.toContain('\u202E');
  });

  it('reject ports of unresolved types that are not identifiers, at the key or connector', () => {
    const text = [
      'plugboard:',
      '  process:',
      '    args:',
      '      components:',
      '      - type: evil.Thing',
      '        args:',
      '          name: t',
      '          initial_values:',
      '            "x\\n*/ fetch(1) /*": [1]',
      '      - type: evil.Other',
      '        args:',
      '          name: u',
      '      connectors:',
      '      - source: {entity: u, descriptor: "o\\u200Bk"}',
      '        target: {entity: t, descriptor: ok_1}',
      '',
    ].join('\n');
    const found = at(text, 'invalid-port-name');
    expect(found.map((f) => f.slice(1, 3))).toEqual([
      [9, 13],
      [14, 17],
    ]);
    expect(found[1]![3]).toContain("'o\\u{200B}k'");
  });

  it('leave valid names and ports of known types alone', () => {
    const text = 'plugboard:\n  process:\n    args:\n      components:\n      - type: hello_world.A\n        args:\n          name: a\n          iters: 1\n';
    expect(at(text, 'invisible-characters')).toEqual([]);
    expect(at(text, 'invalid-port-name')).toEqual([]);
  });
});
