/**
 * The one editor store. Slices: document (YAML text = source of truth, modules, undo history),
 * view (selection, theme, notices), run (telemetry). Canvas and inspector edits become text edits via
 * `applyDocEdit`; the `config` shown everywhere is derived from the text by `parse`, and keeps the
 * last valid model while the text does not parse.
 */
import { moduleCompileErrors } from '../../src/modules/compileModule.ts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ComponentTypeInfo, ConfigSpec, Diagnostic, ModuleSource, RunHandle, StartRun, TypeCatalog } from '../../src/index.ts';
import { now } from '../../src/index.ts';
import { applyDocEdit, builtinCatalog, connectorEdit, createCatalog, parse, readLayout, writeLayout, emptyText, lastLayoutLine, withoutLayout, type ModelEdit, type Layout, type ParseResult, type Position } from '../document/core.ts';
import { EMPTY_HISTORY, recordChange, redoHistory, undoHistory, type History } from './history.ts';
import { applyRunEvents, finishedRun, IDLE_RUN, startedRun, type RunState } from './runSlice.ts';
import { probeStore } from '../runner/probeStore.ts';
import { uniqueName } from './names.ts';
import { modulesForRun } from '../modules/modulesForRun.ts';

export type ChangeSource = 'canvas' | 'yaml' | 'file' | 'history' | 'command' | 'inspector';
export type Theme = 'light' | 'dark';
/** A button on a notice (download what could not be kept, load another tab's version, ...). */
export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}
export interface Notice {
  readonly kind: 'error' | 'info';
  readonly message: string;
  readonly at: number;
  /** Stays until dismissed or acted on (lost-work warnings); others fade after a few seconds. */
  readonly sticky?: boolean;
  readonly actions?: readonly NoticeAction[];
}

export interface ClipboardContent {
  readonly components: readonly { type: string; name: string; args: Readonly<Record<string, unknown>>; position: Position }[];
  readonly connectors: readonly { source: string; target: string }[];
}

export interface EditorState {
  // document
  readonly text: string;
  readonly fileName: string;
  readonly textRevision: number;
  readonly textSource: ChangeSource;
  readonly config: ConfigSpec | null;
  readonly diagnostics: readonly Diagnostic[];
  /** False while the current text does not parse into a model (the canvas shows the last good one). */
  readonly isTextValid: boolean;
  /** True while typed text of a big model is being parsed in a worker (the canvas shows the previous parse). */
  readonly isParsing: boolean;
  readonly layout: Layout;
  /** Positions computed by auto-layout for components the layout block does not place (view only). */
  readonly autoPositions: Layout;
  readonly modules: readonly ModuleSource[];
  readonly moduleTypes: readonly ComponentTypeInfo[];
  readonly catalog: TypeCatalog;
  readonly history: History;
  /** Text and modules as last opened, created or saved: anything else is unsaved work. */
  readonly saved: { readonly text: string; readonly modules: readonly ModuleSource[] };
  // view
  readonly selection: readonly string[];
  readonly theme: Theme;
  readonly notice: Notice | null;
  readonly clipboard: ClipboardContent | null;
  // run
  readonly run: RunState;

  setText(text: string, source: ChangeSource, options?: { mergeKey?: string | null; fileName?: string; resetHistory?: boolean }): void;
  flushParse(): void;
  edit(edits: readonly ModelEdit[], options?: { mergeKey?: string; layout?: Layout; source?: ChangeSource }): boolean;
  addComponent(type: string, position?: Position): string | null;
  removeComponents(names: readonly string[], connectors?: readonly { source: string; target: string }[]): void;
  renameComponent(from: string, to: string): boolean;
  setArg(component: string, arg: string, value: unknown): boolean;
  connect(source: string, target: string): boolean;
  moveComponents(positions: Layout): void;
  setAutoPositions(positions: Layout, commit: boolean): void;
  setProcessMode(mode: 'local' | 'parallel'): void;
  undo(): void;
  redo(): void;
  newDocument(): void;
  /** Replaces the document, its modules included (modules belong to one document). */
  loadDocument(text: string, fileName: string, modules?: readonly ModuleSource[], options?: { unsaved?: boolean }): void;
  /** Marks the current text and modules as saved (after a download). */
  markSaved(): void;
  select(names: readonly string[]): void;
  copySelection(): void;
  /** Pastes the clipboard, moved by `offset` (the canvas picks free space; default 40 px down-right). */
  paste(offset?: Position): void;
  setTheme(theme: Theme): void;
  notify(kind: Notice['kind'], message: string, options?: { sticky?: boolean; actions?: readonly NoticeAction[] }): void;
  clearNotice(): void;
  setModule(file: string, source: string): void;
  removeModule(file: string): void;
  setModuleTypes(types: readonly ComponentTypeInfo[]): void;
  startRun(): void;
  stopRun(): void;
}

export interface EditorDeps {
  readonly initialText?: string;
  readonly initialFileName?: string;
  readonly initialModules?: readonly ModuleSource[];
  /** The restored document holds work that was never saved to a file (autosave). */
  readonly initialUnsaved?: boolean;
  readonly theme?: Theme;
  readonly startRun?: StartRun;
  readonly baseCatalog?: TypeCatalog;
  /** Debounce for parsing typed YAML (ms). */
  readonly parseDelayMs?: number;
  /** Parses typed text off the main thread (a worker); used for texts of `asyncParseChars` or more. */
  readonly parseAsync?: (text: string, moduleTypes: readonly ComponentTypeInfo[]) => Promise<ParseResult>;
  readonly asyncParseChars?: number;
}

export type EditorStore = StoreApi<EditorState>;

const errorsOf = (d: readonly Diagnostic[]) => d.filter((x) => x.severity === 'error');

export function processModeOf(config: ConfigSpec | null): 'local' | 'parallel' {
  return config?.process.type === 'plugboard.process.RayProcess' ? 'parallel' : 'local';
}

export function createEditorStore(deps: EditorDeps = {}): EditorStore {
  const base = deps.baseCatalog ?? builtinCatalog();
  const parseDelay = deps.parseDelayMs ?? 200;
  const asyncParseChars = deps.asyncParseChars ?? 200_000;
  let parseTimer: ReturnType<typeof setTimeout> | null = null;
  let runHandle: RunHandle | null = null;
  let runToken = 0;

  return createStore<EditorState>()((set, get) => {
    /** Parses the current text and updates the derived model (keeps the last good config on failure). */
    // The model text last parsed (without the layout line) and its catalog: a change that only moves
    // nodes (a drag, an undo of one) rewrites the layout comment and needs no parse.
    let parsedBody: string | null = null;
    let parsedCatalog: TypeCatalog | null = null;
    // The layout last read and the line it came from: an edit that leaves the line alone keeps the object.
    let layoutLine: string | undefined;
    const layoutOf = (text: string): Layout => {
      const line = lastLayoutLine(text);
      if (line === layoutLine) return get().layout;
      layoutLine = line;
      return readLayout(text);
    };
    const reparse = () => {
      if (parseTimer) clearTimeout(parseTimer);
      parseTimer = null;
      const { text, catalog, config: previous } = get();
      const body = withoutLayout(text);
      if (body === parsedBody && catalog === parsedCatalog && get().isTextValid) {
        set({ layout: layoutOf(text) });
        return;
      }
      asyncTicket++; // a parse in flight is for older text now
      if (get().isParsing) set({ isParsing: false });
      applyParse(text, catalog, parse(text, catalog), previous);
    };
    const applyParse = (text: string, catalog: TypeCatalog, result: ParseResult, previous: ConfigSpec | null) => {
      parsedBody = withoutLayout(text);
      parsedCatalog = catalog;
      // Unchanged diagnostics keep their identity, so markers, the problems list and nodes skip work.
      const diagnostics = sameDiagnostics(get().diagnostics, result.diagnostics) ? get().diagnostics : result.diagnostics;
      if (result.config) {
        set({ config: result.config, diagnostics, isTextValid: true, layout: layoutOf(text) });
      } else {
        set({ config: previous, diagnostics, isTextValid: false });
      }
    };
    // Typed text of a big model is parsed off the main thread (the page stays responsive while a
    // multi-megabyte model parses). Canvas edits, Run and undo still parse at once: they need the model.
    let asyncTicket = 0;
    const reparseTyped = () => {
      const { text, catalog, config: previous, moduleTypes } = get();
      if (!deps.parseAsync || text.length < asyncParseChars) return reparse();
      parseTimer = null;
      const ticket = ++asyncTicket;
      set({ isParsing: true });
      deps.parseAsync(text, moduleTypes).then(
        (result) => {
          if (ticket !== asyncTicket) return;
          if (get().text !== text || get().catalog !== catalog) return reparseTyped();
          set({ isParsing: false });
          applyParse(text, catalog, result, previous);
        },
        () => {
          if (ticket !== asyncTicket) return;
          reparse();
        },
      );
    };

    const commitText = (text: string, source: ChangeSource, mergeKey: string | null) => {
      const s = get();
      if (text === s.text) return;
      set({
        text,
        textSource: source,
        textRevision: s.textRevision + 1,
        history: recordChange(s.history, s.text, mergeKey, Date.now()),
      });
    };

    /** Canvas and inspector edits need a model that matches the text. */
    const canEdit = (): boolean => {
      get().flushParse();
      if (!get().isTextValid) {
        get().notify('error', 'The YAML has errors: fix them before editing on the canvas.');
        return false;
      }
      return true;
    };

    const currentPositions = (): Record<string, Position> => ({ ...get().autoPositions, ...get().layout });

    const initialText = deps.initialText ?? emptyText();
    const initialModules = deps.initialModules ?? [];

    return {
      text: initialText,
      fileName: deps.initialFileName ?? 'model.yaml',
      textRevision: 0,
      textSource: 'file',
      config: null,
      diagnostics: [],
      isTextValid: false,
      isParsing: false,
      layout: {},
      autoPositions: {},
      modules: initialModules,
      moduleTypes: [],
      catalog: base,
      history: EMPTY_HISTORY,
      saved: deps.initialUnsaved ? { text: '', modules: [] } : { text: initialText, modules: initialModules },
      selection: [],
      theme: deps.theme ?? 'light',
      notice: null,
      clipboard: null,
      run: IDLE_RUN,

      setText(text, source, options = {}) {
        const s = get();
        if (options.resetHistory) {
          set({ text, textSource: source, textRevision: s.textRevision + 1, history: EMPTY_HISTORY, autoPositions: {}, selection: [], ...(options.fileName ? { fileName: options.fileName } : {}) });
          reparse();
          return;
        }
        commitText(text, source, options.mergeKey ?? (source === 'yaml' ? 'yaml' : null));
        if (options.fileName) set({ fileName: options.fileName });
        if (source === 'yaml') {
          if (parseTimer) clearTimeout(parseTimer);
          parseTimer = setTimeout(reparseTyped, parseDelay);
        } else reparse();
      },

      flushParse() {
        if (parseTimer || get().isParsing) reparse();
      },

      edit(edits, options = {}) {
        if (!canEdit()) return false;
        let text = get().text;
        // The last edit writes the layout too, so the text is parsed once (the check there is the parse
        // `reparse` reuses).
        for (const [i, e] of edits.entries()) {
          const r = applyDocEdit(text, e, i === edits.length - 1 ? options.layout : undefined);
          if (!r.ok) {
            get().notify('error', r.diagnostics[0]?.message ?? 'That edit is not possible.');
            return false;
          }
          text = r.text;
        }
        if (options.layout && edits.length === 0) text = writeLayout(text, options.layout);
        commitText(text, options.source ?? 'command', options.mergeKey ?? null);
        reparse();
        return true;
      },

      addComponent(type, position) {
        const s = get();
        const info = s.catalog.lookup(type);
        if (!info) return s.notify('error', `Unknown component type ${type}`), null;
        const taken = new Set(s.config?.process.components.map((c) => c.name) ?? []);
        const name = uniqueName(info.className, taken);
        const args: Record<string, unknown> = {};
        // Only what the user must set: required args get a placeholder; defaults are not written.
        for (const a of info.args) if (a.required && a.default === undefined) args[a.name] = placeholderFor(a.kind);
        const positions = currentPositions();
        const pos = position ?? nextFreePosition(positions);
        const ok = get().edit([{ kind: 'add-component', type: info.type, args: { name, ...args } }], {
          layout: { ...positions, [name]: pos },
          source: 'canvas',
        });
        if (ok) set({ selection: [name] });
        return ok ? name : null;
      },

      removeComponents(names, connectors = []) {
        const gone = new Set(names);
        const edits: ModelEdit[] = [
          ...connectors.filter((c) => !gone.has(c.source.split('.')[0]!) && !gone.has(c.target.split('.')[0]!)).map((c) => connectorEdit('remove-connector', c.source, c.target)),
          ...names.map((name) => ({ kind: 'remove-component' as const, name })),
        ];
        if (edits.length === 0) return;
        const layout = Object.fromEntries(Object.entries(currentPositions()).filter(([k]) => !gone.has(k)));
        if (get().edit(edits, { layout, source: 'canvas' })) set({ selection: get().selection.filter((n) => !gone.has(n)) });
      },

      renameComponent(from, to) {
        if (from === to) return true;
        const positions = currentPositions();
        const layout: Record<string, Position> = {};
        for (const [k, p] of Object.entries(positions)) layout[k === from ? to : k] = p;
        const ok = get().edit([{ kind: 'rename-component', from, to }], { layout, source: 'inspector' });
        if (ok) set({ selection: get().selection.map((n) => (n === from ? to : n)) });
        return ok;
      },

      setArg(component, arg, value) {
        return get().edit([{ kind: 'set-arg', component, key: arg, value }], { mergeKey: `arg:${component}.${arg}`, source: 'inspector' });
      },

      connect(source, target) {
        const cfg = get().config;
        const exists = cfg?.process.connectors.some(
          (c) => `${c.source.entity}.${c.source.descriptor}` === source && `${c.target.entity}.${c.target.descriptor}` === target,
        );
        if (exists) return get().notify('error', `${source} is already connected to ${target}.`), false;
        return get().edit([connectorEdit('add-connector', source, target)], { source: 'canvas' });
      },

      moveComponents(positions) {
        if (!get().isTextValid) return;
        const layout = { ...currentPositions(), ...positions };
        commitText(writeLayout(get().text, layout), 'canvas', null);
        reparse();
      },

      setAutoPositions(positions, commit) {
        if (commit) {
          if (!canEdit()) return;
          commitText(writeLayout(get().text, positions), 'command', null);
          set({ autoPositions: {} });
          reparse();
        } else set({ autoPositions: { ...get().autoPositions, ...positions } });
      },

      setProcessMode(mode) {
        if (processModeOf(get().config) === mode) return;
        get().edit([{ kind: 'set-process-mode', mode }]);
      },

      undo() {
        get().flushParse();
        const r = undoHistory(get().history, get().text);
        if (!r) return;
        set({ text: r.text, history: r.history, textSource: 'history', textRevision: get().textRevision + 1 });
        reparse();
      },

      redo() {
        const r = redoHistory(get().history, get().text);
        if (!r) return;
        set({ text: r.text, history: r.history, textSource: 'history', textRevision: get().textRevision + 1 });
        reparse();
      },

      newDocument() {
        get().loadDocument(emptyText(), 'model.yaml', []);
      },

      loadDocument(text, fileName, modules = [], options = {}) {
        get().setText(text, 'file', { fileName, mergeKey: null });
        set({ selection: [], autoPositions: {}, modules, saved: options.unsaved ? { text: '', modules: [] } : { text: get().text, modules } });
      },

      markSaved() {
        set({ saved: { text: get().text, modules: get().modules } });
      },

      select(names) {
        const cur = get().selection;
        if (cur.length === names.length && cur.every((n, i) => n === names[i])) return;
        set({ selection: names });
      },

      copySelection() {
        const { config, selection } = get();
        if (!config || selection.length === 0) return;
        const chosen = new Set(selection);
        const positions = currentPositions();
        set({
          clipboard: {
            components: config.process.components
              .filter((c) => chosen.has(c.name))
              .map((c) => ({ type: c.type, name: c.name, args: c.args, position: positions[c.name] ?? { x: 0, y: 0 } })),
            connectors: config.process.connectors
              .filter((c) => chosen.has(c.source.entity) && chosen.has(c.target.entity))
              .map((c) => ({ source: `${c.source.entity}.${c.source.descriptor}`, target: `${c.target.entity}.${c.target.descriptor}` })),
          },
        });
      },

      paste(offset = { x: 40, y: 40 }) {
        const { clipboard, config } = get();
        if (!clipboard || !config) return;
        const taken = new Set(config.process.components.map((c) => c.name));
        const renamed = new Map<string, string>();
        const layout: Record<string, Position> = { ...currentPositions() };
        const edits: ModelEdit[] = [];
        for (const c of clipboard.components) {
          const name = uniqueName(c.name, taken);
          taken.add(name);
          renamed.set(c.name, name);
          const { name: _drop, ...args } = c.args;
          edits.push({ kind: 'add-component', type: c.type, args: { name, ...args } });
          layout[name] = { x: c.position.x + offset.x, y: c.position.y + offset.y };
        }
        const rename = (ref: string) => {
          const i = ref.indexOf('.');
          return `${renamed.get(ref.slice(0, i))}${ref.slice(i)}`;
        };
        for (const c of clipboard.connectors) edits.push(connectorEdit('add-connector', rename(c.source), rename(c.target)));
        if (get().edit(edits, { layout, source: 'canvas' })) set({ selection: [...renamed.values()] });
      },

      setTheme(theme) {
        set({ theme });
      },

      notify(kind, message, options = {}) {
        set({ notice: { kind, message, at: Date.now(), ...options } });
      },

      clearNotice() {
        set({ notice: null });
      },

      setModule(file, source) {
        const others = get().modules.filter((m) => m.file !== file);
        const existing = get().modules.findIndex((m) => m.file === file);
        const modules = existing >= 0 ? get().modules.map((m) => (m.file === file ? { file, source } : m)) : [...others, { file, source }];
        set({ modules });
      },

      removeModule(file) {
        set({ modules: get().modules.filter((m) => m.file !== file) });
      },

      setModuleTypes(types) {
        set({ moduleTypes: types, catalog: createCatalog(types, base) });
        reparse();
      },

      startRun() {
        const s = get();
        s.flushParse();
        const errors = errorsOf(get().diagnostics);
        if (errors.length > 0 || !get().isTextValid || !get().config) return get().notify('error', runRefusal(errors, get().fileName));
        const moduleErrors = moduleCompileErrors(get().modules);
        if (moduleErrors.length > 0) {
          const d = moduleErrors[0]!;
          return get().notify('error', `Module ${d.file ?? ''}:${d.range?.start.line ?? 1}: ${d.message} Fix it before running.`);
        }
        if (!deps.startRun) return get().notify('error', 'No runner available.');
        if (runHandle) return;
        const config = get().config!;
        const mode = processModeOf(config);
        const token = ++runToken;
        set({ run: startedRun(mode, config.process.components.map((c) => c.name), now()), notice: null });
        let handle: RunHandle;
        try {
          // The run gets a snapshot: this text and the modules its types name. Later edits are for the next run.
          handle = deps.startRun({ yaml: get().text, mode, modules: modulesForRun(config, get().modules), probes: probeStore.keys() }, (events) => {
            if (token !== runToken) return;
            set({ run: applyRunEvents(get().run, events) });
          });
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          set({ run: finishedRun(get().run, { status: 'failed', error: { name: 'Error', message }, files: {}, startedAt: now(), endedAt: now() }) });
          return;
        }
        runHandle = handle;
        handle.done.then(
          (result) => {
            if (token !== runToken) return;
            runHandle = null;
            set({ run: finishedRun(get().run, get().run.phase === 'stopped' ? { ...result, status: 'stopped' } : result) });
          },
          (err: unknown) => {
            if (token !== runToken) return;
            runHandle = null;
            const message = err instanceof Error ? err.message : String(err);
            set({ run: finishedRun(get().run, { status: 'failed', error: { name: 'Error', message }, files: {}, startedAt: get().run.startedAt ?? now(), endedAt: now() }) });
          },
        );
      },

      stopRun() {
        const handle = runHandle;
        if (!handle) return;
        runHandle = null;
        handle.cancel();
        // Stop is immediate for the user: the run is over now; files that arrive with `done` still land.
        set({ run: finishedRun(get().run, { status: 'stopped', files: {}, startedAt: get().run.startedAt ?? now(), endedAt: now() }) });
      },
    };
  });
}

/** True when the document holds work not yet saved to a file. */
export function selectUnsaved(s: Pick<EditorState, 'text' | 'modules' | 'saved'>): boolean {
  return s.text !== s.saved.text || s.modules !== s.saved.modules;
}

/** Why Run is refused: the first problem with its place, and whether the text parses at all. */
function runRefusal(errors: readonly Diagnostic[], file: string): string {
  const first = errors[0];
  if (!first) return 'The model is not ready to run.';
  const where = first.range ? ` (${file}:${first.range.start.line}:${first.range.start.column})` : '';
  const lead = first.code === 'yaml-syntax' ? 'The YAML does not parse' : `Fix ${errors.length} problem${errors.length > 1 ? 's' : ''} before running`;
  return `${lead}: ${first.message}${where}`;
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

function placeholderFor(kind: string): unknown {
  switch (kind) {
    case 'number':
    case 'integer':
      return 0;
    case 'string':
      return '';
    case 'boolean':
      return false;
    case 'string-list':
    case 'number-list':
      return [];
    case 'mapping':
      return {};
    default:
      return null;
  }
}

function nextFreePosition(positions: Layout): Position {
  const values = Object.values(positions);
  if (values.length === 0) return { x: 80, y: 80 };
  const maxX = Math.max(...values.map((p) => p.x));
  return { x: maxX + 260, y: 80 };
}

/** Initialises the derived state (parse) once the store exists. */
export function initEditorStore(store: EditorStore): EditorStore {
  store.getState().setText(store.getState().text, 'file', { resetHistory: true });
  return store;
}
