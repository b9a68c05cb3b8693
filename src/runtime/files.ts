/**
 * The in-memory file store of one run. Components write text files through it (paths kept exactly
 * as written: 'ray.csv', './b.txt'); every write is reported as a 'file' run event, and the run
 * result carries the full text of every file. Readers read from the same store; the CLI (or the app)
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

let defaultKeepLimit = Infinity;

/**
 * Sets the keep limit of stores created later without one (the CLI sets it once, so memory stays
 * bounded while rows stream to disk; stores created by the runtime pick it up).
 * @example setDefaultKeepLimit(8 * 1024 * 1024)
 */
export function setDefaultKeepLimit(limit: number): void {
  defaultKeepLimit = limit;
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
  /** Replaces the file's text (creates it). */
  truncate(path: string, component: string, text?: string, detail?: FileWriteDetail): void;
  /** Appends text (creates the file, continuing an existing file from `load`). */
  append(path: string, component: string, text: string, detail?: FileWriteDetail): void;
  /** Files written during this run (path → text), except those past the keep limit. */
  written(): Record<string, string>;
  /** Every file the store knows (pre-loaded and written). */
  snapshot(): Record<string, string>;
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
  const load = (path: string): string | undefined => {
    if (dropped.has(path)) return undefined;
    if (files.has(path)) return files.get(path);
    const loaded = options.load?.(path);
    if (loaded !== undefined) files.set(path, loaded);
    return loaded;
  };
  return {
    read: load,
    truncate(path, component, text = '', detail) {
      dropped.delete(path);
      keep(path, text);
      writtenPaths.add(path);
      emit({ kind: 'file', t: now(), component, path, text, mode: 'truncate', ...detail });
    },
    append(path, component, text, detail) {
      if (!dropped.has(path)) keep(path, (load(path) ?? '') + text);
      writtenPaths.add(path);
      emit({ kind: 'file', t: now(), component, path, text, mode: 'append', ...detail });
    },
    written: () => Object.fromEntries([...writtenPaths].filter((p) => !dropped.has(p)).map((p) => [p, files.get(p) ?? ''])),
    snapshot: () => Object.fromEntries(files),
  };
}
