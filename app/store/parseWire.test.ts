// The worker's small replies (parseWire.ts): a one-item edit sends one item, and the page rebuilds
// exactly the model a full parse gives, reusing the unchanged component objects.
import { describe, expect, it } from 'vitest';
import { builtinCatalog, parse } from '../document/core.ts';
import { applyList, diffList, fromWire, toWire, type HeldModel, type SentModel } from './parseWire.ts';

const model = (names: readonly string[], extra = '') =>
  `plugboard:\n  process:\n    args:\n      components:\n${names.map((n) => `      - type: hello_ray.Iterator\n        args:\n          name: ${n}\n          iters: 3\n`).join('')}${extra}      connectors:\n${names.length > 1 ? `      - source: ${names[0]}.x\n        target: ${names[1]}.x\n` : '      []\n'}`;

/** Worker and page in one: sends each text through the wire and returns the page's result and the wire. */
function session() {
  let last: SentModel | null = null;
  let held: HeldModel | null = null;
  return (text: string) => {
    const { wire, sent } = toWire(parse(text, builtinCatalog()), held?.id ?? null, last, (last?.id ?? 0) + 1);
    last = sent;
    // What crosses the thread boundary is a structured clone.
    const copy = structuredClone(wire);
    const result = fromWire(copy, held);
    held = { id: copy.id, config: result.config, diagnostics: result.diagnostics };
    return { result, wire: copy };
  };
}

describe('parse replies carry only what changed', () => {
  it('diffList/applyList round-trip insertions, removals and edits', () => {
    const cases: [string[], string[]][] = [
      [[], []],
      [['a', 'b', 'c'], ['a', 'b', 'c']],
      [['a', 'b', 'c'], ['a', 'x', 'c']],
      [['a', 'b', 'c'], ['a', 'b', 'x', 'c']],
      [['a', 'b', 'c'], ['a', 'c']],
      [['a', 'a', 'a'], ['a', 'a']],
      [['a'], []],
      [[], ['a', 'b']],
      [['a', 'b'], ['b', 'a']],
    ];
    for (const [prev, next] of cases) {
      const patch = diffList(prev, next, next);
      expect(applyList(prev, patch)).toEqual(next);
      expect(patch.keep + patch.tail + patch.items.length).toBe(next.length);
    }
    expect(diffList(['a', 'b', 'c'], ['a', 'x', 'c'], ['a', 'x', 'c'])).toEqual({ keep: 1, tail: 1, items: ['x'] });
  });

  it('an edit of one component of 300 sends that component only, and the result equals a full parse', () => {
    const send = session();
    const names = Array.from({ length: 300 }, (_, i) => `c${i}`);
    const first = send(model(names));
    expect(first.wire.base).toBeNull();
    const edited = names.map((n) => (n === 'c150' ? 'c15x' : n));
    const text = model(edited);
    const second = send(text);
    expect(second.wire.base).toBe(first.wire.id);
    expect(second.wire.config.kind === 'patch' && second.wire.config.patch.components.items.map((c) => c.name)).toEqual(['c15x']);
    expect(second.wire.diagnostics).toBe('same');
    expect(second.result).toEqual(parse(text, builtinCatalog()));
    // Unchanged components are the page's objects from before.
    expect(second.result.config!.process.components[0]).toBe(first.result.config!.process.components[0]);
    expect(second.result.config!.process.components[299]).toBe(first.result.config!.process.components[299]);
    expect(JSON.stringify(second.wire).length).toBeLessThan(JSON.stringify(first.wire).length / 50);
  });

  it('errors and recovery: diagnostics (with line and column) travel when they change, the model comes back', () => {
    const send = session();
    send(model(['a', 'b']));
    const broken = model(['a', 'b']).replace('name: b', 'name: [b');
    const bad = send(broken);
    expect(bad.result.config).toBeUndefined();
    expect(bad.result).toEqual(parse(broken, builtinCatalog()));
    expect(bad.result.diagnostics[0]?.range?.start.line).toBeGreaterThan(0);
    const fixed = send(model(['a', 'c']));
    expect(fixed.result).toEqual(parse(model(['a', 'c']), builtinCatalog()));
    const unknown = send(model(['a', 'c'], '      - type: nowhere.Thing\n        args:\n          name: z\n'));
    expect(unknown.result).toEqual(parse(model(['a', 'c'], '      - type: nowhere.Thing\n        args:\n          name: z\n'), builtinCatalog()));
    expect(unknown.result.diagnostics.length).toBeGreaterThan(0);
  });

  it('a reply for a model the page does not hold is refused, and a full reply is built when the ids differ', () => {
    const worker: { last: SentModel | null } = { last: null };
    const a = toWire(parse(model(['a']), builtinCatalog()), null, worker.last, 1);
    worker.last = a.sent;
    // The page asks with an id the worker no longer has: the reply is whole (base null).
    const b = toWire(parse(model(['a', 'b']), builtinCatalog()), 99, worker.last, 2);
    expect(b.wire.base).toBeNull();
    expect(fromWire(b.wire, null)).toEqual(parse(model(['a', 'b']), builtinCatalog()));
    const c = toWire(parse(model(['a', 'c']), builtinCatalog()), 2, b.sent, 3);
    expect(() => fromWire(c.wire, { id: 7, config: undefined, diagnostics: [] })).toThrow(/holds 7/);
  });
});

describe('unchanged lists keep their identity', () => {
  it('an edit outside the lists (the process type) keeps the components and connectors arrays', () => {
    let last: SentModel | null = null;
    let held: HeldModel | null = null;
    const send = (text: string) => {
      const { wire, sent } = toWire(parse(text, builtinCatalog()), held?.id ?? null, last, (last?.id ?? 0) + 1);
      last = sent;
      const result = fromWire(structuredClone(wire), held);
      held = { id: wire.id, config: result.config, diagnostics: result.diagnostics };
      return result;
    };
    const text = model(['a', 'b']);
    const first = send(text);
    const second = send(text.replace('plugboard:\n  process:\n', 'plugboard:\n  process:\n    type: plugboard.process.RayProcess\n'));
    expect(second.config!.process.type).not.toBe(first.config!.process.type);
    expect(second.config!.process.components).toBe(first.config!.process.components);
    expect(second.config!.process.connectors).toBe(first.config!.process.connectors);
  });
});
