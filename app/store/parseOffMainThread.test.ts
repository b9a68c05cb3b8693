// @vitest-environment jsdom
// Issue 11 item 13: typed text of a big model is parsed off the main thread.
import { describe, expect, it } from 'vitest';
import { createEditorStore, initEditorStore } from './createEditorStore.ts';
import { builtinCatalog, createCatalog, emptyText, parse, type ParseResult } from '../document/core.ts';
import type { ComponentTypeInfo } from '../../src/index.ts';

function deferredParser() {
  const calls: { text: string; resolve: () => void }[] = [];
  const parseAsync = (text: string, types: readonly ComponentTypeInfo[]) =>
    new Promise<ParseResult>((resolve) => calls.push({ text, resolve: () => resolve(parse(text, createCatalog(types, builtinCatalog()))) }));
  return { parseAsync, calls };
}
const tick = () => new Promise((r) => setTimeout(r, 5));
const withSleep = (name: string) => emptyText().replace('components: []', `components:\n      - type: hello_ray.Sleep\n        args:\n          name: ${name}\n          sleep_seconds: 1`);

describe('typed YAML of a big model parses in a worker', () => {
  it('hands big typed text to parseAsync and applies the result when it is still current', async () => {
    const p = deferredParser();
    const s = initEditorStore(createEditorStore({ initialText: emptyText(), parseDelayMs: 0, parseAsync: p.parseAsync, asyncParseChars: 10 }));
    s.getState().setText(withSleep('first'), 'yaml');
    await tick();
    expect(p.calls).toHaveLength(1);
    expect(s.getState().config?.process.components).toEqual([]); // not parsed on the main thread
    expect(s.getState().isParsing).toBe(true);
    s.getState().setText(withSleep('second'), 'yaml'); // typing goes on before the worker answers
    await tick();
    p.calls[0]!.resolve(); // stale: dropped
    await tick();
    expect(s.getState().config?.process.components).toEqual([]);
    p.calls[1]!.resolve();
    await tick();
    expect(s.getState().config?.process.components.map((c) => c.name)).toEqual(['second']);
    expect(s.getState().isParsing).toBe(false);
  });

  it('a canvas edit or Run right after typing parses at once (it needs the current model)', async () => {
    const p = deferredParser();
    const s = initEditorStore(createEditorStore({ initialText: emptyText(), parseDelayMs: 0, parseAsync: p.parseAsync, asyncParseChars: 10 }));
    s.getState().setText(withSleep('typed'), 'yaml');
    await tick();
    expect(s.getState().addComponent('hello_ray.Iterator')).toBe('iterator');
    expect(s.getState().config?.process.components.map((c) => c.name)).toEqual(['typed', 'iterator']);
    p.calls[0]!.resolve(); // the late worker result must not roll the model back
    await tick();
    expect(s.getState().config?.process.components.map((c) => c.name)).toEqual(['typed', 'iterator']);
  });

  it('by default even a small typed text goes to the worker (no parse on the main thread while typing)', async () => {
    const p = deferredParser();
    const s = initEditorStore(createEditorStore({ initialText: emptyText(), parseDelayMs: 0, parseAsync: p.parseAsync }));
    s.getState().setText(withSleep('small'), 'yaml');
    await tick();
    expect(p.calls).toHaveLength(1);
    expect(s.getState().config?.process.components).toEqual([]);
    p.calls[0]!.resolve();
    await tick();
    expect(s.getState().config?.process.components.map((c) => c.name)).toEqual(['small']);
  });

  it('below asyncParseChars, typed text parses on the main thread', async () => {
    const p = deferredParser();
    const s = initEditorStore(createEditorStore({ initialText: emptyText(), parseDelayMs: 0, parseAsync: p.parseAsync, asyncParseChars: 100_000 }));
    s.getState().setText(withSleep('small'), 'yaml');
    await tick();
    expect(p.calls).toEqual([]);
    expect(s.getState().config?.process.components.map((c) => c.name)).toEqual(['small']);
  });

  it('typing only in the layout comment needs no worker parse', async () => {
    const p = deferredParser();
    const withLayout = (x: number) => `${withSleep('a')}# plugboard-studio:layout {"a":[${x},6]}\n`;
    const s = initEditorStore(createEditorStore({ initialText: withLayout(1), parseDelayMs: 0, parseAsync: p.parseAsync }));
    s.getState().setText(withLayout(5), 'yaml');
    await tick();
    expect(p.calls).toEqual([]);
    expect(s.getState().layout).toEqual({ a: { x: 5, y: 6 } });
  });
});
