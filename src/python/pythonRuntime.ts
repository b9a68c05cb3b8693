/**
 * The Python interpreter of this thread (Pyodide, CPython compiled to WebAssembly): loaded lazily,
 * once per worker (or Node process), only when a run uses a Python module. Pyodide's files come
 * from node_modules in Node and from the app (`<base>pyodide/`) in browsers. A host hands its
 * workers the wasm compiled once and a memory snapshot (pythonBoot.ts), so only its first Python
 * worker pays Pyodide's full start-up.
 */
import { blockingSleep } from '../runtime/blockingSleep.ts';
import { withAssetFetch } from '../lib/assetFetch.ts';
import { PYTHON_SOURCES } from './pySources.generated.ts';
import type { PythonBoot } from './pythonBoot.ts';

/** The part of a Pyodide PyProxy this bridge uses (a callable Python object). */
export interface PyProxy {
  (...args: unknown[]): unknown;
  destroy(): void;
}

/** The part of Pyodide's API this bridge uses (structural: no DOM types in src/). */
export interface PyodideLike {
  runPython(code: string): unknown;
  pyimport(name: string): Record<string, PyProxy> & PyProxy;
  readonly FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  setStdout?(options: { batched: (text: string) => void }): void;
  setStderr?(options: { batched: (text: string) => void }): void;
}

/** The `_plugboard_bridge` module's functions (see py/_plugboard_bridge.py). */
export type PythonBridge = Readonly<Record<
  | 'load_modules' | 'get_class' | 'construct' | 'take_construct_error' | 'set_parameters' | 'call' | 'take_pending'
  | 'make_stepper' | 'collect' | 'take_error' | 'handle_event',
  PyProxy
>>;

/** A loaded interpreter with the plugboard package installed. */
export interface PythonRuntime {
  readonly pyodide: PyodideLike;
  readonly bridge: PythonBridge;
  /** The object Python returns when a step needs the slow path (`collect`). */
  readonly mark: object;
  /** Milliseconds the interpreter took to load (0 when it was already loaded). */
  readonly loadMs: number;
  /** 'snapshot': restored from the host's memory snapshot; 'fresh': Pyodide's full start-up. */
  readonly from: 'snapshot' | 'fresh';
  /** Why the host's snapshot was not used, or could not be made (then Pyodide loaded normally). */
  readonly snapshotError?: string;
}

/** Pyodide's `loadPyodide` (replaceable: tests, other hosts). */
type LoadPyodide = (options: Record<string, unknown>) => Promise<PyodideLike>;

interface HostGlobals {
  process?: { versions?: { node?: string }; permission?: unknown; binding?: (name: string) => unknown };
  location?: { origin: string };
}

/**
 * Under Node's permission model (the CLI's confined run) `process.binding` throws; Emscripten's
 * host-folder file system asks it for fs flag constants at start-up. Nothing here mounts host
 * folders, so an empty table is enough for that one call.
 */
function allowPyodideUnderPermissions(): void {
  const proc = (globalThis as HostGlobals).process;
  if (!proc?.permission || !proc.binding) return;
  const original = proc.binding;
  proc.binding = (name: string) => {
    try {
      return original.call(proc, name);
    } catch (error) {
      if (name === 'constants') return { fs: {} };
      throw error;
    }
  };
}

/** Where Pyodide's files are: next to its module in Node; `<base>pyodide/` of the app in browsers. */
function pyodideIndexURL(): string | undefined {
  const host = globalThis as HostGlobals;
  if (host.process?.versions?.node) {
    // Pass the folder explicitly: Pyodide's own guess reads its stack trace, which source maps (tsx) rewrite.
    const resolved = (import.meta as { resolve?: (specifier: string) => string }).resolve?.('pyodide');
    return resolved?.startsWith('file://') ? decodeURIComponent(resolved.slice('file://'.length, resolved.lastIndexOf('/') + 1)) : undefined;
  }
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  return host.location ? `${host.location.origin}${base}pyodide/` : undefined; // served by src/python/pyodideAssets.node.ts
}

const importLoadPyodide: LoadPyodide = async (options) => {
  const { loadPyodide } = (await import('pyodide')) as unknown as { loadPyodide: LoadPyodide };
  return loadPyodide(options);
};

let loadPyodideFn: LoadPyodide = importLoadPyodide;

/**
 * Replaces Pyodide's `loadPyodide` (tests: a loader that fails on snapshots; other hosts).
 * @example setPyodideLoader((options) => loadPyodide({ ...options, stdout: console.log }))
 */
export function setPyodideLoader(value: LoadPyodide | undefined): void {
  loadPyodideFn = value ?? importLoadPyodide;
}

/** The part of the WebAssembly namespace used here (src/ has no DOM types). */
interface WasmNamespace {
  instantiate(source: unknown, imports?: object): Promise<unknown>;
  instantiateStreaming?(source: unknown, imports?: object): Promise<unknown>;
  readonly Module: (abstract new (...args: never[]) => object) & { exports(module: object): { name: string }[] };
}

/** Exports Pyodide's JS glue calls (a module without them is not its interpreter: do not use it). */
const INTERPRETER_EXPORTS = ['jslib_init', 'Py_Initialize', 'hiwire_get'];
type Instantiated = { instance: unknown; module: unknown };

/**
 * Runs `load` (one `loadPyodide`) so that Pyodide's wasm is instantiated from `cached` (a
 * `WebAssembly.Module` compiled by an earlier worker of this host) instead of being compiled again.
 * Pyodide has no option for a precompiled module: while `load` runs, the instantiation of a module
 * with an `env` import object (Pyodide's interpreter; its other wasm has no imports) uses `cached`,
 * keeping Pyodide's own imports. If `cached` does not link (another Pyodide build), or there is
 * none, Pyodide compiles as usual. Returns the module that was used, to hand on.
 */
async function withWasmModule<T>(cached: unknown, load: () => Promise<T>): Promise<{ value: T; module: unknown }> {
  const wasm = (globalThis as { WebAssembly?: WasmNamespace }).WebAssembly;
  if (!wasm) return { value: await load(), module: undefined };
  const { instantiate, instantiateStreaming } = wasm;
  let module: unknown;
  const isInterpreter = (imports: unknown): boolean => typeof imports === 'object' && imports !== null && 'env' in imports;
  const reuse = async (imports: object, compile: () => Promise<unknown>): Promise<Instantiated> => {
    const names = cached instanceof wasm.Module ? new Set(wasm.Module.exports(cached).map((e) => e.name)) : undefined;
    if (cached instanceof wasm.Module && INTERPRETER_EXPORTS.every((name) => names!.has(name))) {
      try {
        const instance = await instantiate.call(wasm, cached, imports);
        module = cached;
        return { instance, module };
      } catch {
        // not this Pyodide's module: compile
      }
    }
    const result = (await compile()) as Instantiated;
    module = result.module;
    return result;
  };
  wasm.instantiate = function (source: unknown, imports?: object) {
    if (!isInterpreter(imports) || source instanceof wasm.Module) return instantiate.call(wasm, source, imports);
    return reuse(imports!, () => instantiate.call(wasm, source, imports));
  };
  if (instantiateStreaming) {
    wasm.instantiateStreaming = function (source: unknown, imports?: object) {
      if (!isInterpreter(imports)) return instantiateStreaming.call(wasm, source, imports);
      return reuse(imports!, () => instantiateStreaming.call(wasm, source, imports)).then((result) => {
        // The response Pyodide fetched is not needed: stop its download.
        if (result.module === cached) void Promise.resolve(source).then((r) => (r as { body?: { cancel(): Promise<void> } } | undefined)?.body?.cancel()).catch(() => undefined);
        return result;
      });
    };
  }
  try {
    return { value: await load(), module };
  } finally {
    wasm.instantiate = instantiate;
    if (instantiateStreaming) wasm.instantiateStreaming = instantiateStreaming;
  }
}

const SITE = '/home/pyodide/plugboard_site';
const BRIDGE_NAMES = ['load_modules', 'get_class', 'construct', 'take_construct_error', 'set_parameters', 'call', 'take_pending', 'make_stepper', 'collect', 'take_error', 'handle_event'] as const;

/** Our Python files into the interpreter's file system (JS-side memory: a snapshot does not hold them). */
function writeSources(pyodide: PyodideLike): void {
  for (const [path, text] of Object.entries(PYTHON_SOURCES)) {
    const full = `${SITE}/${path}`;
    pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    pyodide.FS.writeFile(full, text);
  }
}

/** Imports the bridge (and so our `plugboard` package) without connecting it to JS: the snapshot point. */
function importBridge(pyodide: PyodideLike): void {
  writeSources(pyodide);
  pyodide.runPython(`import sys\nif ${JSON.stringify(SITE)} not in sys.path: sys.path.insert(0, ${JSON.stringify(SITE)})\nimport _plugboard_bridge`);
}

/** Connects the bridge to this thread (JS references: after any snapshot). */
function connect(pyodide: PyodideLike, from: PythonRuntime['from'], loadMs: number): PythonRuntime {
  const module = pyodide.pyimport('_plugboard_bridge');
  const mark = { pythonMark: true };
  module['setup']!({ blockingSleep: (ms: number) => blockingSleep(ms), random: () => Math.random() }, mark);
  const bridge = Object.fromEntries(BRIDGE_NAMES.map((n) => [n, module[n]!])) as unknown as PythonBridge;
  return { pyodide, bridge, mark, loadMs, from };
}

/** A copy in an ordinary buffer (Pyodide decodes the snapshot's header, which shared memory does not allow). */
function ownCopy(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

const now = (): number => Date.now();

/**
 * Loads one interpreter with the plugboard package (not the thread's shared one: see
 * `preparePython`). With `boot.snapshot` it restores that memory snapshot (≈ 0.1–0.3 s instead of
 * 1.5 s or more); a snapshot that fails (another build, damaged) falls back to a normal load. With
 * `boot.make` it also returns the compiled module and a snapshot for the host (`made`).
 * @example const { runtime, made } = await loadPythonRuntime({ make: true }); runtime.from // 'fresh'
 */
export async function loadPythonRuntime(boot: PythonBoot = {}): Promise<{ runtime: PythonRuntime; made?: PythonBoot; snapshotError?: string }> {
  allowPyodideUnderPermissions();
  const started = now();
  const indexURL = pyodideIndexURL();
  // In a locked-down worker fetch is gone; Pyodide may GET its own files (and nothing else) while it loads.
  const load = (options: Record<string, unknown>) =>
    withWasmModule(boot.module, () => (indexURL ? withAssetFetch(indexURL, () => loadPyodideFn({ indexURL, ...options })) : loadPyodideFn(options)));
  let snapshotError: string | undefined;
  if (boot.snapshot) {
    try {
      const { value: pyodide } = await load({ _loadSnapshot: ownCopy(boot.snapshot) });
      writeSources(pyodide);
      pyodide.runPython('import importlib\nimportlib.invalidate_caches()');
      return { runtime: connect(pyodide, 'snapshot', now() - started) };
    } catch (error) {
      // Undocumented Pyodide API: whatever went wrong, a normal load still works.
      snapshotError = error instanceof Error ? error.message : String(error);
    }
  }
  let loaded: { value: PyodideLike; module: unknown };
  let snapshotting = boot.make === true;
  try {
    loaded = await load(snapshotting ? { _makeSnapshot: true } : {});
  } catch (error) {
    if (!snapshotting) throw error;
    snapshotting = false;
    loaded = await load({});
  }
  const pyodide = loaded.value;
  importBridge(pyodide);
  let made: PythonBoot | undefined;
  if (boot.make) {
    let snapshot: Uint8Array | undefined;
    try {
      snapshot = snapshotting ? (pyodide as PyodideLike & { makeMemorySnapshot(): Uint8Array }).makeMemorySnapshot() : undefined;
    } catch (error) {
      snapshotError = error instanceof Error ? error.message : String(error);
    }
    made = { ...(loaded.module ? { module: loaded.module } : {}), ...(snapshot ? { snapshot } : {}) };
  }
  return { runtime: connect(pyodide, 'fresh', now() - started), ...(made ? { made } : {}), ...(snapshotError ? { snapshotError } : {}) };
}

let pending: Promise<PythonRuntime> | undefined;
let ready: PythonRuntime | undefined;
let made: PythonBoot | undefined;

/**
 * Loads Pyodide and the plugboard package once for this thread (later calls share the promise).
 * `boot` comes from the host (see pythonBoot.ts); it counts only for the first call.
 * @example const python = await preparePython(); python.loadMs // ≈ 1500 cold in Node, ≈ 150 from a snapshot
 */
export function preparePython(boot: PythonBoot = {}): Promise<PythonRuntime> {
  if (!pending) {
    pending = loadPythonRuntime(boot).then((loaded) => {
      made = loaded.made;
      ready = loaded.snapshotError ? { ...loaded.runtime, snapshotError: loaded.snapshotError } : loaded.runtime;
      return ready;
    });
    pending.catch(() => {
      pending = undefined;
    });
  }
  return pending;
}

/** The interpreter if `preparePython` has finished, else undefined. @example readyPython()?.bridge */
export function readyPython(): PythonRuntime | undefined {
  return ready;
}

/**
 * What this thread built for its host when asked (`boot.make`): the compiled module and the
 * snapshot. Once: a second call returns undefined.
 * @example rememberPythonBoot(takePythonBoot())
 */
export function takePythonBoot(): PythonBoot | undefined {
  const value = made;
  made = undefined;
  return value;
}
