/**
 * Worker side of a parallel run: ONE GROUP of components per worker (the placement plan decides
 * which, see placement.ts). The group runs in a LocalProcess — the same component host as a local
 * run: in-group connectors are in-memory channels, connectors to other groups are MessagePort
 * channels (data plane, worker to worker, never through the page). The page drives it over Comlink
 * with `load → connect → init → run → destroy` (control plane). `createComponentWorkerApi()` is a
 * plain object, so tests can also call it in-thread.
 */
import type { ErrorInfo, RunEvent, RunStatus, Status, StepReport } from '../protocol/events.ts';
import type { ModuleSource, ProbeControl, RunBreakpoints } from '../protocol/run.ts';
import type { ConfigSpec } from '../model/spec.ts';
import { now } from '../lib/clock.ts';
import { CLOSED, type ChannelReceiver, type ChannelSender } from '../runtime/channel.ts';
import type { PlugboardEvent } from '../runtime/events.ts';
import { createLocalProcess, ProcessInitError, type GroupWiring, type LocalProcess } from '../runtime/LocalProcess.ts';
import type { DeclaredIO } from '../runtime/planConnections.ts';
import type { WaitInfo } from '../runtime/runComponent.ts';
import { after } from '../runtime/scheduler.ts';
import { createRegistry, libraryComponents } from '../library/index.ts';
import type { ComponentClass } from '../runtime/Component.ts';
import { loadModel, pythonStartMessage } from './loadModel.ts';
import type { PythonBoot } from '../python/pythonBoot.ts';
import type { PortLike } from './PortLike.ts';
import { toErrorInfo, withModuleLocation } from './errorInfo.ts';
import { seedMathRandom } from './seedRandom.ts';
import { createPortReceiver, createPortSender, flushBeforeBlocking, type PortReceiver, type PortSender } from './portChannel.ts';
import { postTelemetryEnd, type TelemetryMessage, type WaitReport } from './telemetry.ts';

/** A blocking wait at least this long first posts pending telemetry. */
const LONG_BLOCK_MS = 50;

/** A group-wide wait is reported to the page's watchdog once it has lasted this long (ms). */
export const WAIT_REPORT_MS = 40;

export const PROTOCOL_VERSION = 3;

export interface ComponentLoadSpec {
  /** Parsed once on the page (plain data). */
  readonly config: ConfigSpec;
  readonly modules?: readonly ModuleSource[];
  /** Index of this worker in the placement plan (lane `worker:<index>`). */
  readonly worker: number;
  /** Components this worker hosts. */
  readonly members: readonly string[];
  /** Run Plugboard's process validation (one worker of the run does). */
  readonly validate?: boolean;
  /** Telemetry batch interval for this worker (the page gets ≤ ~60 messages/s in total). */
  readonly telemetryIntervalMs: number;
  readonly recordSteps?: boolean;
  readonly ioReadTimeoutMs?: number;
  readonly channelCapacity?: number;
  /** RunRequest.probes. */
  readonly probes?: readonly string[];
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

/** Ports and event types of the configured instances; the page wires connectors from these. */
export type ComponentShape = DeclaredIO;

export type LoadOutcome = { readonly ok: true; readonly shapes: Readonly<Record<string, ComponentShape>> } | { readonly ok: false; readonly error: ErrorInfo };

/** The cross-group channel ends of one group (ports are transferred with the call). */
export interface ComponentPorts {
  readonly capacity: number;
  /** False for a `maxsize` hard bound: the channels never grow. */
  readonly growable: boolean;
  /** Declared IO of every component of the model. */
  readonly io: Readonly<Record<string, ComponentShape>>;
  /** Connectors into this group, by connector id. */
  readonly inputs: readonly { readonly id: string; readonly port: PortLike }[];
  /** Connectors out of this group, by connector id. */
  readonly outputs: readonly { readonly id: string; readonly port: PortLike }[];
  /** One port per group publishing events this group subscribes to (unbounded, like Python's event queues). */
  readonly eventsIn: readonly PortLike[];
  /** One port per group subscribing to events this group publishes, with the types it wants. */
  readonly eventsOut: readonly { readonly types: readonly string[]; readonly port: PortLike }[];
}

export interface RunOutcome {
  readonly status: RunStatus;
  readonly error?: ErrorInfo;
  /** Files this group wrote (path → full text). */
  readonly files: Readonly<Record<string, string>>;
}

export interface ComponentWorkerApi {
  hello(): { protocolVersion: number };
  /**
   * Class-level `resources` of the model's module types (`componentClass({ resources })` or a
   * class's `static resources`), for the placement plan: user modules are evaluated in workers,
   * never on the page. TypeScript modules only.
   */
  classResources(types: readonly string[], modules: readonly ModuleSource[]): Promise<Record<string, unknown>>;
  load(spec: ComponentLoadSpec, telemetry: PortLike): Promise<LoadOutcome>;
  connect(ports: ComponentPorts): void;
  init(): Promise<{ ok: true } | { ok: false; error: ErrorInfo }>;
  run(): Promise<RunOutcome>;
  /** Ends the loops at their next await (a synchronous infinite loop needs `terminate`). */
  cancel(): void;
  /** Terminal status of a component of another group (producer checks, the group's deadlock rule). */
  noteStatus(component: string, status: Status): void;
  /**
   * The watchdog found every group waiting: grow this group's smallest full in-memory channel, or
   * else its blocked outputs to other groups (Parks' rule across workers). True if one grew.
   */
  grow(): boolean;
  destroy(): Promise<void>;
  status(): Status;
  /** Holds this group's components at their next step boundary; resolves once all are held or waiting. */
  pause(): Promise<void>;
  /** One step of this group's held components (see PauseGate.step); null without a process. */
  step(): Promise<StepReport | null>;
  /**
   * The Step barrier of a parallel run: sends marker `round` behind the values on every port this
   * group sends on, then resolves once every port it receives on has brought marker `round` or
   * ended, so no value sent before is still crossing workers (or after `timeoutMs`: false).
   * The host calls it on every running group at once.
   */
  sync(round: number, timeoutMs: number): Promise<boolean>;
  /** The first half of a Step (PauseGate.prepare): called on every running group before any `step`. */
  prepareStep(): Promise<void>;
  resume(): void;
  setBreakpoints(components: readonly string[]): void;
  /** RunControl.setProbe for the connectors this group sends on (after `load`). */
  setProbe(key: string, probe: ProbeControl | null): void;
  /** The Pyodide module and snapshot this worker made when `load` asked it to (`python.make`), once. */
  takePythonBoot(): PythonBoot | undefined;
}

const locate = (event: RunEvent): RunEvent => ('error' in event && event.error ? ({ ...event, error: withModuleLocation(event.error) } as RunEvent) : event);

/** @example Comlink.expose(createComponentWorkerApi()); */
export function createComponentWorkerApi(): ComponentWorkerApi {
  let process: LocalProcess | undefined;
  let spec: ComponentLoadSpec | undefined;
  let telemetry: PortLike | undefined;
  let io = new Map<string, DeclaredIO>();
  const statuses = new Map<string, Status>();
  const senders: PortSender[] = [];
  const externalEnds = new Set<unknown>();
  const receiversByField = new Map<string, PortReceiver[]>();
  const receiversById = new Map<string, ChannelReceiver>();
  const sendersById = new Map<string, ChannelSender>();
  const allReceivers: PortReceiver[] = [];
  const eventSenders: { types: readonly string[]; sender: PortSender }[] = [];
  let deliverIn: ((event: PlugboardEvent<unknown>) => void) | undefined;
  let cancelled = false;
  let restoreAtomics: (() => void) | undefined;
  // Group-wide wait reports (see WaitReport), debounced.
  let pendingWaits: ReadonlyMap<string, WaitInfo> | null = null;
  let pendingProgress = 0;
  let postedWaits = false;
  let pythonMade: PythonBoot | undefined;
  /** `sync` calls waiting for markers: re-checked when one arrives or a stream ends. */
  const syncChecks = new Set<() => void>();
  const onMarker = (): void => {
    for (const check of [...syncChecks]) check();
  };

  const post = (message: TelemetryMessage): void => telemetry?.postMessage(message);
  const postWaits = (): void => {
    if (!pendingWaits || !spec) return;
    postedWaits = true;
    post({ k: 'wait', worker: spec.worker, waits: Object.fromEntries(pendingWaits), progress: pendingProgress } satisfies WaitReport);
  };
  const onGroupWait = (waits: ReadonlyMap<string, WaitInfo> | null, progress: number): void => {
    pendingWaits = waits;
    pendingProgress = progress;
    if (waits) {
      after(WAIT_REPORT_MS, () => {
        if (pendingWaits === waits) postWaits();
      });
    } else if (postedWaits && spec) {
      // At once: the page must not take a long step that follows for a deadlock.
      postedWaits = false;
      post({ k: 'wait', worker: spec.worker, waits: null, progress } satisfies WaitReport);
    }
  };
  /**
   * The local channel rule (Geilen & Basten): a member waits for input on some fields while
   * another field's sender (in another group) is blocked on a full channel — grant that sender
   * more credit, or the two may wait for each other forever (the fan-in rate mismatch).
   */
  const onMemberWait = (component: string, wait: WaitInfo | null): void => {
    if (!wait || wait.kind !== 'read') return;
    const shape = io.get(component);
    for (const field of shape?.inputs ?? []) {
      if (wait.fields.includes(field)) continue;
      for (const r of receiversByField.get(`${component}.${field}`) ?? []) {
        if (r.senderBlocked && r.grant()) {
          emit([{ kind: 'log', t: now(), level: 'info', component, message: `Channel into ${component}.${field} grew to ${r.capacity} values: ${component} waits for ${wait.fields.join(', ')} while it was full (Plugboard's channels are unbounded)` }]);
        }
      }
    }
  };
  const flushSenders = (): void => {
    for (const sender of senders) sender.flush();
  };
  const emit = (events: readonly RunEvent[]): void => post({ k: 'events', events: events.map(locate) });

  return {
    hello: () => ({ protocolVersion: PROTOCOL_VERSION }),

    async classResources(types, modules) {
      const { loadModules } = await import('../modules/loadModules.ts');
      const registry = createRegistry();
      loadModules(modules.filter((m) => !m.file.endsWith('.py')), registry);
      const found: Record<string, unknown> = {};
      for (const type of types) {
        const cls = registry.resolve(type) as (ComponentClass & { readonly resources?: unknown }) | undefined;
        const resources = cls?.resources ?? cls?.info.resources;
        if (resources !== undefined && resources !== null) found[type] = resources;
      }
      return found;
    },

    async load(loadSpec, telemetryPort) {
      spec = loadSpec;
      telemetry = telemetryPort;
      const fail = (error: ErrorInfo): LoadOutcome => ({ ok: false, error });
      try {
        if (loadSpec.seed !== undefined) seedMathRandom(loadSpec.seed);
        const model = await loadModel(loadSpec);
        if (!model.ok) return fail(model.error);
        if (model.python) emit([{ kind: 'log', t: now(), level: 'info', message: pythonStartMessage(`worker:${loadSpec.worker}`, model.python) }]);
        pythonMade = model.python?.made;
        const members = new Set(loadSpec.members);
        const builtIn = new Set<unknown>(libraryComponents);
        const userCode = new Set(model.config.process.components.filter((c) => members.has(c.name) && !builtIn.has(model.registry.resolve(c.type))).map((c) => c.name));
        const known = new Set(model.config.process.components.map((c) => c.name));
        const missing = loadSpec.members.filter((m) => !known.has(m));
        if (missing.length) return fail({ name: 'Error', message: `No component named '${missing[0]}'` });
        const wiring: GroupWiring = {
          members,
          io: () => io,
          receiver: (id) => {
            const r = receiversById.get(id);
            if (!r) throw new Error(`No port for connector ${id}`);
            return r;
          },
          sender: (id) => {
            const s = sendersById.get(id);
            if (!s) throw new Error(`No port for connector ${id}`);
            return s;
          },
          publishOut: (event) => {
            for (const { types, sender } of eventSenders) if (types.includes(event.type)) void sender.send(event);
          },
          onEventIn: (deliver) => {
            deliverIn = deliver;
          },
          statusOf: (name) => statuses.get(name),
          onMemberWait,
          onGroupWait,
          isExternal: (end) => externalEnds.has(end),
          // User code (a module or Python class, not a built-in) may block this worker for good in
          // its next step; values already sent to other workers go out first (issue 13 item 6).
          beforeStepOf: (name) => (userCode.has(name) ? flushSenders : undefined),
        };
        process = createLocalProcess(model.config.process, model.registry, {
          group: wiring,
          onEvents: emit,
          batchMs: loadSpec.telemetryIntervalMs,
          lane: `worker:${loadSpec.worker}`,
          ...(loadSpec.validate && !model.pythonElsewhere ? {} : { validate: false as const }),
          ...(loadSpec.channelCapacity !== undefined ? { channelCapacity: loadSpec.channelCapacity } : {}),
          ...(loadSpec.probes ? { probes: loadSpec.probes } : {}),
          ...(loadSpec.recordSteps !== undefined ? { recordSteps: loadSpec.recordSteps } : {}),
          ...(loadSpec.ioReadTimeoutMs !== undefined ? { ioReadTimeoutMs: loadSpec.ioReadTimeoutMs } : {}),
          ...(loadSpec.files ? { files: loadSpec.files } : {}),
          ...(loadSpec.breakpoints ? { breakpoints: loadSpec.breakpoints } : {}),
          ...(loadSpec.startPaused ? { startPaused: true } : {}),
        });
        const components = process.construct();
        const shapes: Record<string, ComponentShape> = {};
        for (const [name, c] of components) shapes[name] = { inputs: c.io.inputs, outputs: c.io.outputs, inputEvents: c.io.inputEvents, outputEvents: c.io.outputEvents };
        process.flushEvents();
        return { ok: true, shapes };
      } catch (error) {
        process?.flushEvents();
        return fail(toErrorInfo(error, error instanceof ProcessInitError ? error.component : undefined));
      }
    },

    connect(ports) {
      if (!process) throw new Error('group worker: load() first');
      io = new Map(Object.entries(ports.io));
      const options = { capacity: ports.capacity, growable: ports.growable };
      for (const { id, port } of ports.inputs) {
        const target = id.slice(id.indexOf('..') + 2);
        const receiver = createPortReceiver(port, { ...options, onSenderBlocked: () => process?.noteExternalStatus(), onMarker });
        allReceivers.push(receiver);
        externalEnds.add(receiver);
        receiversById.set(id, receiver);
        (receiversByField.get(target) ?? receiversByField.set(target, []).get(target)!).push(receiver);
      }
      for (const { id, port } of ports.outputs) {
        const sender = createPortSender(port, options);
        senders.push(sender);
        externalEnds.add(sender);
        sendersById.set(id, sender);
      }
      const unbounded = { capacity: Infinity, flushIntervalMs: 0 }; // events are rare: post each at once
      for (const port of ports.eventsIn) {
        const receiver = createPortReceiver(port, { ...unbounded, onMarker });
        allReceivers.push(receiver);
        void (async () => {
          for (;;) {
            const event = await receiver.recv();
            if (event === CLOSED) return;
            deliverIn?.(event as PlugboardEvent<unknown>);
          }
        })();
      }
      for (const { types, port } of ports.eventsOut) {
        const sender = createPortSender(port, unbounded);
        senders.push(sender);
        eventSenders.push({ types, sender });
      }
      restoreAtomics = flushBeforeBlocking((timeoutMs) => {
        for (const sender of senders) sender.flush();
        // A long block would hold back this step's 'running' status and the last steps; blocks
        // this long are rare enough to stay within the telemetry rate.
        if (timeoutMs >= LONG_BLOCK_MS) process?.flushEvents();
      });
    },

    async init() {
      if (!process) throw new Error('group worker: load() first');
      try {
        await process.init();
        return { ok: true };
      } catch (error) {
        process.flushEvents();
        return { ok: false, error: toErrorInfo(error, error instanceof ProcessInitError ? error.component : undefined) };
      }
    },

    async run() {
      if (!process) throw new Error('group worker: load() first');
      if (cancelled) {
        process.cancel();
        if (telemetry) postTelemetryEnd(telemetry);
        return { status: 'stopped', files: process.files.written() };
      }
      const result = await process.run();
      for (const sender of senders) sender.flush();
      process.flushEvents();
      if (telemetry) postTelemetryEnd(telemetry);
      return { status: result.status, ...(result.error ? { error: withModuleLocation(result.error) } : {}), files: result.files };
    },

    cancel() {
      cancelled = true;
      process?.cancel();
    },

    noteStatus(component, status) {
      statuses.set(component, status);
      process?.noteExternalStatus();
    },

    grow() {
      if (process?.growForPool()) return true;
      let grew = false;
      for (const sender of senders) if (sender.isBlocked && sender.grow()) grew = true;
      return grew;
    },

    async destroy() {
      if (!process) return;
      await process.destroy();
      restoreAtomics?.();
      for (const sender of senders) sender.flush();
      for (const receiver of allReceivers) receiver.detach();
    },

    status: () => process?.status ?? 'created',

    async pause() {
      if (!process) return;
      process.pause();
      await process.whenPaused();
      // Values batched on ports go out now: a held group sends nothing more until Step or Resume.
      for (const sender of senders) sender.flush();
      process.flushEvents();
    },

    async step() {
      if (!process) return null;
      const report = await process.step();
      for (const sender of senders) sender.flush();
      return report;
    },

    async prepareStep() {
      await process?.prepareStep();
    },

    sync(round, timeoutMs) {
      for (const sender of senders) sender.mark(round);
      const arrived = (): boolean => allReceivers.every((r) => r.isEnded || r.marked >= round);
      if (arrived()) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (ok: boolean): void => {
          if (!syncChecks.delete(check)) return;
          resolve(ok);
        };
        const check = (): void => {
          if (arrived()) done(true);
        };
        syncChecks.add(check);
        after(timeoutMs, () => done(false));
      });
    },

    resume() {
      process?.resume();
    },

    setBreakpoints(components) {
      process?.setBreakpoints(components);
    },
    setProbe(key, probe) {
      process?.setProbe(key, probe !== null, probe ? (probe.condition ?? null) : undefined);
    },
    takePythonBoot() {
      const made = pythonMade;
      pythonMade = undefined;
      return made;
    },
  };
}
