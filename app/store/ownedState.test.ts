// @vitest-environment jsdom
// Work in flight (the pending parse, the run's handle and token, what was last parsed) is store state:
// a listener sees it change in the same update as the document or run it belongs to.
import { describe, expect, it } from 'vitest';
import type { RunResult, StartRun } from '../../src/index.ts';
import { createEditorStore, initEditorStore, type EditorDeps, type EditorState } from './createEditorStore.ts';
import { DEFAULT_EXAMPLE } from '../examples/examples.ts';

const RAY = DEFAULT_EXAMPLE.text;
const editor = (deps: EditorDeps = {}) => initEditorStore(createEditorStore({ initialText: RAY, parseDelayMs: 10_000, ...deps }));

describe('state owned by the store', () => {
  it('a typed edit shows its pending parse; the parse clears it in the same update as the model', () => {
    const s = editor();
    expect(s.getState().parseTimer).toBeNull();
    expect(s.getState().parsedBody).not.toBeNull();
    const seen: Pick<EditorState, 'parseTimer' | 'config' | 'isTextValid'>[] = [];
    s.subscribe((st) => seen.push({ parseTimer: st.parseTimer, config: st.config, isTextValid: st.isTextValid }));
    s.getState().setText(RAY.replace('name: "input"', 'name: "source"'), 'yaml');
    expect(s.getState().parseTimer).not.toBeNull();
    expect(s.getState().config?.process.components[0]?.name).toBe('input'); // not parsed yet
    seen.length = 0;
    s.getState().flushParse();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.parseTimer).toBeNull();
    expect(seen[0]!.config?.process.components[0]?.name).toBe('source');
    expect(s.getState().parsedBody).toContain('name: "source"');
  });

  it('a layout-only change keeps the parsed model and reads the new layout line', () => {
    const s = editor();
    s.getState().moveComponents({ input: { x: 1, y: 1 } }); // writes the layout line
    const config = s.getState().config;
    s.getState().moveComponents({ input: { x: 7, y: 9 } });
    expect(s.getState().config).toBe(config);
    expect(s.getState().layoutLine).toContain('"input":[7,9]');
    expect(s.getState().layout['input']).toEqual({ x: 7, y: 9 });
  });

  it('a stale worker parse (older ticket) is dropped', async () => {
    const resolvers: ((r: ReturnType<typeof import('../document/core.ts').parse>) => void)[] = [];
    const core = await import('../document/core.ts');
    const s = editor({ parseDelayMs: 0, asyncParseChars: 1, parseAsync: () => new Promise((r) => resolvers.push(r)) });
    s.getState().setText(RAY.replace('name: "input"', 'name: "first"'), 'yaml');
    await new Promise((r) => setTimeout(r, 5));
    expect(s.getState().isParsing).toBe(true);
    const ticket = s.getState().parseTicket;
    // A canvas-side change parses at once and supersedes the worker's parse.
    s.getState().setText(RAY.replace('name: "input"', 'name: "second"'), 'file');
    expect(s.getState().parseTicket).toBe(ticket + 1);
    expect(s.getState().isParsing).toBe(false);
    resolvers[0]!(core.parse(RAY.replace('name: "input"', 'name: "first"'), s.getState().catalog));
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().config?.process.components[0]?.name).toBe('second');
  });

  it('the run handle is state while the run lasts and is cleared with the result', async () => {
    let resolve: (r: RunResult) => void = () => {};
    const start: StartRun = () => ({ done: new Promise<RunResult>((r) => (resolve = r)), cancel: () => {} });
    const s = editor({ startRun: start });
    s.getState().startRun();
    const handle = s.getState().runHandle;
    expect(handle).not.toBeNull();
    expect(s.getState().runToken).toBe(1);
    s.getState().startRun(); // a second Run while one runs is ignored
    expect(s.getState().runHandle).toBe(handle);
    expect(s.getState().runToken).toBe(1);
    resolve({ status: 'completed', files: {}, startedAt: 0, endedAt: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().runHandle).toBeNull();
    expect(s.getState().run.phase).toBe('completed');
  });
});
