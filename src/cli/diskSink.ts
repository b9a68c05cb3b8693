/**
 * Streams the files a run writes to disk as the 'file' events arrive (FileWriter appends whole
 * rows), so a killed run keeps what was written and memory does not grow with the file. Each file
 * fails alone: a path outside `--out-dir`, a folder in the way, a full disk… is reported once with
 * the component and the path, and the other files go on being written.
 */
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileEvent } from '../runtime/files.ts';
import { checkOutputPath } from './paths.ts';

interface OpenFile {
  fd: number | undefined;
  readonly target: string | undefined;
  readonly component: string;
  error?: string;
}

/** One output file's outcome. */
export interface WrittenFile {
  readonly path: string;
  readonly component: string;
  readonly target?: string;
  readonly error?: string;
}

export interface DiskSink {
  /** Writes one file event (creates, truncates or appends). */
  write(event: FileEvent): void;
  /** Writes a file no event reported (a run result's file); files already streamed are left alone. */
  ensure(path: string, component: string, text: string): void;
  /** Closes every file and lists what happened to each. */
  close(): WrittenFile[];
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * @example
 * const sink = createDiskSink('/tmp/out');
 * onEvents = (events) => events.forEach((e) => e.kind === 'file' && sink.write(e));
 */
export function createDiskSink(outDir: string): DiskSink {
  const files = new Map<string, OpenFile>();
  const fail = (file: OpenFile, error: unknown): void => {
    file.error ??= error instanceof Error ? ((error as NodeJS.ErrnoException).code ? `${(error as NodeJS.ErrnoException).code}: ${error.message.replace(/^\w+: /, '')}` : error.message) : String(error);
    if (file.fd !== undefined) closeSync(file.fd);
    file.fd = undefined;
  };
  const open = (file: OpenFile, truncate: boolean): void => {
    if (file.fd !== undefined) closeSync(file.fd);
    mkdirSync(dirname(file.target!), { recursive: true });
    const flags = constants.O_WRONLY | constants.O_CREAT | NOFOLLOW | (truncate ? constants.O_TRUNC : constants.O_APPEND);
    file.fd = openSync(file.target!, flags, 0o644);
  };
  const get = (path: string, component: string): OpenFile => {
    let file = files.get(path);
    if (!file) {
      const check = checkOutputPath(outDir, path);
      file = { fd: undefined, target: check.ok ? check.target : undefined, component, ...(check.ok ? {} : { error: check.reason }) };
      files.set(path, file);
    }
    return file;
  };
  const writeText = (file: OpenFile, text: string): void => {
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(file.fd!, bytes, done, bytes.length - done);
  };
  return {
    write(event) {
      const file = get(event.path, event.component);
      if (file.error !== undefined) return;
      try {
        if (event.mode === 'truncate' || file.fd === undefined) open(file, event.mode === 'truncate');
        writeText(file, event.text);
      } catch (error) {
        fail(file, error);
      }
    },
    ensure(path, component, text) {
      if (files.has(path)) return;
      const file = get(path, component);
      if (file.error !== undefined) return;
      try {
        open(file, true);
        writeText(file, text);
      } catch (error) {
        fail(file, error);
      }
    },
    close() {
      return [...files].map(([path, file]) => {
        if (file.fd !== undefined) {
          try {
            closeSync(file.fd);
          } catch (error) {
            fail(file, error);
          }
          file.fd = undefined;
        }
        return { path, component: file.component, ...(file.target ? { target: file.target } : {}), ...(file.error !== undefined ? { error: file.error } : {}) };
      });
    },
  };
}
