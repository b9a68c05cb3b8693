/**
 * The Python interpreter of this thread (Pyodide, CPython compiled to WebAssembly): loaded lazily,
 * once per worker (or Node process), only when a run uses a Python module. The wasm is fetched and
 * compiled by Pyodide itself; in the browser the app serves its files (see `setPyodideLoader`).
 */
import { blockingSleep } from '../runtime/blockingSleep.ts';
import { withAssetFetch } from '../lib/assetFetch.ts';
import { PYTHON_SOURCES } from './pySources.generated.ts';

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
}

type Loader = () => Promise<PyodideLike>;

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

const defaultLoader: Loader = async () => {
  allowPyodideUnderPermissions();
  const { loadPyodide } = (await import('pyodide')) as unknown as { loadPyodide: (options?: object) => Promise<PyodideLike> };
  const indexURL = pyodideIndexURL();
  // In a locked-down worker fetch is gone; Pyodide may GET its own files (and nothing else) while it loads.
  return indexURL ? withAssetFetch(indexURL, () => loadPyodide({ indexURL })) : loadPyodide(undefined);
};

let loader: Loader = defaultLoader;
let pending: Promise<PythonRuntime> | undefined;
let ready: PythonRuntime | undefined;

/**
 * Replaces how Pyodide is loaded (a browser worker passes the `indexURL` the app serves).
 * @example setPyodideLoader(() => loadPyodide({ indexURL: new URL('./pyodide/', import.meta.url).href }))
 */
export function setPyodideLoader(value: Loader): void {
  loader = value;
}

const SITE = '/home/pyodide/plugboard_site';

function install(pyodide: PyodideLike): PythonRuntime {
  for (const [path, text] of Object.entries(PYTHON_SOURCES)) {
    const full = `${SITE}/${path}`;
    pyodide.FS.mkdirTree(full.slice(0, full.lastIndexOf('/')));
    pyodide.FS.writeFile(full, text);
  }
  pyodide.runPython(`import sys\nif ${JSON.stringify(SITE)} not in sys.path: sys.path.insert(0, ${JSON.stringify(SITE)})`);
  const module = pyodide.pyimport('_plugboard_bridge');
  const mark = { pythonMark: true };
  module['setup']!({ blockingSleep: (ms: number) => blockingSleep(ms), random: () => Math.random() }, mark);
  const names = ['load_modules', 'get_class', 'construct', 'take_construct_error', 'set_parameters', 'call', 'take_pending', 'make_stepper', 'collect', 'take_error', 'handle_event'] as const;
  const bridge = Object.fromEntries(names.map((n) => [n, module[n]!])) as unknown as PythonBridge;
  return { pyodide, bridge, mark, loadMs: 0 };
}

/**
 * Loads Pyodide and the plugboard package once for this thread (later calls share the promise).
 * @example const python = await preparePython(); python.loadMs // ≈ 1500 cold in Node
 */
export function preparePython(): Promise<PythonRuntime> {
  if (!pending) {
    const started = Date.now();
    pending = loader().then((pyodide) => {
      ready = { ...install(pyodide), loadMs: Date.now() - started };
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
