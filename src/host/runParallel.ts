/**
 * Page side of a parallel run (Plugboard's RayProcess): a pool of workers, each hosting a GROUP of
 * components chosen by the placement plan (placement.ts), started in parallel; Comlink control
 * plane; worker-to-worker MessagePorts for data between groups; telemetry merged here.
 *
 * Failure: the first failing group fails the run; the others are cancelled (they stop at their
 * next await, sinks step the rows already sent to them, writers flush in `onRunEnd`); a worker that
 * does not settle within the grace (a synchronous infinite loop) is terminated. Every worker is
 * terminated when the run ends. A watchdog acts when every group waits (see `WATCHDOG_MS`).
 */
import { now } from '../lib/clock.ts';
import type { ErrorInfo, NotSteppedReason, RunEvent, RunResult, RunStatus, Status, StepReport } from '../protocol/events.ts';
import type { ProbeControl, RunControl, RunHandle, RunRequest } from '../protocol/run.ts';
import { parseConfig } from '../yaml/index.ts';
import type { ComponentShape, ComponentWorkerApi, RunOutcome } from './componentWorker.ts';
import { callWorker, type Platform, type Remote, type WorkerHandle } from './platform.ts';
import { toErrorInfo } from './errorInfo.ts';
import type { PortLike } from './PortLike.ts';
import { DEFAULT_CAPACITY } from './portChannel.ts';
import { planWiring } from './planWiring.ts';
import { planPlacement, placementInput, poolSizeFor, type PlacementPlan } from './placement.ts';
import { createEventSink, FRAME_MS, type WaitReport } from './telemetry.ts';
import { channelCapacity, deadlockError } from '../runtime/LocalProcess.ts';
import type { WaitInfo } from '../runtime/runComponent.ts';
import { filterRunEvents } from './warnings.ts';
import { createRegistry } from '../library/index.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';

let builtIns: ComponentRegistry | undefined;
/** The built-in classes (placement roles and class resources); user modules never run on the page. */
const library = (): ComponentRegistry => (builtIns ??= createRegistry());
import { hostPythonBoot, rememberPythonBoot, usesPythonModules } from '../python/pythonBoot.ts';

/** How long cancelled workers get to stop by themselves before they are terminated. */
export const GRACE_MS = 150;
/** Same, after a component failed (not a user stop). */
export const FAILURE_GRACE_MS = 1000;

export interface HostOptions {
  /**
   * Workers of a parallel run's pool (default: the hardware's parallelism, see `poolSizeFor`).
   * The placement plan uses at most this many (plus one per `resources.cpu >= 1` component).
   */
  readonly poolSize?: number;
  /** The plan chosen (before workers start): the app shows it, the CLI prints it (`--explain`). */
  readonly onPlan?: (plan: PlacementPlan) => void;
  /** Emit one 'step' event per step (default true; benchmarks turn it off). */
  readonly recordSteps?: boolean;
  readonly ioReadTimeoutMs?: number;
  /** Seeds `Math.random` in every worker (tests, benchmarks). */
  readonly seed?: number;
  /** Files present before the run (FileReader input), path → text; every worker gets them. */
  readonly files?: Readonly<Record<string, string>>;
  /** Text of a `process: <file>` reference (spec §2.8), as for parseConfig. */
  readonly resolveRef?: (ref: string) => string | undefined;
}

type Worker = WorkerHandle<ComponentWorkerApi>;

/** How long a finished run waits for the workers' last telemetry (normally < 1 ms). */
const DRAIN_MS = 500;
/** Same after a Stop (terminated workers never send their end marker; Stop must stay prompt). */
const STOP_DRAIN_MS = 30;

const timeout = (ms: number) => new Promise<'timeout'>((resolve) => setTimeoutish(ms, () => resolve('timeout')));
function setTimeoutish(ms: number, fn: () => void): void {
  (globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown }).setTimeout(fn, ms);
}
function setIntervalish(ms: number, fn: () => void): unknown {
  return (globalThis as unknown as { setInterval(fn: () => void, ms: number): unknown }).setInterval(fn, ms);
}
function clearIntervalish(handle: unknown): void {
  (globalThis as unknown as { clearInterval(handle: unknown): void }).clearInterval(handle);
}

/** Longest wait of a Step's barrier for values crossing workers (normally well under 1 ms). */
const SYNC_TIMEOUT_MS = 2000;

/** Watchdog tick: a run where everyone waits is acted on after two quiet ticks (< 1 s with reports). */
const WATCHDOG_MS = 150;
/** After the other components stopped, how long sinks get for rows still in flight before their cancel. */
const SINK_DRAIN_MS = 20;

/**
 * @example const handle = runParallel(nodePlatform, { yaml }, (events) => console.log(events));
 */
export function runParallel(platform: Platform, request: RunRequest, onEvents: (events: readonly RunEvent[]) => void, options: HostOptions = {}): RunHandle {
  // Terminal component statuses are relayed to the other groups (event consumers' producer check,
  // the groups' deadlock rule); `relay` is set once the groups run.
  let relay: ((events: readonly RunEvent[]) => void) | undefined;
  const forward = filterRunEvents(onEvents);
  const sink = createEventSink((events) => {
    relay?.(events);
    forward(events);
  });
  const workers: Worker[] = [];
  let cancelRequested = false;
  // Pause / Step / Resume (issue 10): `paused` is the page's view; `live` the workers of groups
  // still running once the run phase started (null before).
  let paused = !!request.startPaused;
  let componentBreakpoints: readonly string[] | null = null;
  /** RunControl.setProbe calls, applied to the groups once they are loaded (key → probe or null). */
  const probeChanges = new Map<string, ProbeControl | null>();
  let live: { readonly pending: Set<number>; readonly groups: readonly { readonly worker: number; readonly components: readonly string[] }[] } | null = null;
  let stepIndex = 0;
  let syncRound = 0;
  let setLive: () => void = () => undefined;
  const liveReady = new Promise<void>((resolve) => (setLive = resolve));
  let onResume: () => void = () => undefined;
  let stopAll: ((reason: 'cancel' | 'failure') => void) | undefined;
  const processStatus = (status: Status, error?: ErrorInfo): void =>
    sink.push([{ kind: 'process-status', t: now(), status, ...(error ? { error } : {}) }]);

  const terminateAll = async (): Promise<void> => {
    await Promise.all(workers.map((w) => w.terminate()));
  };

  const finish = async (status: RunStatus, startedAt: number, error?: ErrorInfo, files: Record<string, string> = {}, endedAt?: number): Promise<RunResult> => {
    // Each worker's result can overtake its last telemetry (different ports): wait for the end markers
    // (briefly after a Stop: terminated workers never send theirs).
    await sink.drain(status === 'stopped' ? STOP_DRAIN_MS : DRAIN_MS);
    await terminateAll();
    relay = undefined;
    processStatus(status, error);
    // One source of file text: the 'file' events the caller received. The workers' own copies only
    // fill in a file whose events were lost with a terminated worker.
    const streamed = sink.files();
    const result: RunResult = { status, ...(error ? { error } : {}), files: { ...files, ...streamed }, startedAt, endedAt: endedAt ?? now() };
    sink.close();
    return result;
  };

  const execute = async (): Promise<RunResult> => {
    const t0 = now();
    const parsed = request.config ? { config: request.config, diagnostics: [] } : parseConfig(request.yaml, options.resolveRef ? { resolveRef: options.resolveRef } : {});
    if (!parsed.config) {
      const message = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('\n');
      return finish('failed', t0, { name: 'ValidationError', message: message || 'The model could not be read.' });
    }
    const process = parsed.config.process;
    const cpus = platform.parallelism ?? hardwareParallelism() ?? 2;
    // Class-level `resources` of module types (issue 12): user code runs in workers only, so the
    // first worker reads them before the plan (and then hosts group 0). Only when a TypeScript
    // module mentions `resources` and a module-typed component has none of its own.
    const builtIn = library();
    const tsModules = (request.modules ?? []).filter((m) => !m.file.endsWith('.py'));
    const moduleTypes = [...new Set(process.components.filter((c) => (c.resources ?? null) === null && !builtIn.resolve(c.type)).map((c) => c.type))];
    let moduleResources: Record<string, unknown> = {};
    if (moduleTypes.length > 0 && tsModules.some((m) => m.source.includes('resources'))) {
      workers.push(platform.spawnComponentWorker('worker-0'));
      moduleResources = await callWorker(workers[0]!, (api) => api.classResources(moduleTypes, tsModules)).catch(() => ({}));
      if (cancelRequested) return finish('stopped', t0);
    }
    const input = placementInput(process, { library: builtIn, classResources: (type) => moduleResources[type] });
    const placement = planPlacement(input, poolSizeFor(cpus, options.poolSize), cpus);
    options.onPlan?.(placement);
    sink.push([{ kind: 'placement', t: now(), workers: placement.groups.map((g) => ({ lane: `worker:${g.worker}`, components: g.components })) }]);
    const groups = placement.groups;
    const intervalMs = FRAME_MS * Math.max(1, groups.length);
    processStatus('created');
    for (const g of groups) if (!workers[g.worker]) workers.push(platform.spawnComponentWorker(`worker-${g.worker}`));
    if (cancelRequested) return finish('stopped', t0);

    // Python groups get the host's compiled Pyodide and snapshot. Without them yet, the first Python
    // group makes them while the others wait, then start from them (a snapshot start is a fraction of
    // a full one, and full starts side by side compete for the cores).
    const placementOfPython = usesPythonModules(request.modules) ? await import('../python/pythonPlacement.ts') : undefined;
    const pythonGroups = groups.filter((g) => placementOfPython?.groupUsesPython(parsed.config!, request.modules!, g.components)).map((g) => g.worker);
    const firstBoot = pythonGroups.length > 0 ? hostPythonBoot() : undefined;
    let bootMade: () => void = () => undefined;
    const booted = new Promise<void>((resolve) => (bootMade = resolve));
    const pythonBoot = async (worker: number) => {
      if (!pythonGroups.includes(worker)) return undefined;
      if (worker === pythonGroups[0]) return firstBoot;
      if (firstBoot?.make) await booted;
      return hostPythonBoot();
    };

    // Load every worker in parallel (start-up cost is paid once per worker, not per component).
    const shapes = new Map<string, ComponentShape>();
    const loads = await Promise.all(
      groups.map(async (g) => {
        const worker = workers[g.worker]!;
        const { port1, port2 } = platform.createChannel();
        sink.attach(port1);
        const python = await pythonBoot(g.worker);
        const spec = { config: parsed.config!, worker: g.worker, members: g.components, validate: g.worker === 0, telemetryIntervalMs: intervalMs, ...pick(request, options), ...(python ? { python } : {}) };
        try {
          const outcome = await callWorker(worker, (api) => api.load(spec, platform.transfer(port2, [port2])));
          if (python?.make) {
            rememberPythonBoot(await callWorker(worker, (api) => api.takePythonBoot()).catch(() => undefined));
            bootMade();
          }
          if (outcome.ok) for (const [name, shape] of Object.entries(outcome.shapes)) shapes.set(name, shape);
          return outcome.ok ? undefined : outcome.error;
        } catch (error) {
          if (python?.make) {
            rememberPythonBoot(undefined);
            bootMade();
          }
          return toErrorInfo(error);
        }
      }),
    );
    if (cancelRequested) return finish('stopped', t0);
    const loadError = loads.find((e) => e !== undefined);
    if (loadError) return finish('failed', t0, loadError);

    const plan = planWiring(process, shapes, placement.workerOf, groups.length);
    if (plan.errors.length > 0) return finish('failed', t0, { name: 'ProcessInitError', message: plan.errors.join('\n') });
    const ends: { a: PortLike; b: PortLike }[] = [];
    for (let i = 0; i < plan.links; i++) {
      const { port1, port2 } = platform.createChannel();
      ends.push({ a: port1, b: port2 });
    }
    const { capacity, growable } = channelCapacity(process, request.channelCapacity ?? DEFAULT_CAPACITY);
    const io = Object.fromEntries(shapes);
    await Promise.all(
      groups.map((g) => {
        const p = plan.groups[g.worker]!;
        const ports = {
          capacity,
          growable,
          io,
          outputs: p.outputs.map(({ id, link }) => ({ id, port: ends[link]!.a })),
          inputs: p.inputs.map(({ id, link }) => ({ id, port: ends[link]!.b })),
          eventsOut: p.eventsOut.map(({ types, link }) => ({ types, port: ends[link]!.a })),
          eventsIn: p.eventsIn.map((link) => ends[link]!.b),
        };
        const transfer = [...ports.outputs, ...ports.inputs, ...ports.eventsOut].map((e) => e.port).concat(ports.eventsIn);
        return callWorker(workers[g.worker]!, (api) => api.connect(platform.transfer(ports, transfer)));
      }),
    );
    const inits = await Promise.all(groups.map((g) => callWorker(workers[g.worker]!, (api) => api.init()).catch((e) => ({ ok: false as const, error: toErrorInfo(e) }))));
    if (cancelRequested) return finish('stopped', t0);
    const initError = inits.find((r) => !r.ok);
    if (initError && !initError.ok) return finish('failed', t0, initError.error);
    processStatus('init');

    // Run.
    const startedAt = now();
    processStatus('running');
    const outcomes = new Map<number, RunOutcome>();
    let failure: ErrorInfo | undefined;
    let stopping = false;
    let settleAll: () => void = () => undefined;
    const allSettled = new Promise<void>((resolve) => (settleAll = resolve));
    const pending = new Set(groups.map((g) => g.worker));
    const terminated = new Set<number>();
    relay = (events) => {
      for (const e of events) {
        if (e.kind === 'breakpoint' && !paused && !stopping) void control.pause();
        if (e.kind !== 'component-status' || (e.status !== 'completed' && e.status !== 'failed' && e.status !== 'stopped')) continue;
        const owner = placement.workerOf[e.component];
        for (const w of pending) if (w !== owner) void callWorker(workers[w]!, (api) => api.noteStatus(e.component, e.status)).catch(() => undefined);
      }
    };
    // Groups holding only sinks (writers) are cancelled last: once every other group has stopped
    // (its senders flushed) they take the rows already sent to them (runComponent steps a
    // cancelled sink's complete inputs), so every row sent before a failure or a Stop is kept.
    const sinkOnly = new Set(groups.filter((g) => g.components.every((c) => plan.sinks.has(c))).map((g) => g.worker));
    let sinksCancelled = false;
    const cancelSinks = (): void => {
      if (sinksCancelled) return;
      sinksCancelled = true;
      for (const w of pending) if (sinkOnly.has(w)) void callWorker(workers[w]!, (api) => api.cancel()).catch(() => undefined);
    };
    const maybeCancelSinks = (): void => {
      if (stopping && !sinksCancelled && [...pending].every((w) => sinkOnly.has(w))) setTimeoutish(SINK_DRAIN_MS, cancelSinks);
    };
    const settle = (w: number, outcome: RunOutcome): void => {
      if (!pending.delete(w)) return;
      outcomes.set(w, outcome);
      if (outcome.status === 'failed' && !failure) {
        failure = outcome.error ?? { name: 'Error', message: `Worker ${w} failed` };
        stopAll?.('failure');
      }
      maybeCancelSinks();
      if (pending.size === 0) settleAll();
    };
    // The watchdog: a group reports when all its members wait and some wait involves another
    // group. When every live group does and none has moved for two ticks, it is either an
    // artificial deadlock (a full channel: the groups grow their smallest full channel or blocked
    // outputs, Parks' rule) or a real one (the run fails naming every waiting component.field).
    const waits = new Map<number, WaitReport>();
    sink.onWaitReport((report) => waits.set(report.worker, report));
    let lastSignature = '';
    let still = 0;
    const failDeadlock = (): void => {
      if (failure) return;
      const all = new Map<string, WaitInfo>();
      for (const w of pending) for (const [name, wait] of Object.entries(waits.get(w)?.waits ?? {})) all.set(name, wait);
      failure = toErrorInfo(deadlockError(all));
      stopAll?.('failure');
    };
    onResume = () => {
      still = 0;
      lastSignature = '';
    };
    const watchdog = setIntervalish(WATCHDOG_MS, () => {
      // A paused run waits for the user, not for a deadlock.
      if (stopping || paused || pending.size === 0) return;
      const liveGroups = [...pending];
      if (!liveGroups.every((w) => waits.get(w)?.waits)) {
        still = 0;
        return;
      }
      const signature = liveGroups.map((w) => `${w}:${waits.get(w)!.progress}`).join('|');
      if (signature !== lastSignature) {
        lastSignature = signature;
        still = 0;
        return;
      }
      if (++still < 2) return;
      still = 0;
      void Promise.all(liveGroups.map((w) => callWorker(workers[w]!, (api) => api.grow()).catch(() => false))).then((grew) => {
        if (!grew.some(Boolean) && !stopping) failDeadlock();
      });
    });
    stopAll = (reason) => {
      if (stopping) return;
      stopping = true;
      if (reason === 'cancel') cancelRequested = true;
      for (const w of pending) if (!sinkOnly.has(w)) void callWorker(workers[w]!, (api) => api.cancel()).catch(() => undefined);
      maybeCancelSinks();
      setTimeoutish(SINK_DRAIN_MS * 3, cancelSinks);
      // Stop must be prompt; after a failure, give writers time to flush even on a busy machine.
      setTimeoutish(reason === 'cancel' ? GRACE_MS : FAILURE_GRACE_MS, () => {
        for (const w of [...pending]) {
          terminated.add(w);
          void workers[w]!.terminate();
          sink.push(groups[w]!.components.map((component) => ({ kind: 'component-status' as const, t: now(), component, status: 'stopped' as const })));
          settle(w, { status: 'stopped', files: {} });
        }
      });
    };
    if (cancelRequested) stopAll('cancel');
    live = { pending, groups };
    setLive();
    if (componentBreakpoints) await Promise.all(groups.map((g) => callWorker(workers[g.worker]!, (api) => api.setBreakpoints(componentBreakpoints!)).catch(() => undefined)));
    // Probes added while the workers loaded: every group wraps the connectors it sends on.
    for (const [key, probe] of probeChanges) await Promise.all(groups.map((g) => callWorker(workers[g.worker]!, (api) => api.setProbe(key, probe)).catch(() => undefined)));
    if (paused) {
      // Not awaited: a worker's pause resolves once its run holds; the calls arrive before `run` (one port, in order).
      for (const g of groups) void callWorker(workers[g.worker]!, (api) => api.pause()).catch(() => undefined);
      processStatus('paused');
    }
    for (const g of groups) {
      callWorker(workers[g.worker]!, (api) => api.run()).then(
        (outcome) => settle(g.worker, outcome),
        (error) => settle(g.worker, { status: 'failed', error: toErrorInfo(error), files: {} }),
      );
    }
    await allSettled;
    clearIntervalish(watchdog);
    const runEndedAt = now();

    // Destroy what is still alive (bounded), then terminate everything.
    const alive = groups.map((g) => g.worker).filter((w) => !terminated.has(w));
    const destroyBudget = cancelRequested ? GRACE_MS / 2 : 1000;
    await Promise.race([Promise.all(alive.map((w) => callWorker(workers[w]!, (api) => api.destroy()).catch(() => undefined))), timeout(destroyBudget)]);
    const files: Record<string, string> = {};
    for (const outcome of outcomes.values()) Object.assign(files, outcome.files);
    const status: RunStatus = failure ? 'failed' : cancelRequested ? 'stopped' : 'completed';
    return finish(status, startedAt, failure, files, runEndedAt);
  };

  const done = execute().catch(async (error: unknown) => {
    await terminateAll();
    const result: RunResult = { status: 'failed', error: toErrorInfo(error), files: sink.files(), startedAt: now(), endedAt: now() };
    sink.close();
    return result;
  });

  const forLive = async (call: (api: Remote<ComponentWorkerApi>) => Promise<unknown>): Promise<void> => {
    if (!live) return;
    await Promise.all([...live.pending].map((w) => callWorker(workers[w]!, call).catch(() => undefined)));
  };
  const control: RunControl = {
    async pause() {
      if (paused || cancelRequested) return;
      paused = true;
      if (!live) return; // applied when the run starts
      processStatus('paused');
      await forLive((api) => api.pause());
    },
    async step() {
      // Before the run phase (workers loading): wait for it, or for the end of a run that never got there.
      await Promise.race([liveReady, done]);
      if (!paused) await control.pause();
      if (!live || cancelRequested) return { index: stepIndex, stepped: [], notStepped: [], steps: {} };
      const { pending, groups } = live;
      // The barrier: values sent before this Step (in the last Step, or before the pause) have
      // reached their receivers, as in a local run, so a Step advances every component that has
      // its input whichever worker sent it (semantics §5.3).
      const round = ++syncRound;
      await Promise.all([...pending].map((w) => callWorker(workers[w]!, (api) => api.sync(round, SYNC_TIMEOUT_MS)).catch(() => null)));
      // Every group chooses who steps before any group steps: a value sent during this Step is
      // for the next one in every worker, as in one thread.
      await Promise.all([...pending].map((w) => callWorker(workers[w]!, (api) => api.prepareStep()).catch(() => null)));
      if (!live || cancelRequested) return { index: stepIndex, stepped: [], notStepped: [], steps: {} };
      const reports = await Promise.all(
        [...pending].map((w) =>
          callWorker(workers[w]!, (api) => api.step()).catch(() => null),
        ),
      );
      const stepped: string[] = [];
      const notStepped: { component: string; reason: NotSteppedReason }[] = [];
      const steps: Record<string, number> = {};
      for (const r of reports) {
        if (!r) continue;
        stepped.push(...r.stepped);
        notStepped.push(...r.notStepped);
        Object.assign(steps, r.steps);
      }
      for (const g of groups) if (!pending.has(g.worker)) for (const component of g.components) notStepped.push({ component, reason: 'finished' });
      const report: StepReport = { index: ++stepIndex, stepped, notStepped, steps };
      sink.push([{ kind: 'step-report', t: now(), ...report }]);
      return report;
    },
    async resume() {
      if (!paused) return;
      paused = false;
      if (!live) return;
      onResume();
      processStatus('running');
      await forLive((api) => api.resume());
    },
    async setBreakpoints(components) {
      componentBreakpoints = [...components];
      await forLive((api) => api.setBreakpoints(componentBreakpoints!));
    },
    async setProbe(key, probe) {
      probeChanges.delete(key); // re-inserted last: applied in call order
      probeChanges.set(key, probe);
      await forLive((api) => api.setProbe(key, probe));
    },
  };

  return {
    done,
    control,
    cancel() {
      if (cancelRequested) return;
      cancelRequested = true;
      if (stopAll) stopAll('cancel');
      else void terminateAll();
    },
  };
}

/** `navigator.hardwareConcurrency` (browsers, Node ≥ 21) or undefined. */
function hardwareParallelism(): number | undefined {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof n === 'number' && n > 0 ? n : undefined;
}

function pick(request: RunRequest, options: HostOptions) {
  return {
    ...(request.modules ? { modules: request.modules } : {}),
    ...(options.recordSteps !== undefined ? { recordSteps: options.recordSteps } : {}),
    ...(options.ioReadTimeoutMs !== undefined ? { ioReadTimeoutMs: options.ioReadTimeoutMs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.files ? { files: options.files } : {}),
    ...(request.channelCapacity !== undefined ? { channelCapacity: request.channelCapacity } : {}),
    ...(request.probes ? { probes: request.probes } : {}),
    ...(request.breakpoints ? { breakpoints: request.breakpoints } : {}),
  };
}
