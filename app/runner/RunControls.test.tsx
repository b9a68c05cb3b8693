// @vitest-environment jsdom
// Issue 12 (state ownership): the run controls follow what the host reports. After Stop the UI
// answers at once ("Stopping…", Stop and Run disabled) and never shows "Stopped" before the host ended.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { RunEvent, RunResult, StartRun } from '../../src/index.ts';
import { createEditorStore, initEditorStore } from '../store/createEditorStore.ts';
import { EditorStoreProvider } from '../store/EditorStoreContext.tsx';
import { DEFAULT_EXAMPLE } from '../examples/examples.ts';
import { RunControls } from './RunControls.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A host whose Stop takes effect only when the test says so (its final events, then its result). */
function slowStoppingHost() {
  let emit: (e: RunEvent[]) => void = () => {};
  let resolve: (r: RunResult) => void = () => {};
  let cancels = 0;
  const start: StartRun = (_req, onEvents) => {
    emit = onEvents;
    return { done: new Promise<RunResult>((r) => (resolve = r)), cancel: () => void cancels++ };
  };
  return { start, emit: (e: RunEvent[]) => emit(e), end: (r: RunResult) => resolve(r), cancels: () => cancels };
}

describe('run controls follow the host', () => {
  it("Stop shows 'Stopping…' at once; 'Stopped' and an enabled Run appear only after the host's end", async () => {
    const host = slowStoppingHost();
    const store = initEditorStore(createEditorStore({ initialText: DEFAULT_EXAMPLE.text, parseDelayMs: 0, startRun: host.start, stopAnswerMs: 60_000 }));
    const el = document.createElement('div');
    document.body.append(el);
    const root = createRoot(el);
    await act(async () =>
      root.render(
        <EditorStoreProvider store={store}>
          <RunControls />
        </EditorStoreProvider>,
      ),
    );
    const button = (label: string) => el.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
    const elapsed = () => el.querySelector('[aria-label="Elapsed time"]')?.textContent ?? '';
    // Every text the controls show between Stop and the host's end.
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(elapsed()));
    observer.observe(el, { subtree: true, characterData: true, childList: true });

    await act(async () => button('Run').click());
    expect(button('Run').disabled).toBe(true);
    expect(button('Stop').disabled).toBe(false);
    expect(elapsed()).toMatch(/^Running/);

    await act(async () => button('Stop').click());
    expect(host.cancels()).toBe(1);
    expect(button('Stop').textContent).toContain('Stopping…');
    expect(button('Stop').disabled).toBe(true);
    expect(button('Run').disabled).toBe(true);
    expect(elapsed()).toMatch(/^Stopping…/);

    // The host takes its time: its last events arrive, the controls still say stopping.
    await act(async () => {
      host.emit([{ kind: 'component-status', t: 5, component: 'input', status: 'stopped' }]);
      await new Promise((r) => setTimeout(r, 30));
    });
    expect(elapsed()).toMatch(/^Stopping…/);
    expect(button('Run').disabled).toBe(true);
    expect(seen.some((t) => t.startsWith('Stopped'))).toBe(false);

    await act(async () => {
      host.end({ status: 'stopped', files: {}, startedAt: 0, endedAt: 1 });
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(elapsed()).toMatch(/^Stopped after/);
    expect(button('Run').disabled).toBe(false);
    expect(button('Stop').textContent).toContain('Stop');
    expect(button('Stop').disabled).toBe(true);
    observer.disconnect();
    root.unmount();
  });
});
