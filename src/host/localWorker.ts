/**
 * Worker side of a local run: the whole LocalProcess in ONE worker (blocking components serialize,
 * as in Plugboard's LocalProcess); the page's main thread never runs component code.
 */
import { now } from '../lib/clock.ts';
import type { RunEvent, RunResult, StepReport } from '../protocol/events.ts';
import type { ModuleSource, ProbeControl, RunBreakpoints } from '../protocol/run.ts';
import type { ConfigSpec } from '../model/spec.ts';
import { createLocalProcess, type LocalProcess } from '../runtime/LocalProcess.ts';
import { loadModel, pythonStartMessage } from './loadModel.ts';
import type { PythonBoot } from '../python/pythonBoot.ts';
import type { PortLike } from './PortLike.ts';
import { FRAME_MS, postTelemetryEnd, type TelemetryMessage } from './telemetry.ts';
import { withModuleLocation } from './errorInfo.ts';
import { seedMathRandom } from './seedRandom.ts';

const locate = (event: RunEvent): RunEvent =>
  'error' in event && event.error ? ({ ...event, error: withModuleLocation(event.error) } as RunEvent) : event;

export interface LocalRunSpec {
  /** Parsed once on the page (plain data). */
  readonly config: ConfigSpec;
  readonly modules?: readonly ModuleSource[];
  readonly channelCapacity?: number;
  /** RunRequest.probes. */
  readonly probes?: readonly string[];
  readonly recordSteps?: boolean;
  readonly ioReadTimeoutMs?: number;
  /** Seeds `Math.random` in this worker (tests, benchmarks). */
  readonly seed?: number;
  /** Files present before the run (FileReader input). */
  readonly files?: Readonly<Record<string, string>>;
  /** RunRequest.breakpoints / startPaused (issue 10). */
  readonly breakpoints?: RunBreakpoints;
  readonly startPaused?: boolean;
  /** The host's Pyodide module and snapshot, or the request to make them (src/python/pythonBoot.ts). */
  readonly python?: PythonBoot;
}

export interface LocalWorkerApi {
  hello(): { protocolVersion: number };
  /** init → run → destroy; never throws. Events go to `telemetry` at most every FRAME_MS. */
  run(spec: LocalRunSpec, telemetry: PortLike): Promise<RunResult>;
  /** Stops the run at the components' next await (a stuck loop needs `terminate`). */
  cancel(): void;
  /** Holds every component at its next step boundary; resolves once all are held or waiting. */
  pause(): Promise<void>;
  /** One process step (see PauseGate.step); null before the run started or after it ended. */
  step(): Promise<StepReport | null>;
  resume(): void;
  setBreakpoints(components: readonly string[]): void;
  /** RunControl.setProbe: records a connector or port from its next value on (null: stops). */
  setProbe(key: string, probe: ProbeControl | null): void;
  /** The Pyodide module and snapshot this worker made when the run asked it to (`python.make`), once. */
  takePythonBoot(): PythonBoot | undefined;
}

/** Lane of step events in a local run: every component shares this one thread. */
export const LOCAL_LANE = 'worker:local';

/** @example Comlink.expose(createLocalWorkerApi()); */
export function createLocalWorkerApi(): LocalWorkerApi {
  let process: LocalProcess | undefined;
  let cancelled = false;
  // Pause asked before the process exists (still loading): it starts held.
  let pauseEarly = false;
  let breakpointsEarly: readonly string[] | null = null;
  // Probes set before the process exists (still loading), applied once it does, in order.
  const probesEarly: { key: string; probe: ProbeControl | null }[] = [];
  const applyProbe = (p: LocalProcess, key: string, probe: ProbeControl | null): void => {
    p.setProbe(key, probe !== null, probe ? (probe.condition ?? null) : undefined);
  };
  let ended = false;
  let pythonMade: PythonBoot | undefined;
  // A Step asked while the model is still loading (user modules, Pyodide) waits for the process,
  // as the parallel host waits for its run phase; settled when the process exists or the run ends.
  let settleStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (settleStarted = resolve));
  return {
    hello: () => ({ protocolVersion: 1 }),
    async run(spec, telemetry) {
      const post = (events: readonly RunEvent[]): void =>
        telemetry.postMessage({ k: 'events', events: events.map(locate) } satisfies TelemetryMessage);
      const startedAt = now();
      if (spec.seed !== undefined) seedMathRandom(spec.seed);
      const model = await loadModel(spec);
      if (!model.ok) {
        ended = true;
        settleStarted();
        post([{ kind: 'process-status', t: now(), status: 'failed', error: model.error }]);
        postTelemetryEnd(telemetry);
        return { status: 'failed', error: model.error, files: {}, startedAt, endedAt: now() };
      }
      pythonMade = model.python?.made;
      if (model.python) post([{ kind: 'log', t: now(), level: 'info', message: pythonStartMessage(LOCAL_LANE, model.python) }]);
      process = createLocalProcess(model.config.process, model.registry, {
        onEvents: post,
        batchMs: FRAME_MS,
        lane: LOCAL_LANE,
        ...(spec.channelCapacity !== undefined ? { channelCapacity: spec.channelCapacity } : {}),
        ...(spec.probes ? { probes: spec.probes } : {}),
        ...(spec.recordSteps !== undefined ? { recordSteps: spec.recordSteps } : {}),
        ...(spec.files ? { files: spec.files } : {}),
        ...(spec.ioReadTimeoutMs !== undefined ? { ioReadTimeoutMs: spec.ioReadTimeoutMs } : {}),
        ...(spec.breakpoints || breakpointsEarly
          ? { breakpoints: { ...spec.breakpoints, ...(breakpointsEarly ? { components: breakpointsEarly } : {}) } }
          : {}),
        ...(spec.startPaused || pauseEarly ? { startPaused: true } : {}),
      });
      for (const { key, probe } of probesEarly.splice(0)) applyProbe(process, key, probe);
      if (cancelled) process.cancel();
      settleStarted();
      const result = await process.execute();
      ended = true;
      postTelemetryEnd(telemetry);
      return result.error ? { ...result, error: withModuleLocation(result.error) } : result;
    },
    cancel() {
      cancelled = true;
      process?.cancel();
      settleStarted();
    },
    async pause() {
      if (!process) {
        pauseEarly = true;
        return;
      }
      process.pause();
      await process.whenPaused();
    },
    async step() {
      if (!process && !ended && !cancelled) {
        pauseEarly = true; // a Step holds the run: it must not start running meanwhile
        await started;
      }
      if (!process || ended || cancelled) return null;
      return process.step();
    },
    resume() {
      pauseEarly = false;
      process?.resume();
    },
    setBreakpoints(components) {
      breakpointsEarly = components;
      process?.setBreakpoints(components);
    },
    setProbe(key, probe) {
      if (process) applyProbe(process, key, probe);
      else probesEarly.push({ key, probe });
    },
    takePythonBoot() {
      const made = pythonMade;
      pythonMade = undefined;
      return made;
    },
  };
}
