import { describe, expect, it } from 'vitest';
import type { ModuleSource } from '../../src/index.ts';
import { analyzeModules } from '../../src/modules/analyzeModules.ts';
import { createEditorStore } from '../store/createEditorStore.ts';
import { createApprovals } from './approvals.ts';
import type { ModuleAnalyzer } from './moduleAnalyzer.ts';
import { startModuleAnalysis } from './modulesController.ts';
import { newModuleSource } from './exampleModules.ts';

/** Runs the analysis in-process (the app uses a worker) and counts the calls. */
function fakeAnalyzer() {
  const calls: string[][] = [];
  const analyzer: ModuleAnalyzer = {
    analyze: async (modules: readonly ModuleSource[]) => {
      calls.push(modules.map((m) => m.file));
      return analyzeModules(modules);
    },
    dispose: () => undefined,
  };
  return { analyzer, calls };
}

const memoryStorage = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
};
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('modules controller', () => {
  it('publishes the types of a module the user writes', async () => {
    const store = createEditorStore({ parseDelayMs: 0 });
    const { analyzer } = fakeAnalyzer();
    const controller = startModuleAnalysis(store, { analyzer, approvals: createApprovals(memoryStorage()) });
    controller.saveModule('my_math.ts', newModuleSource(), { select: true });
    await settle();
    expect(store.getState().moduleTypes.map((t) => t.type)).toEqual(['my_math.Double']);
    expect(store.getState().catalog.lookup('my_math.Double')?.inputs).toEqual(['x']);
    expect(controller.view.getState().selected).toBe('my_math.ts');
    controller.dispose();
  });

  it('never evaluates modules that came with a loaded document until approved', async () => {
    const store = createEditorStore({ parseDelayMs: 0 });
    const { analyzer, calls } = fakeAnalyzer();
    const controller = startModuleAnalysis(store, { analyzer, approvals: createApprovals(memoryStorage()) });
    store.getState().loadDocument(store.getState().text, 'model.yaml', [{ file: 'loaded.ts', source: newModuleSource() }]);
    await settle();
    expect(calls).toEqual([]);
    expect(controller.view.getState().pending).toEqual(['loaded.ts']);
    controller.approveAll();
    await settle();
    expect(calls).toEqual([['loaded.ts']]);
    expect(store.getState().moduleTypes.map((t) => t.type)).toEqual(['loaded.Double']);
    controller.dispose();
  });

  it('keeps the last good types while a module does not compile, and reports where', async () => {
    const store = createEditorStore({ parseDelayMs: 0 });
    const { analyzer } = fakeAnalyzer();
    const controller = startModuleAnalysis(store, { analyzer, approvals: createApprovals(memoryStorage()) });
    controller.saveModule('my_math.ts', newModuleSource());
    await settle();
    controller.saveModule('my_math.ts', newModuleSource().replace('override step', 'override step(('));
    await settle();
    expect(store.getState().moduleTypes.map((t) => t.type)).toEqual(['my_math.Double']);
    const [problem] = controller.view.getState().diagnostics;
    expect(problem).toMatchObject({ code: 'module-syntax', file: 'my_math.ts' });
    expect(problem?.range?.start.line).toBe(10);
    controller.dispose();
  });
});
