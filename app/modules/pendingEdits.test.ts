import { describe, expect, it } from 'vitest';
import type { RunRequest, StartRun } from '../../src/index.ts';
import { createEditorStore, initEditorStore } from '../store/createEditorStore.ts';
import { DEFAULT_EXAMPLE } from '../examples/examples.ts';
import { flushPendingEdits, holdPendingEdit } from './pendingEdits.ts';

describe('edits not yet saved when Run is pressed', () => {
  it('are saved first, so the run uses the code the editor shows', () => {
    const requests: RunRequest[] = [];
    const startRun: StartRun = (request) => {
      requests.push(request);
      return { done: new Promise(() => undefined), cancel: () => undefined };
    };
    const store = initEditorStore(
      createEditorStore({ initialText: DEFAULT_EXAMPLE.text, parseDelayMs: 0, initialModules: [{ file: 'hello_ray.ts', source: 'export const v = 1;\n' }], startRun }),
    );
    // What a module editor does while its save waits for the typing pause.
    const release = holdPendingEdit(() => {
      release();
      store.getState().setModule('hello_ray.ts', 'export const v = 2;\n');
    });
    store.getState().startRun();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.modules).toEqual([{ file: 'hello_ray.ts', source: 'export const v = 2;\n' }]);
    flushPendingEdits(); // nothing left to save
    expect(store.getState().modules[0]!.source).toBe('export const v = 2;\n');
  });
});
