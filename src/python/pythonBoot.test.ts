// Fast Python start-up: Pyodide's wasm compiled once and a memory snapshot made once, handed to
// later interpreters (src/python/pythonBoot.ts); both fall back to a normal load when they fail.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import type { RunEvent } from '../protocol/events.ts';
import { runForTest } from '../runtime/testing.ts';
import { parseConfig } from '../yaml/index.ts';
import { runLocalInWorker, runParallel } from '../node/runParallel.node.ts';
import { loadPythonModules } from './loadPythonModules.ts';
import { hostPythonBoot, rememberPythonBoot, resetHostPythonBoot, type PythonBoot } from './pythonBoot.ts';
import { loadPythonRuntime, setPyodideLoader, type PythonRuntime } from './pythonRuntime.ts';
import { seedMathRandomForTest } from './testing.node.ts';
import { COUNTING_MODULES, COUNTING_YAML } from './countingFixture.ts';

const YAML = COUNTING_YAML;
const modules = COUNTING_MODULES;
// The global WebAssembly namespace (the Node test config has no DOM lib).
const Wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } }).WebAssembly;

/** Runs YAML on `python` (a loaded interpreter) in this thread, with Math.random seeded. */
async function runOn(python: PythonRuntime): Promise<string | undefined> {
  const registry = createRegistry();
  const loaded = loadPythonModules(python, modules, registry);
  expect(loaded.diagnostics).toEqual([]);
  const parsed = parseConfig(YAML, { catalog: registry });
  const restore = seedMathRandomForTest(7);
  try {
    const { result } = await runForTest(parsed.config!.process, registry);
    expect(result.error).toBeUndefined();
    return result.files['out.csv'];
  } finally {
    restore();
  }
}

describe('an interpreter restored from a memory snapshot, with the compiled module', () => {
  let made: PythonBoot;
  let fresh: PythonRuntime;

  beforeAll(async () => {
    const loaded = await loadPythonRuntime({ make: true });
    fresh = loaded.runtime;
    made = loaded.made!;
  }, 180_000);

  it('the first load (asked to make them) returns a WebAssembly.Module and a snapshot', () => {
    expect(fresh.from).toBe('fresh');
    expect(made.module).toBeInstanceOf(Wasm.Module);
    expect(made.snapshot).toBeInstanceOf(Uint8Array);
    expect(made.snapshot!.byteLength).toBeGreaterThan(10_000_000);
  });

  it('restores, runs a Python component like a fresh interpreter, with random from the seeded Math.random', async () => {
    const restored = await loadPythonRuntime({ module: made.module, snapshot: made.snapshot });
    expect(restored.runtime.from).toBe('snapshot');
    expect(restored.snapshotError).toBeUndefined();
    const expected = await runOn(fresh);
    expect(expected).toMatch(/^x\n2\d\n1\d\n\d\n$/);
    expect(await runOn(restored.runtime)).toBe(expected);
    // Package modules the snapshot had not imported yet load from the rewritten files.
    expect(restored.runtime.pyodide.runPython('import plugboard.tune, plugboard.library\n"ok"')).toBe('ok');
  }, 180_000);

  it('restores from a snapshot in shared memory (as hosts hand it to workers)', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(made.snapshot!.byteLength));
    shared.set(made.snapshot!);
    const restored = await loadPythonRuntime({ module: made.module, snapshot: shared });
    expect(restored.runtime.from).toBe('snapshot');
    expect(restored.runtime.pyodide.runPython('1 + 1')).toBe(2);
  }, 180_000);

  it('a damaged snapshot falls back to a normal load, and says why', async () => {
    const damaged = made.snapshot!.slice();
    damaged[3] = damaged[3]! ^ 0xff; // the magic number
    const loaded = await loadPythonRuntime({ module: made.module, snapshot: damaged });
    expect(loaded.runtime.from).toBe('fresh');
    expect(loaded.snapshotError).toMatch(/magic/);
    expect(await runOn(loaded.runtime)).toMatch(/^x\n/);
  }, 180_000);

  it('a module that is not Pyodide\'s is not used: Pyodide compiles its own and hands it on', async () => {
    const empty = new Wasm.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const loaded = await loadPythonRuntime({ module: empty, make: true });
    expect(loaded.runtime.from).toBe('fresh');
    expect(loaded.made?.module).toBeInstanceOf(Wasm.Module);
    expect(loaded.made?.module).not.toBe(empty);
    expect(loaded.runtime.pyodide.runPython('2 * 21')).toBe(42);
  }, 180_000);
});

describe('when Pyodide refuses the snapshot options', () => {
  afterEach(() => setPyodideLoader(undefined));

  it('making: loads without them and hands on the module only', async () => {
    const { loadPyodide } = (await import('pyodide')) as unknown as { loadPyodide: (o: object) => Promise<never> };
    const seen: string[] = [];
    setPyodideLoader((options) => {
      seen.push(Object.keys(options).filter((k) => k.startsWith('_')).join(',') || 'plain');
      if (options['_makeSnapshot']) return Promise.reject(new Error('no snapshots in this build'));
      return loadPyodide(options);
    });
    const loaded = await loadPythonRuntime({ make: true });
    expect(seen).toEqual(['_makeSnapshot', 'plain']);
    expect(loaded.runtime.from).toBe('fresh');
    expect(loaded.made?.snapshot).toBeUndefined();
    expect(loaded.made?.module).toBeInstanceOf(Wasm.Module);
    expect(loaded.runtime.pyodide.runPython('3 * 3')).toBe(9);
  }, 180_000);
});

describe('host: the first Python worker makes the boot, later workers start from it', () => {
  type LogEvent = Extract<RunEvent, { kind: 'log' }>;
  const pythonLogs = (events: RunEvent[]) => events.filter((e): e is LogEvent => e.kind === 'log' && /loaded Python/.test(e.message)).map((e) => e.message);

  it('hostPythonBoot asks one worker at a time to make it, and hands it out once remembered', () => {
    resetHostPythonBoot();
    expect(hostPythonBoot()).toEqual({ make: true });
    expect(hostPythonBoot()).toEqual({});
    rememberPythonBoot(undefined); // that worker made nothing: ask the next one
    expect(hostPythonBoot()).toEqual({ make: true });
    const snapshot = new Uint8Array([1, 2, 3]);
    rememberPythonBoot({ module: 'm', snapshot });
    const boot = hostPythonBoot();
    expect(boot.make).toBeUndefined();
    expect(boot.module).toBe('m');
    expect([...boot.snapshot!]).toEqual([1, 2, 3]);
    expect(boot.snapshot!.buffer).toBeInstanceOf(SharedArrayBuffer); // posted to workers without a copy each
    resetHostPythonBoot();
  });

  it('local runs in workers: the second starts from the snapshot; parallel workers too; same files', async () => {
    resetHostPythonBoot();
    const first: RunEvent[] = [];
    const a = await runLocalInWorker({ yaml: YAML, modules }, (batch) => first.push(...batch), { seed: 3 }).done;
    expect(a.error).toBeUndefined();
    expect(pythonLogs(first)).toEqual([expect.stringMatching(/^worker:local loaded Python \(Pyodide\) in \d+ ms$/)]);

    const second: RunEvent[] = [];
    const b = await runLocalInWorker({ yaml: YAML, modules }, (batch) => second.push(...batch), { seed: 3 }).done;
    expect(b.error).toBeUndefined();
    expect(pythonLogs(second)).toEqual([expect.stringMatching(/^worker:local loaded Python \(Pyodide\) in \d+ ms \(from the snapshot\)$/)]);
    expect(b.files).toEqual(a.files);

    const third: RunEvent[] = [];
    const c = await runParallel({ yaml: YAML, modules }, (batch) => third.push(...batch), { seed: 3 }).done;
    expect(c.error).toBeUndefined();
    expect(pythonLogs(third)).toEqual([expect.stringMatching(/^worker:\d+ loaded Python \(Pyodide\) in \d+ ms \(from the snapshot\)$/)]);
    expect(c.files).toEqual(a.files);
  }, 180_000);
});
