// toFlow keeps node and edge identity when nothing about them changed (React Flow relies on it).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/index.ts';
import { createRegistry } from '../../src/library/index.ts';
import { createFlowCache, firstErrorOf, toFlowEdges, toFlowNodes } from './toFlow.ts';

const YAML = (extra = '', iters = 3) => `plugboard:
  process:
    args:
      components:
      - type: hello_world.A
        args: {name: a, iters: ${iters}}
      - type: hello_world.B
        args: {name: b, path: b.txt}${extra}
      connectors:
      - {source: a.out_1, target: b.in_1}
`;

const catalog = createRegistry();
const config = (text: string) => {
  const r = parseConfig(text, { catalog });
  if (!r.config) throw new Error('test YAML does not parse');
  return r.config;
};
const at = (i: number) => ({ x: i * 100, y: 0 });

describe('toFlowNodes / toFlowEdges identity cache', () => {
  it('returns the same array and objects for an unchanged model, even from a fresh parse', () => {
    const cache = createFlowCache();
    const first = toFlowNodes(config(YAML()), {}, new Set(), catalog, cache, at);
    const again = toFlowNodes(config(YAML()), {}, new Set(), catalog, cache, at);
    expect(again).toBe(first);
    // An arg that does not change ports or label keeps every node.
    const argEdit = toFlowNodes(config(YAML('', 5)), {}, new Set(), catalog, cache, at);
    expect(argEdit).toBe(first);
  });

  it('replaces only the node that changed (moved, selected or measured), keeping its measured size', () => {
    const cache = createFlowCache();
    const first = toFlowNodes(config(YAML()), {}, new Set(), catalog, cache, at);
    const sizes = new Map([['b', { width: 120, height: 60 }]]);
    const measured = toFlowNodes(config(YAML()), {}, new Set(), catalog, cache, at, sizes);
    expect(measured[0]).toBe(first[0]);
    expect(measured[1]).not.toBe(first[1]);
    expect(first[1]!.measured).toBeUndefined(); // a new object, the old one untouched
    const moved = toFlowNodes(config(YAML()), { b: { x: 5, y: 7 } }, new Set(), catalog, cache, at, sizes);
    expect(moved).not.toBe(first);
    expect(moved[0]).toBe(first[0]);
    expect(moved[1]).not.toBe(first[1]);
    expect(moved[1]!.position).toEqual({ x: 5, y: 7 });
    expect(moved[1]!.measured).toEqual({ width: 120, height: 60 });
    expect(first[1]!.position).toEqual({ x: 100, y: 0 }); // the old object was not mutated
    const selected = toFlowNodes(config(YAML()), { b: { x: 5, y: 7 } }, new Set(['a']), catalog, cache, at, sizes);
    expect(selected[0]).not.toBe(moved[0]);
    expect(selected[0]!.selected).toBe(true);
    expect(selected[1]).toBe(moved[1]);
  });

  it('drops removed components from the cache and rebuilds them fresh when they come back', () => {
    const cache = createFlowCache();
    const first = toFlowNodes(config(YAML('\n      - type: hello_world.A\n        args: {name: c, iters: 1}')), {}, new Set(), catalog, cache, at);
    expect(first.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    toFlowNodes(config(YAML()), {}, new Set(), catalog, cache, at);
    expect([...cache.nodes.keys()]).toEqual(['a', 'b']);
  });

  it('keeps edges unless their selection changes', () => {
    const cache = createFlowCache();
    const edges = toFlowEdges(config(YAML()), cache, new Set());
    const [edge] = edges;
    expect(toFlowEdges(config(YAML()), cache, new Set())).toBe(edges);
    const [selected] = toFlowEdges(config(YAML()), cache, new Set([edge!.id]));
    expect(selected).not.toBe(edge);
    expect(selected!.selected).toBe(true);
  });
});

describe('a node\'s first error', () => {
  it('is read from an index built once per diagnostics list', () => {
    const d = (component: string | undefined, severity: 'error' | 'warning', message: string) => ({ code: 'x', severity, message, path: '', ...(component ? { component } : {}) });
    const list = [d('a', 'warning', 'wa'), d('a', 'error', 'ea1'), d('a', 'error', 'ea2'), d(undefined, 'error', 'none'), d('b', 'error', 'eb')];
    expect(firstErrorOf(list, 'a')).toBe('ea1');
    expect(firstErrorOf(list, 'b')).toBe('eb');
    expect(firstErrorOf(list, 'c')).toBeUndefined();
    expect(firstErrorOf([d('c', 'error', 'ec')], 'c')).toBe('ec'); // another list, its own index
  });
});
