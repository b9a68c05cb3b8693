/**
 * The document slice: the YAML text (the source of truth), the model parsed from it, its layout,
 * modules, undo history, and the parse in flight. Canvas and inspector edits become text edits via
 * `applyDocEdit`; `config` is derived from the text by `parse` and keeps the last valid model while
 * the text does not parse.
 */
import type { ConfigSpec, Diagnostic, TypeCatalog } from '../../../src/index.ts';
import { applyDocEdits, EDIT_NEEDS_VALID_TEXT, connectorEdit, createCatalog, parse, readLayout, writeLayout, emptyText, lastLayoutLine, withoutLayout, type DocumentEdit, type ModelEdit, type Layout, type ParseResult, type Position } from '../../document/core.ts';
import { EMPTY_HISTORY, recordChange, redoHistory, undoHistory } from '../history.ts';
import { uniqueName } from '../names.ts';
import type { ChangeSource, DocumentSlice, EditorDeps, EditorState, EditorStore, SliceGet, SliceSet, WorkerEdit } from '../storeTypes.ts';
import { processModeOf } from './run.ts';

export function documentSlice(set: SliceSet, get: SliceGet, deps: EditorDeps, base: TypeCatalog, subscribe: EditorStore['subscribe']): DocumentSlice {
  // With a worker the parse costs the page nothing, so a short pause (one burst of keys) is enough;
  // on the main thread a longer one keeps typing smooth.
  const parseDelay = deps.parseDelayMs ?? (deps.parseAsync ? 30 : 200);
  const asyncParseChars = deps.asyncParseChars ?? 0;
  const asyncEditChars = deps.asyncEditChars ?? 1_000_000;
  /** The layout patch for `text`: nothing when its layout line is the one `layout` came from. */
  const layoutPatch = (text: string): Partial<EditorState> => {
    const line = lastLayoutLine(text);
    return line === get().layoutLine ? {} : { layout: readLayout(text), layoutLine: line };
  };
  /** Parses the current text and updates the derived model (keeps the last good config on failure). */
  const reparse = () => {
    const s = get();
    if (s.parseTimer) clearTimeout(s.parseTimer);
    if (withoutLayout(s.text) === s.parsedBody && s.catalog === s.parsedCatalog && s.isTextValid) {
      set({ parseTimer: null, ...layoutPatch(s.text) });
      return;
    }
    // A worker parse in flight is for older text now.
    applyParse(s.text, s.catalog, parse(s.text, s.catalog), s.config, { parseTimer: null, parseTicket: s.parseTicket + 1, isParsing: false });
  };
  const applyParse = (text: string, catalog: TypeCatalog, result: ParseResult, previous: ConfigSpec | null, extra: Partial<EditorState> = {}) => {
    // Unchanged diagnostics keep their identity, so markers, the problems list and nodes skip work.
    const diagnostics = sameDiagnostics(get().diagnostics, result.diagnostics) ? get().diagnostics : result.diagnostics;
    const parsed = { ...extra, parsedBody: withoutLayout(text), parsedCatalog: catalog, diagnostics };
    if (result.config) set({ ...parsed, config: result.config, isTextValid: true, ...layoutPatch(text) });
    else set({ ...parsed, config: previous, isTextValid: false });
  };
  // Typed text is parsed off the main thread (no long task while typing, and a multi-megabyte model
  // keeps the page responsive). Canvas edits, Run and undo still parse at once: they need the model.
  const reparseTyped = () => {
    const { text, catalog, config: previous, moduleTypes, parseTicket, parsedBody, parsedCatalog, isTextValid } = get();
    if (!deps.parseAsync || text.length < asyncParseChars) return reparse();
    // Typing in the layout comment needs no parse (reparse only reads the layout line then).
    if (isTextValid && catalog === parsedCatalog && withoutLayout(text) === parsedBody) return reparse();
    const ticket = parseTicket + 1;
    set({ parseTimer: null, parseTicket: ticket, isParsing: true });
    deps.parseAsync(text, moduleTypes).then(
      (result) => {
        if (ticket !== get().parseTicket) return;
        if (get().text !== text || get().catalog !== catalog) return reparseTyped();
        applyParse(text, catalog, result, previous, { isParsing: false });
      },
      () => {
        if (ticket !== get().parseTicket) return;
        reparse();
      },
    );
  };

  /** A text big enough that model edits and undo/redo are parsed in the worker (seconds on the main thread at 5 MB). */
  const bigText = () => !!deps.parseAsync && get().text.length >= asyncEditChars;
  /**
   * After undo/redo: a big text is parsed in the worker like typed text (the model follows when the
   * reply comes; a pending parse of the text it replaced is dropped by the ticket), a small one at once.
   */
  const reparseAfterHistory = () => (bigText() ? reparseTyped() : reparse());

  /**
   * A model edit of a big text, applied and parsed in the worker (on the main thread both take
   * seconds at 5 MB). The text and model change together when the reply comes; typing in between
   * wins (the edit is dropped with a notice). An edit asked while another is in flight waits for it
   * and applies to the text it left. Returns true: the edit was sent.
   */
  const editInWorker = (edits: readonly DocumentEdit[], options: WorkerEdit['options']): boolean => {
    const queued = get().workerEdits;
    set({ workerEdits: [...queued, { edits, options }] });
    if (queued.length === 0) startWorkerEdit();
    return true;
  };
  /** Sends the first of `workerEdits`; when it settles, the next one. */
  const startWorkerEdit = (): void => {
    const s = get();
    const next = s.workerEdits[0];
    if (!next) return;
    const { edits, options } = next;
    if (s.parseTimer) clearTimeout(s.parseTimer);
    const { text, catalog, config: previous } = s;
    const ticket = s.parseTicket + 1;
    set({ parseTimer: null, parseTicket: ticket, isParsing: true });
    const stale = () => ticket !== get().parseTicket || get().text !== text || get().catalog !== catalog;
    const settle = (): void => {
      set({ workerEdits: get().workerEdits.slice(1) });
      startWorkerEdit();
    };
    deps.editAsync!(text, edits, options.layout, s.moduleTypes).then(
      (r) => {
        if (stale()) {
          if (ticket === get().parseTicket) set({ isParsing: false }); // the typed text's own parse is pending
          get().notify('error', 'The text changed while that edit was being applied; it was not applied. Try again.');
        } else if (!r.ok) {
          set({ isParsing: false });
          get().notify('error', r.message);
        } else {
          commitText(r.text, options.source ?? 'command', options.mergeKey ?? null);
          applyParse(r.text, catalog, r.result, previous, { isParsing: false });
        }
        settle();
      },
      () => {
        if (ticket === get().parseTicket) {
          set({ isParsing: false });
          get().notify('error', 'That edit could not be applied (the parse worker failed).');
        }
        settle();
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

  /** Canvas and inspector edits need a model that matches the text (small texts: big ones are edited in the worker). */
  const canEdit = (): boolean => {
    get().flushParse();
    if (!get().isTextValid) {
      get().notify('error', EDIT_NEEDS_VALID_TEXT);
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
    parseTimer: null,
    parseTicket: 0,
    workerEdits: [],
    parsedBody: null,
    parsedCatalog: null,
    layoutLine: undefined,

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
        const pending = get().parseTimer;
        if (pending) clearTimeout(pending);
        set({ parseTimer: setTimeout(reparseTyped, parseDelay) });
      } else reparse();
    },

    flushParse() {
      const s = get();
      if (!s.parseTimer && !s.isParsing) return;
      // A big text is not parsed on the main thread (seconds at 5 MB): its pending parse starts in
      // the worker now and the model follows with the reply (`isParsing` until then).
      if (!bigText()) return reparse();
      if (!s.parseTimer) return;
      clearTimeout(s.parseTimer);
      set({ parseTimer: null });
      reparseTyped();
    },

    modelReady() {
      get().flushParse();
      const settled = (s: EditorState): boolean => !s.isParsing && !s.parseTimer && s.workerEdits.length === 0;
      if (settled(get())) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const unsubscribe = subscribe((s) => {
          if (!settled(s)) return;
          unsubscribe();
          resolve();
        });
      });
    },

    edit(edits, options = {}) {
      if (deps.editAsync && get().text.length >= asyncEditChars) return editInWorker(edits, options);
      if (!canEdit()) return false;
      // The last edit writes the layout too, so the text is parsed once (the check there is the parse
      // `reparse` reuses).
      const r = applyDocEdits(get().text, edits, options.layout);
      if (!r.ok) {
        get().notify('error', r.message);
        return false;
      }
      commitText(r.text, options.source ?? 'command', options.mergeKey ?? null);
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
      if (!bigText()) get().flushParse();
      else if (get().parseTimer) {
        clearTimeout(get().parseTimer!);
        set({ parseTimer: null });
      }
      const r = undoHistory(get().history, get().text);
      if (!r) return;
      set({ text: r.text, history: r.history, textSource: 'history', textRevision: get().textRevision + 1 });
      reparseAfterHistory();
    },

    redo() {
      const r = redoHistory(get().history, get().text);
      if (!r) return;
      set({ text: r.text, history: r.history, textSource: 'history', textRevision: get().textRevision + 1 });
      reparseAfterHistory();
    },

    newDocument() {
      get().loadDocument(emptyText(), 'model.yaml', []);
    },

    loadDocument(text, fileName, modules = [], options = {}) {
      // Edits still waiting for the worker were for the document being replaced (the one in flight
      // is dropped when it answers: the text changed).
      set({ workerEdits: get().workerEdits.slice(0, 1) });
      get().setText(text, 'file', { fileName, mergeKey: null });
      set({ selection: [], autoPositions: {}, modules, saved: options.unsaved ? { text: '', modules: [] } : { text: get().text, modules } });
    },

    markSaved() {
      set({ saved: { text: get().text, modules: get().modules } });
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
  };
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
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
