// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readLayout as srcReadLayout } from '../../src/index.ts';
import { createEditorStore, initEditorStore } from '../store/createEditorStore.ts';
import { applyDocEdit, builtinCatalog, connectorEdit, emptyText, lastLayoutLine, parse, parseAfterEdit, toPortRef, withoutLayout, writeLayout, type IncrementalRead } from './core.ts';

describe('document core: src types and readers, no copies', () => {
  it('reads port addresses with src parsePortRef (hyphenated component names included)', () => {
    expect(toPortRef('slow-sleep.y')).toEqual({ entity: 'slow-sleep', descriptor: 'y' });
    expect(connectorEdit('add-connector', 'a.out_1', 'b.in_1')).toEqual({ kind: 'add-connector', source: { entity: 'a', descriptor: 'out_1' }, target: { entity: 'b', descriptor: 'in_1' } });
    // A name outside the naming rule is still addressable, so its connectors can be removed.
    expect(toPortRef('1bad.x')).toEqual({ entity: '1bad', descriptor: 'x' });
  });

  it('applies src ModelEdits to the text', () => {
    const added = applyDocEdit(emptyText(), { kind: 'add-component', type: 'hello_world.A', args: { name: 'a', iters: 2 } });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const set = applyDocEdit(added.text, { kind: 'set-arg', component: 'a', key: 'iters', value: 5 });
    expect(set.ok && set.text).toContain('iters: 5');
  });

  it('finds and strips the layout line with the same pattern src reads it with', () => {
    const text = writeLayout(emptyText(), { a: { x: 1, y: 2 } });
    const line = lastLayoutLine(text);
    expect(line).toBe('# plugboard-studio:layout {"a":[1,2]}');
    expect(srcReadLayout(text)).toEqual({ a: { x: 1, y: 2 } });
    expect(withoutLayout(text)).not.toContain('plugboard-studio:layout');
    expect(srcReadLayout(withoutLayout(text))).toEqual({});
    expect(lastLayoutLine(emptyText())).toBeUndefined();
  });
});

describe('adding a component from the palette', () => {
  it('writes only the args the user must set, not untouched optional ones (no chunk_size: null)', () => {
    const s = initEditorStore(createEditorStore({ initialText: emptyText(), parseDelayMs: 0 }));
    const name = s.getState().addComponent('plugboard.library.file_io.FileWriter', { x: 0, y: 0 });
    expect(name).not.toBeNull();
    const text = s.getState().text;
    expect(text).toContain('path:');
    expect(text).toContain('field_names:');
    expect(text).not.toMatch(/chunk_size|storage_options|: null/);
    // A required arg gets a placeholder; one with a default is left out (the default applies).
    s.getState().addComponent('hello_ray.Sleep', { x: 300, y: 0 });
    expect(s.getState().text).toContain('sleep_seconds');
    s.getState().addComponent('hello_tuner.Trajectory', { x: 600, y: 0 });
    expect(s.getState().config?.process.components.at(-1)?.type).toBe('hello_tuner.Trajectory');
    expect(s.getState().text).not.toMatch(/angle|velocity/);
  });
});

describe('parsing typed text item by item (the parse worker)', () => {
  it('a chain of typed edits gives what a whole parse gives: model and located diagnostics', () => {
    const comp = (n: string) => `      - type: hello_ray.Sleep\n        args:\n          name: ${n}\n          sleep_seconds: 1\n`;
    const base = `plugboard:\n  process:\n    args:\n      components:\n${['a', 'b', 'c', 'd'].map(comp).join('')}      connectors: []\n`;
    const typed = [
      base,
      base.replace('name: b\n', 'name: bx\n'),
      base.replace('name: b\n', 'name: bx\n').replace('sleep_seconds: 1\n      - type: hello_ray.Sleep\n        args:\n          name: c', 'sleep_seconds: oops\n      - type: hello_ray.Sleep\n        args:\n          name: c'),
      base.replace('name: b\n', 'name: b x y\n'),
      base.replace('name: a\n', 'name: a\n          unknown_arg: 3\n'),
    ];
    let read: IncrementalRead | null = null;
    for (const text of typed) {
      const step: { result: ReturnType<typeof parse>; read: IncrementalRead } = parseAfterEdit(read, text, builtinCatalog());
      read = step.read;
      expect(step.result).toEqual(parse(text, builtinCatalog()));
    }
    const last = parseAfterEdit(read, typed.at(-1)!.replace('sleep_seconds: 1\n      - type: hello_ray.Sleep\n        args:\n          name: b', 'sleep_seconds: [\n      - type: hello_ray.Sleep\n        args:\n          name: b'), builtinCatalog());
    expect(last.result.config).toBeUndefined();
    expect(last.result.diagnostics[0]?.file).toBe('model.yaml');
    expect(last.result.diagnostics[0]?.range?.start.line).toBeGreaterThan(1);
  });
});
