// @vitest-environment jsdom
// One undo story: the store's history is the only one. Typed YAML becomes one entry per typing pause,
// canvas and inspector edits one entry each, and undo/redo walk them in order whichever way they came.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEditorStore, initEditorStore } from './createEditorStore.ts';
import { emptyText } from '../document/core.ts';

const names = (s: ReturnType<typeof editor>) => s.getState().config?.process.components.map((c) => c.name) ?? [];

function editor() {
  return initEditorStore(createEditorStore({ initialText: emptyText(), parseDelayMs: 50 }));
}

/** Types `chunk` into the YAML one character at a time, `gapMs` apart (as Monaco reports keystrokes). */
function type(s: ReturnType<typeof editor>, chunk: string, gapMs = 80) {
  for (const ch of chunk) {
    vi.advanceTimersByTime(gapMs);
    s.getState().setText(s.getState().text + ch, 'yaml');
  }
}

describe('one undo history for YAML typing and canvas edits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('coalesces a typing burst into one entry and starts a new one after a pause', () => {
    const s = editor();
    const start = s.getState().text;
    type(s, '# first burst');
    const afterFirst = s.getState().text;
    expect(s.getState().history.past).toEqual([start]);
    vi.advanceTimersByTime(2000); // a typing pause
    type(s, '\n# second');
    expect(s.getState().history.past).toEqual([start, afterFirst]);
    s.getState().undo();
    expect(s.getState().text).toBe(afterFirst);
    expect(s.getState().textSource).toBe('history');
    s.getState().undo();
    expect(s.getState().text).toBe(start);
    expect(s.getState().history.past).toEqual([]);
  });

  it('walks typed text and canvas edits back and forth in the order they happened', () => {
    const s = editor();
    const t0 = s.getState().text;
    s.getState().addComponent('hello_ray.Sleep', { x: 10, y: 10 }); // canvas
    const t1 = s.getState().text;
    vi.advanceTimersByTime(2000);
    // Typed YAML: rename the component by hand, one burst.
    const typed = t1.replace('name: sleep', 'name: nap');
    expect(typed).not.toBe(t1);
    const at = t1.indexOf('name: sleep') + 'name: '.length;
    s.getState().setText(t1.slice(0, at) + t1.slice(at + 'sleep'.length), 'yaml');
    for (const [i, ch] of [...'nap'].entries()) {
      vi.advanceTimersByTime(80);
      const cur = s.getState().text;
      s.getState().setText(cur.slice(0, at + i) + ch + cur.slice(at + i), 'yaml');
    }
    expect(s.getState().text).toBe(typed);
    vi.advanceTimersByTime(100); // the parse after the typing pause
    expect(names(s)).toEqual(['nap']);
    const t2 = s.getState().text;
    s.getState().addComponent('hello_ray.Sleep', { x: 300, y: 10 }); // canvas again, right after typing
    const t3 = s.getState().text;
    expect(names(s)).toEqual(['nap', 'sleep']);
    expect(s.getState().history.past).toEqual([t0, t1, t2]);

    const undo = () => (s.getState().undo(), s.getState().text);
    const redo = () => (s.getState().redo(), s.getState().text);
    expect([undo(), undo(), undo()]).toEqual([t2, t1, t0]);
    expect(names(s)).toEqual([]);
    expect([redo(), redo(), redo()]).toEqual([t1, t2, t3]);
    expect(names(s)).toEqual(['nap', 'sleep']);
    // Nothing further: the ends of the history are no-ops.
    expect(redo()).toBe(t3);
  });

  it('undo during a typing burst takes back the burst and parses at once', () => {
    const s = editor();
    s.getState().addComponent('hello_ray.Sleep', { x: 10, y: 10 });
    const before = s.getState().text;
    vi.advanceTimersByTime(2000);
    type(s, '\n  broken: [');
    expect(s.getState().isTextValid).toBe(true); // not parsed yet: the parse waits for a pause
    s.getState().undo();
    expect(s.getState().text).toBe(before);
    expect(s.getState().isTextValid).toBe(true);
    expect(names(s)).toEqual(['sleep']);
    // Typing after an undo drops the redo branch.
    type(s, '# x');
    s.getState().redo();
    expect(s.getState().text).toBe(`${before}# x`);
  });
});
