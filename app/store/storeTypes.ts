/**
 * The editor store's types: its state, the dependencies it is built with, and the slice shapes.
 * Apart from `createEditorStore.ts` so the slices (`slices/*.ts`) can name them without an import cycle.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ComponentTypeInfo, ConfigSpec, Diagnostic, ModuleSource, RunHandle, StartRun, TypeCatalog } from '../../src/index.ts';
import type { DocumentEdit, Layout, ParseResult, Position } from '../document/core.ts';
import type { History } from './history.ts';
import type { RunState } from './runSlice.ts';

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
  // work in flight: owned by the store, so listeners see it with the rest of the state
  /** The parse waiting for a typing pause (typed YAML), or null. */
  readonly parseTimer: ReturnType<typeof setTimeout> | null;
  /** Bumped whenever a worker parse starts or is superseded: a result with an older ticket is dropped. */
  readonly parseTicket: number;
  /**
   * Edits of a big text for the parse worker, in order: the first is in flight, the others wait for
   * it and then apply to the text it left (two quick edits both land).
   */
  readonly workerEdits: readonly WorkerEdit[];
  /** The model text last parsed (without the layout line) and its catalog: a change that only moves
   * nodes (a drag, an undo of one) rewrites the layout comment and needs no parse. */
  readonly parsedBody: string | null;
  readonly parsedCatalog: TypeCatalog | null;
  /** The line `layout` was read from: an edit that leaves the line alone keeps the layout object. */
  readonly layoutLine: string | undefined;
  /** The host's handle of the run in progress, or null. */
  readonly runHandle: RunHandle | null;
  /** Bumped per run: events and results of an older run are dropped. */
  readonly runToken: number;
  /** Run was pressed while a big text's model was still being parsed in the worker: it starts after. */
  readonly runQueued: boolean;

  setText(text: string, source: ChangeSource, options?: { mergeKey?: string | null; fileName?: string; resetHistory?: boolean }): void;
  /**
   * Brings the model up to the text: a small text is parsed now; a big one (`asyncEditChars`) has
   * its pending parse started in the worker, and `isParsing` stays true until the reply.
   */
  flushParse(): void;
  /** `flushParse`, then resolves once no parse or worker edit is pending or in flight (the model matches the text). */
  modelReady(): Promise<void>;
  edit(edits: readonly DocumentEdit[], options?: { mergeKey?: string; layout?: Layout; source?: ChangeSource }): boolean;
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
  /** Pause / Step / Resume of the run in progress (issue 10). */
  pauseRun(): void;
  stepRun(): void;
  resumeRun(): void;
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
  /** Debounce for parsing typed YAML (ms); default 30 with `parseAsync`, else 200. */
  readonly parseDelayMs?: number;
  /** Parses typed text off the main thread (a worker); used for texts of `asyncParseChars` (default 0: all) or more. */
  readonly parseAsync?: (text: string, moduleTypes: readonly ComponentTypeInfo[]) => Promise<ParseResult>;
  readonly asyncParseChars?: number;
  /** Applies model edits to a big text and parses the result off the main thread (the worker). */
  readonly editAsync?: (text: string, edits: readonly DocumentEdit[], layout: Layout | undefined, moduleTypes: readonly ComponentTypeInfo[]) => Promise<AsyncEditResult>;
  /** Texts of this many characters or more are edited with `editAsync` (default 1,000,000). */
  readonly asyncEditChars?: number;
  /** After Stop, how long the host gets to report its end before the run is ended without it (ms). */
  readonly stopAnswerMs?: number;
}

/** An edit waiting for (or in) the parse worker. */
export interface WorkerEdit {
  readonly edits: readonly DocumentEdit[];
  readonly options: { readonly mergeKey?: string; readonly layout?: Layout; readonly source?: ChangeSource };
}

/** The reply of `editAsync`: the edited text and its parse, or why the edit is not possible. */
export type AsyncEditResult = { readonly ok: true; readonly text: string; readonly result: ParseResult } | { readonly ok: false; readonly message: string };

export type EditorStore = StoreApi<EditorState>;
export type SliceSet = EditorStore['setState'];
export type SliceGet = EditorStore['getState'];
type ViewKeys = 'selection' | 'theme' | 'notice' | 'clipboard' | 'select' | 'setTheme' | 'notify' | 'clearNotice';
type RunKeys = 'run' | 'runHandle' | 'runToken' | 'runQueued' | 'startRun' | 'stopRun' | 'pauseRun' | 'stepRun' | 'resumeRun';
export type ViewSlice = Pick<EditorState, ViewKeys>;
export type RunSliceState = Pick<EditorState, RunKeys>;
export type DocumentSlice = Omit<EditorState, ViewKeys | RunKeys>;
