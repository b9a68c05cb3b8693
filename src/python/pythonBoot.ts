/**
 * Fast Python start-up across workers (issue 14): a host (the page, the CLI process) keeps what
 * the first Python worker built — Pyodide's wasm compiled (a `WebAssembly.Module`) and a memory
 * snapshot of an interpreter with our `plugboard` package imported — and hands both to every later
 * Python worker in its load spec. Both are plain structured-clone data (a Module posts to Node
 * worker_threads and to browser Workers; the snapshot is bytes, shared when SharedArrayBuffer is
 * available). Light: no Pyodide here; hosts import it.
 */

/** What a worker's Python start-up gets from its host (every field optional: a plain load without). */
export interface PythonBoot {
  /** Pyodide's wasm compiled once per host (a `WebAssembly.Module`); typed loosely: no DOM types in src/. */
  readonly module?: unknown;
  /** Memory snapshot (Pyodide's `makeMemorySnapshot`) taken after our package was imported. */
  readonly snapshot?: Uint8Array;
  /** Ask this worker to build `module` and `snapshot` for the host (`takePythonBoot` in the worker). */
  readonly make?: boolean;
}

let cached: { module?: unknown; snapshot?: Uint8Array } = {};
let making = false;

/** Bytes in a SharedArrayBuffer when the host has one (posting then shares instead of copying 30 MB per worker). */
function shareable(bytes: Uint8Array): Uint8Array {
  const Shared = (globalThis as { SharedArrayBuffer?: new (length: number) => ArrayBufferLike }).SharedArrayBuffer;
  if (!Shared || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return bytes;
  try {
    const shared = new Uint8Array(new Shared(bytes.byteLength));
    shared.set(bytes);
    return shared;
  } catch {
    return bytes;
  }
}

/**
 * Host side: the boot a worker that will run Python gets — what this host has, and for the first
 * such worker (no snapshot yet, none being made) the request to make one.
 * @example const python = hostPythonBoot(); // { module, snapshot } once a worker handed them back
 */
export function hostPythonBoot(): PythonBoot {
  if (cached.snapshot) return { ...cached };
  if (making) return { ...cached };
  making = true;
  return { ...cached, make: true };
}

/**
 * Host side: keeps what a worker made (`undefined`: it made nothing, e.g. it ended first — the next
 * Python worker is asked again). For the lifetime of the page or the process.
 * @example rememberPythonBoot(await api.takePythonBoot());
 */
export function rememberPythonBoot(made: PythonBoot | undefined): void {
  making = false;
  if (!made) return;
  cached = {
    module: made.module ?? cached.module,
    ...(made.snapshot ? { snapshot: shareable(made.snapshot) } : cached.snapshot ? { snapshot: cached.snapshot } : {}),
  };
}

/** Host side: forget the cached boot (tests). */
export function resetHostPythonBoot(): void {
  cached = {};
  making = false;
}

/** True when some module is a `.py` file (the run may start Pyodide). @example usesPythonModules(request.modules) */
export function usesPythonModules(modules: readonly { file: string }[] | undefined): boolean {
  return !!modules?.some((m) => m.file.endsWith('.py'));
}
