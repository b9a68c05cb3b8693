// Keeps the editor's module types in step with the module sources: compiles every module on the
// main thread (sucrase only transforms text; no user code runs), evaluates the approved ones in the
// modules worker to learn their component types, and publishes them with `setModuleTypes`.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ComponentTypeInfo, Diagnostic, ErrorInfo, ModuleSource } from '../../src/index.ts';
import { compileModule } from '../../src/modules/compileModule.ts';
import type { EditorStore } from '../store/createEditorStore.ts';
import { isLive } from '../store/runSlice.ts';
import { createApprovals, type Approvals } from './approvals.ts';
import { createModuleAnalyzer, type ModuleAnalyzer } from './moduleAnalyzer.ts';
import { modulesForRun } from './modulesForRun.ts';

export interface ModulesViewState {
  /** Compile and load problems, each with `file` (and a range when known). */
  readonly diagnostics: readonly Diagnostic[];
  /** Modules that will not run before the user agrees (Load types or Run). */
  readonly pending: readonly string[];
  readonly analyzing: boolean;
  readonly selected: string | null;
  /** The last run's error when it points into a module. */
  readonly runError: ErrorInfo | null;
}

export interface ModulesController {
  readonly view: StoreApi<ModulesViewState>;
  readonly approvals: Approvals;
  /** Saves a module the user typed or created (approving that source) and selects it. */
  saveModule(file: string, source: string, options?: { select?: boolean }): void;
  /** Adds or replaces a module the user did not write (generated stubs): it waits for approval. */
  addModule(file: string, source: string): void;
  removeModule(file: string): void;
  select(file: string | null): void;
  approveAll(): void;
  dispose(): void;
}

const DEBOUNCE_MS = 250;
const controllers = new WeakMap<EditorStore, ModulesController>();

const sameTypes = (a: readonly ComponentTypeInfo[], b: readonly ComponentTypeInfo[]) => JSON.stringify(a) === JSON.stringify(b);

function compileDiagnostics(modules: readonly ModuleSource[]): Diagnostic[] {
  return modules.flatMap((m) => (m.file.endsWith('.py') ? [] : compileModule(m).diagnostics)); // .py: checked by Python in the analyzer
}

function moduleErrorOf(store: EditorStore): ErrorInfo | null {
  const { run } = store.getState();
  if (run.error?.file) return run.error;
  return Object.values(run.components).find((c) => c.error?.file)?.error ?? null;
}

/**
 * The modules controller of an editor store, started on first use (idempotent). Call it once at
 * startup so module types are ready before the Modules view is opened.
 * @example startModuleAnalysis(store);
 */
export function startModuleAnalysis(store: EditorStore, deps: { analyzer?: ModuleAnalyzer; approvals?: Approvals } = {}): ModulesController {
  const existing = controllers.get(store);
  if (existing) return existing;
  const analyzer = deps.analyzer ?? createModuleAnalyzer();
  const approvals = deps.approvals ?? createApprovals(typeof localStorage === 'undefined' ? null : localStorage);
  const view = createStore<ModulesViewState>()(() => ({
    diagnostics: [],
    pending: [],
    analyzing: false,
    selected: store.getState().modules[0]?.file ?? null,
    runError: null,
  }));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let token = 0;

  const analyze = async () => {
    timer = null;
    const ticket = ++token;
    const { modules } = store.getState();
    const approved = modules.filter((m) => approvals.isApproved(m.file, m.source));
    const pending = modules.filter((m) => !approved.includes(m)).map((m) => m.file);
    const compileProblems = compileDiagnostics(modules);
    view.setState({ pending, diagnostics: compileProblems });
    const approvedBroken = compileProblems.some((d) => approved.some((m) => m.file === d.file) && d.severity === 'error');
    // While a module does not compile, the canvas keeps the last good types (nothing goes blank).
    if (approvedBroken) return;
    if (approved.length === 0) {
      if (store.getState().moduleTypes.length > 0) store.getState().setModuleTypes([]);
      return;
    }
    view.setState({ analyzing: true });
    const result = await analyzer.analyze(approved);
    if (ticket !== token) return;
    view.setState({ analyzing: false, diagnostics: [...compileProblems, ...result.diagnostics] });
    const failed = result.diagnostics.some((d) => d.severity === 'error') && result.types.length === 0;
    if (!failed && !sameTypes(store.getState().moduleTypes, result.types)) store.getState().setModuleTypes(result.types);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void analyze(), DEBOUNCE_MS);
  };

  let previousModules = store.getState().modules;
  let previousPhase = store.getState().run.phase;
  const unsubscribeStore = store.subscribe((state) => {
    if (state.modules !== previousModules) {
      previousModules = state.modules;
      const selected = view.getState().selected;
      if (selected === null || !state.modules.some((m) => m.file === selected)) view.setState({ selected: state.modules[0]?.file ?? null });
      schedule();
    }
    if (state.run.phase !== previousPhase) {
      previousPhase = state.run.phase;
      // Pressing Run is consent to run the modules it uses.
      if (state.run.phase === 'running' && state.config) approvals.approve(modulesForRun(state.config, state.modules));
      view.setState({ runError: isLive(state.run.phase) ? null : moduleErrorOf(store) });
    }
  });
  const unsubscribeApprovals = approvals.subscribe(schedule);
  schedule();

  const controller: ModulesController = {
    view,
    approvals,
    saveModule(file, source, options) {
      approvals.approve([{ file, source }]);
      store.getState().setModule(file, source);
      if (options?.select) view.setState({ selected: file });
    },
    addModule(file, source) {
      store.getState().setModule(file, source);
    },
    removeModule(file) {
      store.getState().removeModule(file);
    },
    select(file) {
      view.setState({ selected: file });
    },
    approveAll() {
      approvals.approve(store.getState().modules);
    },
    dispose() {
      unsubscribeStore();
      unsubscribeApprovals();
      if (timer) clearTimeout(timer);
      analyzer.dispose();
      controllers.delete(store);
    },
  };
  controllers.set(store, controller);
  return controller;
}
