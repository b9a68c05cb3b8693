// @vitest-environment jsdom
// Issue 11 item 13: typed text of a big model is parsed off the main thread.
import { describe, expect, it } from 'vitest';
import { createEditorStore, initEditorStore, processModeOf } from './createEditorStore.ts';
import { applyDocEdits, builtinCatalog, createCatalog, emptyText, parse, type DocumentEdit, type Layout, type ParseResult } from '../document/core.ts';
import type { AsyncEditResult } from './storeTypes.ts';
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

  it('undo and redo of a big text parse in the worker; of a small one at once', async () => {
    const p = deferredParser();
    const big = initEditorStore(createEditorStore({ initialText: withSleep('first'), parseDelayMs: 0, parseAsync: p.parseAsync, asyncEditChars: 10 }));
    big.getState().setText(withSleep('second'), 'yaml');
    await tick();
    p.calls.at(-1)!.resolve();
    await tick();
    expect(big.getState().config?.process.components.map((c) => c.name)).toEqual(['second']);
    const before = p.calls.length;
    big.getState().undo();
    expect(big.getState().text).toBe(withSleep('first'));
    expect(big.getState().isParsing).toBe(true);
    expect(big.getState().config?.process.components.map((c) => c.name)).toEqual(['second']); // not parsed on the main thread
    expect(p.calls.slice(before).map((c) => c.text)).toEqual([withSleep('first')]);
    p.calls.at(-1)!.resolve();
    await tick();
    expect(big.getState().config?.process.components.map((c) => c.name)).toEqual(['first']);
    big.getState().redo();
    expect(p.calls.at(-1)!.text).toBe(withSleep('second'));
    p.calls.at(-1)!.resolve();
    await tick();
    expect(big.getState().config?.process.components.map((c) => c.name)).toEqual(['second']);

    // Below asyncEditChars (default 1,000,000) undo parses at once: the model follows in the same update.
    const small = initEditorStore(createEditorStore({ initialText: withSleep('first'), parseDelayMs: 0, parseAsync: p.parseAsync }));
    small.getState().setText(withSleep('second'), 'yaml');
    small.getState().undo();
    expect(small.getState().config?.process.components.map((c) => c.name)).toEqual(['first']);
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

describe('model edits of a big text are applied in the worker', () => {
  /** A fake worker edit: the same functions the worker runs, answered when the test says so. */
  function deferredEditor() {
    const calls: { text: string; resolve: () => void }[] = [];
    const editAsync = (text: string, edits: readonly DocumentEdit[], layout: Layout | undefined, types: readonly ComponentTypeInfo[]) =>
      new Promise<AsyncEditResult>((resolve) =>
        calls.push({
          text,
          resolve: () => {
            const r = applyDocEdits(text, edits, layout);
            resolve(r.ok ? { ok: true, text: r.text, result: parse(r.text, createCatalog(types, builtinCatalog())) } : r);
          },
        }),
      );
    return { editAsync, calls };
  }

  it('switching the process mode of a big text: text and model change together when the worker answers; one undo step', async () => {
    const e = deferredEditor();
    const s = initEditorStore(createEditorStore({ initialText: withSleep('big'), parseDelayMs: 0, editAsync: e.editAsync, asyncEditChars: 10 }));
    const before = s.getState().text;
    s.getState().setProcessMode('parallel');
    expect(e.calls).toHaveLength(1);
    expect(s.getState().text).toBe(before); // nothing parsed or edited on the main thread yet
    expect(s.getState().isParsing).toBe(true);
    e.calls[0]!.resolve();
    await tick();
    expect(s.getState().text).toContain('plugboard.process.RayProcess');
    expect(processModeOf(s.getState().config)).toBe('parallel');
    expect(s.getState().isParsing).toBe(false);
    s.getState().undo();
    expect(s.getState().text).toBe(before);
    expect(processModeOf(s.getState().config)).toBe('local');
  });

  it('an edit the text does not allow is refused with its message; typing during the edit wins', async () => {
    const e = deferredEditor();
    const s = initEditorStore(createEditorStore({ initialText: withSleep('big'), parseDelayMs: 0, editAsync: e.editAsync, asyncEditChars: 10 }));
    const before = s.getState().text;
    s.getState().edit([{ kind: 'remove-component', name: 'nobody' }]);
    e.calls[0]!.resolve();
    await tick();
    expect(s.getState().notice?.message).toMatch(/No component named 'nobody'/);
    expect(s.getState().text).toBe(before);
    s.getState().setProcessMode('parallel');
    s.getState().setText(withSleep('typed'), 'yaml');
    e.calls[1]!.resolve();
    await tick();
    expect(s.getState().text).toBe(withSleep('typed'));
    expect(s.getState().notice?.message).toMatch(/text changed while that edit/);
    await tick();
    expect(s.getState().config?.process.components.map((c) => c.name)).toEqual(['typed']);
  });

  it('a tune edit of a big text (the Tune view, "Tune…", applying the best trial) is applied in the worker too; one undo step', async () => {
    const e = deferredEditor();
    const s = initEditorStore(createEditorStore({ initialText: withSleep('big'), parseDelayMs: 0, editAsync: e.editAsync, asyncEditChars: 10 }));
    const before = s.getState().text;
    const created = s.getState().edit([
      { kind: 'create-tune', objective: { object_name: 'big', field_type: 'field', field_name: 'y' }, parameters: [], numSamples: 5 },
      { kind: 'set-tune-arg', key: 'mode', value: 'min' },
    ], { source: 'command' });
    expect(created).toBe(true);
    expect(e.calls).toHaveLength(1);
    expect(s.getState().text).toBe(before); // nothing read or written on the main thread yet
    e.calls[0]!.resolve();
    await tick();
    expect(s.getState().text).toMatch(/tune:\n\s+args:\n\s+objective:/);
    expect(s.getState().text).toContain('mode: min');
    expect(s.getState().config?.tune).toBeTruthy();
    s.getState().undo();
    expect(s.getState().text).toBe(before);
  });

  it('Run right after typing in a big text waits for the worker parse (none on the main thread), then runs the model typed', async () => {
    const p = deferredParser();
    const runnable = (name: string) => emptyText().replace('components: []', `components:\n      - type: hello_ray.Iterator\n        args:\n          name: ${name}\n          iters: 3`);
    const runs: string[][] = [];
    const s = initEditorStore(createEditorStore({
      initialText: runnable('first'),
      parseDelayMs: 10_000,
      parseAsync: p.parseAsync,
      asyncEditChars: 10,
      startRun: (request) => {
        runs.push(request.config!.process.components.map((c) => c.name));
        return { done: new Promise(() => undefined), cancel: () => undefined };
      },
    }));
    await tick();
    p.calls.at(-1)?.resolve();
    await tick();
    const before = p.calls.length;
    s.getState().setText(runnable('typed'), 'yaml');
    s.getState().startRun();
    // The typing pause (10 s here) is cut short: the parse starts in the worker at once.
    expect(p.calls.slice(before).map((c) => c.text)).toEqual([runnable('typed')]);
    expect(s.getState().runQueued).toBe(true);
    expect(runs).toEqual([]);
    s.getState().startRun(); // a second press while queued starts nothing more
    p.calls.at(-1)!.resolve();
    await tick();
    expect(s.getState().notice?.message ?? null).toBe(null);
    expect(runs).toEqual([['typed']]);
    expect(s.getState().runQueued).toBe(false);
    expect(s.getState().run.phase).toBe('running');
  });

  it('modelReady (what Start tuning waits for): a big text resolves after the worker parse, with the model typed; a small one at once', async () => {
    const p = deferredParser();
    const big = initEditorStore(createEditorStore({ initialText: withSleep('first'), parseDelayMs: 10_000, parseAsync: p.parseAsync, asyncEditChars: 10 }));
    p.calls.at(-1)?.resolve();
    await tick();
    big.getState().setText(withSleep('typed'), 'yaml');
    let ready = false;
    void big.getState().modelReady().then(() => (ready = true));
    await tick();
    expect(ready).toBe(false);
    expect(p.calls.at(-1)!.text).toBe(withSleep('typed')); // started at once, not after the 10 s pause
    p.calls.at(-1)!.resolve();
    await tick();
    expect(ready).toBe(true);
    expect(big.getState().config?.process.components.map((c) => c.name)).toEqual(['typed']);

    const small = initEditorStore(createEditorStore({ initialText: withSleep('first'), parseDelayMs: 10_000, parseAsync: p.parseAsync }));
    small.getState().setText(withSleep('typed'), 'yaml');
    await small.getState().modelReady();
    expect(small.getState().config?.process.components.map((c) => c.name)).toEqual(['typed']);
  });

  it('two quick edits of a big text both land, in order (the second waits for the first), one undo step each', async () => {
    const e = deferredEditor();
    const s = initEditorStore(createEditorStore({ initialText: withSleep('big'), parseDelayMs: 0, editAsync: e.editAsync, asyncEditChars: 10 }));
    const before = s.getState().text;
    s.getState().setProcessMode('parallel');
    s.getState().edit([{ kind: 'set-arg', component: 'big', key: 'sleep_seconds', value: 3 }]);
    let ready = false;
    void s.getState().modelReady().then(() => (ready = true));
    expect(e.calls).toHaveLength(1); // the second waits for the first's text
    e.calls[0]!.resolve();
    await tick();
    expect(ready).toBe(false); // Run or Start tuning now would wait for the second edit too
    expect(e.calls).toHaveLength(2);
    expect(e.calls[1]!.text).toContain('plugboard.process.RayProcess');
    expect(s.getState().isParsing).toBe(true);
    e.calls[1]!.resolve();
    await tick();
    expect(s.getState().notice).toBe(null);
    expect(processModeOf(s.getState().config)).toBe('parallel');
    expect(s.getState().config?.process.components[0]?.args['sleep_seconds']).toBe(3);
    expect(s.getState().isParsing).toBe(false);
    expect(ready).toBe(true);
    s.getState().undo();
    expect(s.getState().text).toContain('plugboard.process.RayProcess');
    expect(s.getState().text).not.toContain('sleep_seconds: 3');
    s.getState().undo();
    expect(s.getState().text).toBe(before);
  });

  it('a new document drops the edits still waiting for the worker', async () => {
    const e = deferredEditor();
    const s = initEditorStore(createEditorStore({ initialText: withSleep('big'), parseDelayMs: 0, editAsync: e.editAsync, asyncEditChars: 10 }));
    s.getState().setProcessMode('parallel');
    s.getState().edit([{ kind: 'set-arg', component: 'big', key: 'sleep_seconds', value: 3 }]);
    s.getState().loadDocument(withSleep('other'), 'other.yaml');
    e.calls[0]!.resolve();
    await tick();
    expect(e.calls).toHaveLength(1);
    expect(s.getState().text).toBe(withSleep('other'));
    expect(s.getState().workerEdits).toEqual([]);
  });

  it('below asyncEditChars, edits stay synchronous', () => {
    const e = deferredEditor();
    const s = initEditorStore(createEditorStore({ initialText: withSleep('small'), parseDelayMs: 0, editAsync: e.editAsync }));
    s.getState().setProcessMode('parallel');
    expect(e.calls).toEqual([]);
    expect(processModeOf(s.getState().config)).toBe('parallel');
  });
});
