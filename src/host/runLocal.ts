/**
 * Page side of a local run: one worker runs the whole LocalProcess. Cancel asks the worker to
 * stop; if it has not answered within GRACE_MS (a component in a synchronous loop), the worker is
 * terminated and the run ends 'stopped' with the files reported so far.
 */
import { now } from '../lib/clock.ts';
import type { RunEvent, RunResult } from '../protocol/events.ts';
import type { RunControl, RunHandle, RunRequest } from '../protocol/run.ts';
import { callWorker, toErrorInfo, type Platform } from './platform.ts';
import { GRACE_MS, type HostOptions } from './runParallel.ts';
import { createEventSink } from './telemetry.ts';
import { filterRunEvents } from './warnings.ts';
import { LOCAL_LANE } from './localWorker.ts';
import { after } from '../runtime/scheduler.ts';
import { parseConfig } from '../yaml/index.ts';
import { hostPythonBoot, rememberPythonBoot, usesPythonModules } from '../python/pythonBoot.ts';

/** The result of a model that cannot be read at all (shape errors, YAML syntax). */
export function parseFailure(yaml: string, startedAt: number, resolveRef?: (ref: string) => string | undefined): RunResult {
  const messages = parseConfig(yaml, resolveRef ? { resolveRef } : {}).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  return { status: 'failed', error: { name: 'ValidationError', message: messages.join('\n') || 'The model could not be read.' }, files: {}, startedAt, endedAt: now() };
}

/** How long a finished run waits for the worker's last telemetry (it normally takes < 1 ms). */
const DRAIN_MS = 500;

/**
 * @example const handle = runLocal(nodePlatform, { yaml }, (events) => console.log(events));
 */
export function runLocal(platform: Platform, request: RunRequest, onEvents: (events: readonly RunEvent[]) => void, options: HostOptions = {}): RunHandle {
  const sink = createEventSink(filterRunEvents(onEvents));
  const worker = platform.spawnLocalWorker();
  const startedAt = now();
  let cancelled = false;
  let resolveStopped: (result: RunResult) => void = () => undefined;
  const stopped = new Promise<RunResult>((resolve) => (resolveStopped = resolve));

  const { port1, port2 } = platform.createChannel();
  sink.attach(port1);
  const config = request.config ?? parseConfig(request.yaml, options.resolveRef ? { resolveRef: options.resolveRef } : {}).config;
  if (config) sink.push([{ kind: 'placement', t: now(), workers: [{ lane: LOCAL_LANE, components: [...new Set(config.process.components.map((c) => c.name))] }] }]);
  // Python: the host's compiled Pyodide and snapshot (or the request to make them, kept for later runs).
  const python = usesPythonModules(request.modules) && config ? hostPythonBoot() : undefined;
  const spec = {
    config: config!,
    ...(python ? { python } : {}),
    ...(request.modules ? { modules: request.modules } : {}),
    ...(request.channelCapacity !== undefined ? { channelCapacity: request.channelCapacity } : {}),
    ...(request.probes ? { probes: request.probes } : {}),
    ...(request.breakpoints ? { breakpoints: request.breakpoints } : {}),
    ...(request.startPaused ? { startPaused: true } : {}),
    ...(options.recordSteps !== undefined ? { recordSteps: options.recordSteps } : {}),
    ...(options.ioReadTimeoutMs !== undefined ? { ioReadTimeoutMs: options.ioReadTimeoutMs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.files ? { files: options.files } : {}),
  };
  const ran = !config
    ? Promise.resolve(parseFailure(request.yaml, startedAt, options.resolveRef))
    : callWorker(worker, (api) => api.run(spec, platform.transfer(port2, [port2]))).then(
    (result): RunResult => (cancelled && result.status === 'completed' ? { ...result, status: 'stopped' } : result),
    (error: unknown): RunResult =>
      cancelled
        ? { status: 'stopped', files: sink.files(), startedAt, endedAt: now() }
        : { status: 'failed', error: toErrorInfo(error), files: sink.files(), startedAt, endedAt: now() },
  );
  const done = Promise.race([ran, stopped]).then(async (result) => {
    // (Not after a Stop: the worker may be stuck in a loop.)
    if (python?.make) rememberPythonBoot(result.status === 'stopped' ? undefined : await callWorker(worker, (api) => api.takePythonBoot()).catch(() => undefined));
    if (result.status !== 'stopped') await sink.drain(DRAIN_MS);
    await worker.terminate();
    if (!sawTerminal) sink.push([{ kind: 'process-status', t: now(), status: result.status, ...(result.error ? { error: result.error } : {}) }]);
    sink.close();
    // One source of file text: the 'file' events delivered to the caller (before `done`).
    return { ...result, files: { ...result.files, ...sink.files() } };
  });
  let sawTerminal = false;
  const watch = (events: readonly RunEvent[]): void => {
    for (const e of events) if (e.kind === 'process-status' && (e.status === 'stopped' || e.status === 'failed' || e.status === 'completed')) sawTerminal = true;
  };
  port1.addEventListener('message', (e) => watch((e.data as { events: readonly RunEvent[] }).events ?? []));

  const control: RunControl = {
    pause: () => callWorker(worker, (api) => api.pause()).catch(() => undefined),
    async step() {
      const report = await callWorker(worker, (api) => api.step()).catch(() => null);
      if (report) sink.push([{ kind: 'step-report', t: now(), ...report }]);
      return report ?? { index: 0, stepped: [], notStepped: [], steps: {} };
    },
    resume: () => callWorker(worker, (api) => api.resume()).catch(() => undefined),
    setBreakpoints: (components) => callWorker(worker, (api) => api.setBreakpoints([...components])).catch(() => undefined),
    setProbe: (key, probe) => callWorker(worker, (api) => api.setProbe(key, probe)).catch(() => undefined),
  };

  return {
    done,
    control,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      void callWorker(worker, (api) => api.cancel()).catch(() => undefined);
      after(GRACE_MS, () => resolveStopped({ status: 'stopped', files: sink.files(), startedAt, endedAt: now() }));
    },
  };
}
