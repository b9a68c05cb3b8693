/**
 * Page side of a parallel run (Plugboard's RayProcess): one worker per component, started in
 * parallel; Comlink control plane; worker-to-worker MessagePorts for data; telemetry merged here.
 *
 * Failure: the first failing component fails the run; the others are cancelled (they stop at their
 * next await, writers flush in `onRunEnd`); a worker that does not settle within `GRACE_MS` (a
 * synchronous infinite loop) is terminated. Every worker is terminated when the run ends.
 */
import { now } from '../lib/clock.ts';
import type { ErrorInfo, RunEvent, RunResult, RunStatus, Status } from '../protocol/events.ts';
import type { RunHandle, RunRequest } from '../protocol/run.ts';
import { parseConfig } from '../yaml/index.ts';
import type { ComponentShape, ComponentWorkerApi, RunOutcome } from './componentWorker.ts';
import { callWorker, toErrorInfo, type Platform, type WorkerHandle } from './platform.ts';
import type { PortLike } from './PortLike.ts';
import { DEFAULT_CAPACITY } from './portChannel.ts';
import { planWiring } from './planWiring.ts';
import { createEventSink, FRAME_MS, type WaitReport } from './telemetry.ts';
import { channelCapacity, deadlockError } from '../runtime/LocalProcess.ts';
import type { WaitInfo } from '../runtime/runComponent.ts';
import { filterRunEvents } from './warnings.ts';

/** How long cancelled workers get to stop by themselves before they are terminated. */
export const GRACE_MS = 150;
/** Same, after a component failed (not a user stop). */
export const FAILURE_GRACE_MS = 1000;

export interface HostOptions {
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

/** Watchdog tick: a run where everyone waits is acted on after two quiet ticks (< 1 s with reports). */
const WATCHDOG_MS = 150;
/** After the other components stopped, how long sinks get for rows still in flight before their cancel. */
const SINK_DRAIN_MS = 20;

/**
 * @example const handle = runParallel(nodePlatform, { yaml }, (events) => console.log(events));
 */
export function runParallel(platform: Platform, request: RunRequest, onEvents: (events: readonly RunEvent[]) => void, options: HostOptions = {}): RunHandle {
  const sink = createEventSink(filterRunEvents(onEvents));
  const workers = new Map<string, Worker>();
  let cancelRequested = false;
  let stopAll: ((reason: 'cancel' | 'failure') => void) | undefined;
  const processStatus = (status: Status, error?: ErrorInfo): void =>
    sink.push([{ kind: 'process-status', t: now(), status, ...(error ? { error } : {}) }]);

  const terminateAll = async (): Promise<void> => {
    await Promise.all([...workers.values()].map((w) => w.terminate()));
  };

  const finish = async (status: RunStatus, startedAt: number, error?: ErrorInfo, files: Record<string, string> = {}, endedAt?: number): Promise<RunResult> => {
    // Each worker's result can overtake its last telemetry (different ports): wait for the end markers.
    if (status !== 'stopped') await sink.drain(DRAIN_MS);
    await terminateAll();
    processStatus(status, error);
    const result: RunResult = { status, ...(error ? { error } : {}), files: { ...sink.files(), ...files }, startedAt, endedAt: endedAt ?? now() };
    sink.close();
    return result;
  };

  const execute = async (): Promise<RunResult> => {
    const t0 = now();
    const parsed = parseConfig(request.yaml, options.resolveRef ? { resolveRef: options.resolveRef } : {});
    if (!parsed.config) {
      const message = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('\n');
      return finish('failed', t0, { name: 'ValidationError', message: message || 'The model could not be read.' });
    }
    const process = parsed.config.process;
    const names = [...new Set(process.components.map((c) => c.name))];
    const intervalMs = FRAME_MS * Math.max(1, names.length);
    processStatus('created');
    for (const name of names) workers.set(name, platform.spawnComponentWorker(name));
    if (cancelRequested) return finish('stopped', t0);

    // Load every worker in parallel (start-up cost is paid once, not per component).
    const shapes = new Map<string, ComponentShape>();
    const loads = await Promise.all(
      names.map(async (name) => {
        const worker = workers.get(name)!;
        const { port1, port2 } = platform.createChannel();
        sink.attach(port1);
        const spec = { config: parsed.config!, component: name, telemetryIntervalMs: intervalMs, ...pick(request, options) };
        try {
          const outcome = await callWorker(worker, (api) => api.load(spec, platform.transfer(port2, [port2])));
          if (outcome.ok) shapes.set(name, outcome.shape);
          return outcome.ok ? undefined : outcome.error;
        } catch (error) {
          return toErrorInfo(error, name);
        }
      }),
    );
    if (cancelRequested) return finish('stopped', t0);
    const loadError = loads.find((e) => e !== undefined);
    if (loadError) return finish('failed', t0, loadError);

    const plan = planWiring(process, shapes);
    if (plan.errors.length > 0) return finish('failed', t0, { name: 'ProcessInitError', message: plan.errors.join('\n') });
    sink.push(plan.logs.map((log) => ({ kind: 'log', t: now(), ...log })));
    const ends: { a: PortLike; b: PortLike }[] = [];
    for (let i = 0; i < plan.links; i++) {
      const { port1, port2 } = platform.createChannel();
      ends.push({ a: port1, b: port2 });
    }
    const { capacity, growable } = channelCapacity(process, request.channelCapacity ?? DEFAULT_CAPACITY);
    await Promise.all(
      names.map((name) => {
        const p = plan.components.get(name)!;
        const ports = {
          capacity,
          growable,
          idleInputs: p.idleInputs,
          initialValues: p.initialValues,
          eventsEnabled: p.eventsEnabled,
          outputs: p.outputs.map(({ field, link }) => ({ field, port: ends[link]!.a })),
          inputs: p.inputs.map(({ field, link }) => ({ field, port: ends[link]!.b })),
          eventsOut: p.eventsOut.map(({ type, link }) => ({ type, port: ends[link]!.a })),
          eventsIn: p.eventsIn.map((link) => ends[link]!.b),
          producers: p.producers,
        };
        const transfer = [...ports.outputs, ...ports.inputs, ...ports.eventsOut].map((e) => e.port).concat(ports.eventsIn);
        return callWorker(workers.get(name)!, (api) => api.connect(platform.transfer(ports, transfer)));
      }),
    );
    const inits = await Promise.all(names.map((name) => callWorker(workers.get(name)!, (api) => api.init()).catch((e) => ({ ok: false as const, error: toErrorInfo(e, name) }))));
    if (cancelRequested) return finish('stopped', t0);
    const initError = inits.find((r) => !r.ok);
    if (initError && !initError.ok) return finish('failed', t0, initError.error);
    processStatus('init');

    // Run.
    const startedAt = now();
    processStatus('running');
    const outcomes = new Map<string, RunOutcome>();
    let failure: ErrorInfo | undefined;
    let stopping = false;
    let settleAll: () => void = () => undefined;
    const allSettled = new Promise<void>((resolve) => (settleAll = resolve));
    const pending = new Set(names);
    const terminated = new Set<string>();
    const settle = (name: string, outcome: RunOutcome): void => {
      if (!pending.delete(name)) return;
      outcomes.set(name, outcome);
      for (const other of pending) void callWorker(workers.get(other)!, (api) => api.noteStatus(name, outcome.status)).catch(() => undefined);
      if (outcome.status === 'failed' && !failure) {
        failure = outcome.error ?? { name: 'Error', message: `Component '${name}' failed`, component: name };
        stopAll?.('failure');
      }
      maybeCancelSinks();
      if (pending.size === 0) settleAll();
    };
    // The watchdog: workers report waits that last; when every live component waits and none has
    // moved for two ticks, either some wait on a full channel (an artificial deadlock: they grow
    // their blocked outputs, Parks' rule) or it is a real deadlock (the run fails naming them).
    const waits = new Map<string, WaitReport>();
    sink.onWaitReport((report) => waits.set(report.component, report));
    // Waiting for events counts as blocked only while some producer of them is still live: with
    // none left the consumer ends itself at its next producer check.
    const blocked = (name: string): boolean => {
      const wait = waits.get(name)?.wait;
      if (!wait) return false;
      if (wait.kind !== 'events') return true;
      return Object.values(plan.components.get(name)!.producers).some((list) => list.some((p) => pending.has(p)));
    };
    let lastSignature = '';
    let still = 0;
    const watchdog = setIntervalish(WATCHDOG_MS, () => {
      if (stopping || pending.size === 0) return;
      const live = [...pending];
      if (!live.every(blocked)) {
        still = 0;
        return;
      }
      const signature = live.map((n) => `${n}:${waits.get(n)!.progress}`).join('|');
      if (signature !== lastSignature) {
        lastSignature = signature;
        still = 0;
        return;
      }
      if (++still < 2) return;
      still = 0;
      const writers = live.filter((n) => waits.get(n)!.wait!.kind === 'write');
      if (writers.length > 0) {
        void Promise.all(writers.map((n) => callWorker(workers.get(n)!, (api) => api.grow()).catch(() => false))).then((grew) => {
          if (!grew.some(Boolean) && !stopping && !failure) failDeadlock(live);
        });
        return;
      }
      failDeadlock(live);
    });
    const failDeadlock = (live: readonly string[]): void => {
      if (failure) return;
      const map = new Map<string, WaitInfo>(live.map((n) => [n, waits.get(n)!.wait!]));
      failure = toErrorInfo(deadlockError(map));
      stopAll?.('failure');
    };
    // Sinks (writers) are cancelled last: once every other component has stopped (its senders
    // flushed) they take the rows already sent to them (runComponent steps a cancelled sink's
    // complete inputs), so every row sent before a failure or a Stop is kept.
    const sinks = new Set(names.filter((n) => { const p = plan.components.get(n)!; return p.outputs.length === 0 && p.eventsOut.length === 0; }));
    let sinksCancelled = false;
    const cancelSinks = (): void => {
      if (sinksCancelled) return;
      sinksCancelled = true;
      for (const name of pending) if (sinks.has(name)) void callWorker(workers.get(name)!, (api) => api.cancel()).catch(() => undefined);
    };
    const maybeCancelSinks = (): void => {
      if (stopping && !sinksCancelled && [...pending].every((n) => sinks.has(n))) setTimeoutish(SINK_DRAIN_MS, cancelSinks);
    };
    stopAll = (reason) => {
      if (stopping) return;
      stopping = true;
      if (reason === 'cancel') cancelRequested = true;
      for (const name of pending) if (!sinks.has(name)) void callWorker(workers.get(name)!, (api) => api.cancel()).catch(() => undefined);
      maybeCancelSinks();
      setTimeoutish(SINK_DRAIN_MS * 3, cancelSinks);
      // Stop must be prompt; after a failure, give writers time to flush even on a busy machine.
      setTimeoutish(reason === 'cancel' ? GRACE_MS : FAILURE_GRACE_MS, () => {
        for (const name of [...pending]) {
          terminated.add(name);
          void workers.get(name)!.terminate();
          sink.push([{ kind: 'component-status', t: now(), component: name, status: 'stopped' }]);
          settle(name, { status: 'stopped', files: {} });
        }
      });
    };
    if (cancelRequested) stopAll('cancel');
    for (const name of names) {
      callWorker(workers.get(name)!, (api) => api.run()).then(
        (outcome) => settle(name, outcome),
        (error) => settle(name, { status: 'failed', error: toErrorInfo(error, name), files: {} }),
      );
    }
    await allSettled;
    clearIntervalish(watchdog);
    const runEndedAt = now();

    // Destroy what is still alive (bounded), then terminate everything.
    const alive = names.filter((n) => !terminated.has(n));
    const destroyBudget = cancelRequested ? GRACE_MS / 2 : 1000;
    await Promise.race([Promise.all(alive.map((n) => callWorker(workers.get(n)!, (api) => api.destroy()).catch(() => undefined))), timeout(destroyBudget)]);
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

  return {
    done,
    cancel() {
      if (cancelRequested) return;
      cancelRequested = true;
      if (stopAll) stopAll('cancel');
      else void terminateAll();
    },
  };
}

function pick(request: RunRequest, options: HostOptions) {
  return {
    ...(request.modules ? { modules: request.modules } : {}),
    ...(options.recordSteps !== undefined ? { recordSteps: options.recordSteps } : {}),
    ...(options.ioReadTimeoutMs !== undefined ? { ioReadTimeoutMs: options.ioReadTimeoutMs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.files ? { files: options.files } : {}),
  };
}
