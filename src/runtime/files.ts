/**
 * The in-memory file store of one run. Components write text files through it (paths kept as first
 * written: 'ray.csv', './b.txt', and `b.txt` then names the same file; a path leaving the run's
 * folder throws); every write is reported as a 'file' run event, and the run result carries the full text of every file. Readers read from the same store; the CLI (or the app)
 * can pre-load files or provide a `load` fallback for files that exist outside the run.
 */
import type { RunEvent } from '../protocol/events.ts';
import { now } from '../lib/clock.ts';

export type FileEvent = Extract<RunEvent, { kind: 'file' }>;

export interface FileStoreOptions {
  /** Initial files, path → text. */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * Called for a path the store does not hold yet, when a component reads it or appends to it
   * (append mode continues an existing file, as Python's `open(path, 'a')` does).
   */
  readonly load?: (path: string) => string | undefined;
  /** Receives one event per write. */
  readonly onEvent?: (event: FileEvent) => void;
  /**
   * Most characters of written text kept per file (default: {@link setDefaultKeepLimit}, else no
   * limit). A file that grows past it is only reported through `onEvent` (the CLI streams those
   * events to disk): its text is dropped, `read` returns undefined and `written()` leaves it out.
   */
  readonly keepLimit?: number;
}

/**
 * The default keep limit: PLUGBOARD_FILE_KEEP_LIMIT (characters) when the host has an environment
 * (Node; worker threads share it, so the CLI sets it once for every worker), else no limit.
 */
function envKeepLimit(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = Number(env?.['PLUGBOARD_FILE_KEEP_LIMIT']);
  return Number.isFinite(value) && value >= 0 ? value : Infinity;
}

let defaultKeepLimit = envKeepLimit();

/**
 * Sets the keep limit of stores created later without one (the CLI sets it once, so memory stays
 * bounded while rows stream to disk; stores created by the runtime pick it up).
 * @example setDefaultKeepLimit(8 * 1024 * 1024)
 */
export function setDefaultKeepLimit(limit: number): void {
  defaultKeepLimit = limit;
}

/**
 * The current default keep limit (for code outside a store that also keeps written text).
 * @example if (text.length > fileKeepLimit()) dropText()
 */
export function fileKeepLimit(): number {
  return defaultKeepLimit;
}

/** Extra data a writer attaches to an append (FileWriter reports header and rows as values). */
export interface FileWriteDetail {
  readonly header?: readonly string[];
  readonly rows?: readonly (readonly unknown[])[];
  /** When each row was complete (epoch ms, same clock as run events). */
  readonly times?: readonly number[];
}

/**
 * @example
 * const store = createFileStore({ onEvent: (e) => console.log(e.path, e.text) });
 * store.truncate('b.txt', 'b'); store.append('b.txt', '0\n', 'b');
 * store.snapshot(); // { 'b.txt': '0\n' }
 */
export interface FileStore {
  /** Full text of a file, or undefined when it does not exist. */
  read(path: string): string | undefined;
  /** Replaces the file's text (creates it). Throws for a path that leaves the run's folder. */
  truncate(path: string, component: string, text?: string, detail?: FileWriteDetail): void;
  /** Appends text (creates the file, continuing an existing file from `load`). */
  append(path: string, component: string, text: string, detail?: FileWriteDetail): void;
  /** Files written during this run (path → text), except those past the keep limit. */
  written(): Record<string, string>;
  /** Every file the store knows (pre-loaded and written). */
  snapshot(): Record<string, string>;
}

/**
 * The key of a path a component writes, relative to the run's folder: `./a//b.csv` → `a/b.csv`.
 * Undefined for a path that leaves the folder (absolute, `..` out of it, a drive letter, NUL) —
 * the same rule the CLI applies to `--out-dir`, so a model behaves alike in the app and the CLI.
 * @example normalizeWritePath('./out/../b.txt') // 'b.txt'
 */
export function normalizeWritePath(path: string): string | undefined {
  if (typeof path !== 'string' || path === '' || path.includes('\0') || path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) return undefined;
  const parts: string[] = [];
  for (const part of path.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}

/** @example const store = createFileStore(); */
export function createFileStore(options: FileStoreOptions = {}): FileStore {
  const files = new Map<string, string>(Object.entries(options.files ?? {}));
  const writtenPaths = new Set<string>();
  const dropped = new Set<string>();
  const keepLimit = options.keepLimit ?? defaultKeepLimit;
  const keep = (path: string, text: string): void => {
    if (text.length > keepLimit) {
      files.delete(path);
      dropped.add(path);
    } else files.set(path, text);
  };
  const emit = (event: FileEvent): void => options.onEvent?.(event);
  /** The spelling first written for each normalised path: `./b.txt` and `b.txt` are one file. */
  const spellings = new Map<string, string>();
  const writeKey = (path: string): string => {
    const norm = normalizeWritePath(path);
    if (norm === undefined) throw new Error(`Cannot write '${path}': the path leaves the run's folder; use a relative path inside it (no '..' out of it, not absolute).`);
    const first = spellings.get(norm);
    if (first !== undefined) return first;
    spellings.set(norm, path);
    return path;
  };
  const load = (path: string): string | undefined => {
    if (dropped.has(path)) return undefined;
    if (files.has(path)) return files.get(path);
    const loaded = options.load?.(path);
    if (loaded !== undefined) files.set(path, loaded);
    return loaded;
  };
  return {
    read: (path) => load(spellings.get(normalizeWritePath(path) ?? '') ?? path),
    truncate(asWritten, component, text = '', detail) {
      const path = writeKey(asWritten);
      dropped.delete(path);
      keep(path, text);
      writtenPaths.add(path);
      emit({ kind: 'file', t: now(), component, path, text, mode: 'truncate', ...detail });
    },
    append(asWritten, component, text, detail) {
      const path = writeKey(asWritten);
      if (!dropped.has(path)) keep(path, (load(path) ?? '') + text);
      writtenPaths.add(path);
      emit({ kind: 'file', t: now(), component, path, text, mode: 'append', ...detail });
    },
    written: () => Object.fromEntries([...writtenPaths].filter((p) => !dropped.has(p)).map((p) => [p, files.get(p) ?? ''])),
    snapshot: () => Object.fromEntries(files),
  };
}
