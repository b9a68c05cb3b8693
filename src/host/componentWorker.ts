/**
 * Worker side of a parallel run: ONE component per worker. Its channels are MessagePorts to the
 * other workers (data plane, never through the page); the page drives it over Comlink with
 * `load → connect → init → run → destroy` (control plane). `createComponentWorkerApi()` is a plain
 * object, so tests can also call it in-thread.
 */
import type { ErrorInfo, RunEvent, RunStatus, Status } from '../protocol/events.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { ConfigSpec } from '../model/spec.ts';
import { now } from '../lib/clock.ts';
import { Channel, mergeReceivers, withInitialValues, type ChannelReceiver } from '../runtime/channel.ts';
import type { Component, ComponentArgs } from '../runtime/Component.ts';
import type { PlugboardEvent } from '../runtime/events.ts';
import { createFileStore, type FileStore } from '../runtime/files.ts';
import { createCancel, type CancelSignal } from '../runtime/scheduler.ts';
import { initComponent, runComponent, type WaitInfo } from '../runtime/runComponent.ts';
import { onBlockingSleepFallback } from '../runtime/blockingSleep.ts';
import { loadModel } from './loadModel.ts';
import type { PortLike } from './PortLike.ts';
import { toErrorInfo } from './errorInfo.ts';
import { seedMathRandom } from './seedRandom.ts';
import type { DeclaredIO } from '../runtime/planConnections.ts';
import { createPortReceiver, createPortSender, flushBeforeBlocking, type PortReceiver, type PortSender } from './portChannel.ts';
import { createTelemetrySender, type TelemetrySender, type WaitReport } from './telemetry.ts';
import { after } from '../runtime/scheduler.ts';

/** A wait is reported to the page's watchdog once it has lasted this long (ms). */
export const WAIT_REPORT_MS = 40;

/** A blocking wait at least this long first posts pending telemetry. */
const LONG_BLOCK_MS = 50;

export const PROTOCOL_VERSION = 1;

export interface ComponentLoadSpec {
  /** Parsed once on the page (plain data). */
  readonly config: ConfigSpec;
  readonly modules?: readonly ModuleSource[];
  readonly component: string;
  /** Telemetry batch interval for this worker (the page gets ≤ ~60 messages/s in total). */
  readonly telemetryIntervalMs: number;
  readonly recordSteps?: boolean;
  readonly ioReadTimeoutMs?: number;
  /** Seeds `Math.random` in this worker (tests, benchmarks). */
  readonly seed?: number;
  /** Files present before the run (FileReader input). */
  readonly files?: Readonly<Record<string, string>>;
}

/** Ports and event types of the configured instance; the page wires connectors from this. */
export type ComponentShape = DeclaredIO;

export type LoadOutcome = { readonly ok: true; readonly shape: ComponentShape } | { readonly ok: false; readonly error: ErrorInfo };

/** The channel ends of one component (ports are transferred with the call). */
export interface ComponentPorts {
  readonly capacity: number;
  /** False for a `maxsize` hard bound: the channels never grow. */
  readonly growable: boolean;
  readonly inputs: readonly { readonly field: string; readonly port: PortLike }[];
  /** Connected fields whose source does not exist: they never receive (Plugboard hangs too). */
  readonly idleInputs: readonly string[];
  /** Initial values of connected input fields (spec §3.6). */
  readonly initialValues: Readonly<Record<string, readonly unknown[]>>;
  readonly eventsEnabled: boolean;
  readonly outputs: readonly { readonly field: string; readonly port: PortLike }[];
  /** One port per (publisher → this component) event link; unbounded like Python's event queues. */
  readonly eventsIn: readonly PortLike[];
  readonly eventsOut: readonly { readonly type: string; readonly port: PortLike }[];
  /** For each non-system input event type, the components that publish it (§6.5). */
  readonly producers: Readonly<Record<string, readonly string[]>>;
}

export interface RunOutcome {
  readonly status: RunStatus;
  readonly error?: ErrorInfo;
  /** Files this component wrote (path → full text). */
  readonly files: Readonly<Record<string, string>>;
}

export interface ComponentWorkerApi {
  hello(): { protocolVersion: number };
  load(spec: ComponentLoadSpec, telemetry: PortLike): Promise<LoadOutcome>;
  connect(ports: ComponentPorts): void;
  init(): Promise<{ ok: true } | { ok: false; error: ErrorInfo }>;
  run(): Promise<RunOutcome>;
  /** Ends the loop at its next await (a synchronous infinite loop needs `terminate`). */
  cancel(): void;
  /** Terminal status of another component (for the producer check of event consumers). */
  noteStatus(component: string, status: Status): void;
  /**
   * The watchdog found every component waiting and this one blocked on a full output: doubles the
   * capacity of its blocked output channels (Parks' rule across workers). True if one grew.
   */
  grow(): boolean;
  destroy(): Promise<void>;
  status(): Status;
}

interface Loaded {
  readonly component: Component;
  readonly spec: ComponentLoadSpec;
  readonly files: FileStore;
  readonly telemetry: TelemetrySender;
  readonly telemetryPort: PortLike;
}

/** @example Comlink.expose(createComponentWorkerApi()); */
export function createComponentWorkerApi(): ComponentWorkerApi {
  let loaded: Loaded | undefined;
  let wiring: Parameters<typeof runComponent>[1] | undefined;
  const senders: PortSender[] = [];
  const receivers: ChannelReceiver[] = [];
  const fieldReceivers = new Map<string, PortReceiver[]>();
  // What the component waits for now, and how many waits it has ended (see WaitReport).
  let waitingFor: WaitInfo | null = null;
  let progress = 0;
  let reported: { wait: WaitInfo | null; progress: number } = { wait: null, progress: 0 };
  let reportTimer = false;
  /**
   * The local channel rule (Geilen & Basten): the component waits for input on some fields while
   * another field's sender is blocked on a full channel — grant that sender more credit, or the
   * two may wait for each other forever (the fan-in rate mismatch).
   */
  const localRule = (): void => {
    const wait = waitingFor;
    if (!wait || wait.kind !== 'read') return;
    for (const [field, list] of fieldReceivers) {
      if (wait.fields.includes(field)) continue;
      for (const r of list) if (r.senderBlocked && r.grant()) emit({ kind: 'log', t: now(), level: 'info', component: loaded?.component.name, message: `Channel into ${loaded?.component.name}.${field} grew to ${r.capacity} values: the component waits for ${wait.fields.join(', ')} while it was full (Plugboard's channels are unbounded)` });
    }
  };
  const sameWait = (a: WaitInfo | null, b: WaitInfo | null): boolean => a === b || (a !== null && b !== null && a.kind === b.kind && a.fields.join() === b.fields.join());
  const report = (): void => {
    reportTimer = false;
    const state = loaded;
    if (!state) return;
    if (sameWait(waitingFor, reported.wait) && (waitingFor === null || reported.progress === progress)) return;
    reported = { wait: waitingFor, progress };
    state.telemetryPort.postMessage({ k: 'wait', component: state.component.name, wait: waitingFor, progress } satisfies WaitReport);
  };
  const onWait = (_: string, wait: WaitInfo | null): void => {
    waitingFor = wait;
    if (wait === null) {
      progress++;
      // The page believes this component waits: say at once that it runs (its next step may block
      // this thread for long, and the watchdog must not take that for a deadlock).
      if (reported.wait !== null) return report();
    } else localRule();
    if (!reportTimer && (wait !== null || reported.wait !== null)) {
      reportTimer = true;
      after(WAIT_REPORT_MS, report);
    }
  };
  let producers: Readonly<Record<string, readonly string[]>> = {};
  const statuses = new Map<string, Status>();
  const cancel = createCancel();
  let offFallback: (() => void) | undefined;

  const need = (): Loaded => {
    if (!loaded) throw new Error('component worker: load() first');
    return loaded;
  };
  const emit = (event: RunEvent): void => loaded?.telemetry.emit(event);

  return {
    hello: () => ({ protocolVersion: PROTOCOL_VERSION }),

    async load(spec, telemetryPort) {
      const telemetry = createTelemetrySender(telemetryPort, spec.telemetryIntervalMs);
      const fail = (error: ErrorInfo): LoadOutcome => {
        telemetry.flush();
        return { ok: false, error };
      };
      try {
        if (spec.seed !== undefined) seedMathRandom(spec.seed);
        const model = await loadModel(spec);
        if (!model.ok) return fail(model.error);
        const specs = model.config.process.components.filter((c) => c.name === spec.component);
        const componentSpec = specs[specs.length - 1]; // duplicate names: last wins (Q7)
        if (!componentSpec) return fail({ name: 'Error', message: `No component named '${spec.component}'` });
        const cls = model.registry.resolve(componentSpec.type);
        if (!cls) {
          return fail({ name: 'Error', message: `Component type '${componentSpec.type}' cannot run here`, component: spec.component });
        }
        // Same construction as LocalProcess.init.
        const component = new cls({
          ...componentSpec.args,
          name: componentSpec.name,
          initial_values: componentSpec.initialValues,
          parameters: { ...model.config.process.parameters, ...componentSpec.parameters },
        } as ComponentArgs);
        telemetry.emit({ kind: 'component-status', t: now(), component: component.name, status: 'created' });
        const files = createFileStore({ onEvent: emit, ...(spec.files ? { files: spec.files } : {}) });
        component.attach({
          files,
          log: (level, message) => emit({ kind: 'log', t: now(), level, message, component: component.name }),
        });
        component.statusListener = (status, error) =>
          emit({
            kind: 'component-status',
            t: now(),
            component: component.name,
            status,
            ...(error !== undefined ? { error: toErrorInfo(error, component.name) } : {}),
          });
        offFallback = onBlockingSleepFallback((message) => emit({ kind: 'log', t: now(), level: 'warning', message }));
        loaded = { component, spec, files, telemetry, telemetryPort };
        const io = component.io;
        return { ok: true, shape: { inputs: io.inputs, outputs: io.outputs, inputEvents: io.inputEvents, outputEvents: io.outputEvents } };
      } catch (error) {
        return fail(toErrorInfo(error, spec.component));
      }
    },

    connect(ports) {
      need();
      const options = { capacity: ports.capacity, growable: ports.growable };
      const byField = fieldReceivers;
      for (const { field, port } of ports.inputs) {
        const receiver = createPortReceiver(port, { ...options, onSenderBlocked: localRule });
        receivers.push(receiver);
        byField.set(field, [...(byField.get(field) ?? []), receiver]);
      }
      const inputs: Record<string, ChannelReceiver> = {};
      for (const field of ports.idleInputs) inputs[field] = withInitialValues(new Channel(1), ports.initialValues[field] ?? []);
      for (const [field, list] of byField) {
        inputs[field] = withInitialValues(mergeReceivers(list), ports.initialValues[field] ?? []);
      }
      const outputs: Record<string, PortSender[]> = {};
      for (const { field, port } of ports.outputs) {
        const sender = createPortSender(port, options);
        senders.push(sender);
        (outputs[field] ??= []).push(sender);
      }
      const unbounded = { capacity: Infinity, flushIntervalMs: 0 }; // events are rare: post each at once
      const eventReceivers = ports.eventsIn.map((port) => createPortReceiver(port, unbounded));
      receivers.push(...eventReceivers);
      const eventSenders = new Map<string, PortSender[]>();
      for (const { type, port } of ports.eventsOut) {
        const sender = createPortSender(port, unbounded);
        senders.push(sender);
        eventSenders.set(type, [...(eventSenders.get(type) ?? []), sender]);
      }
      producers = ports.producers;
      flushBeforeBlocking((timeoutMs) => {
        for (const sender of senders) sender.flush();
        // A long block would hold back this step's 'running' status and the last steps; blocks
        // this long are rare enough to stay within the telemetry rate.
        if (timeoutMs >= LONG_BLOCK_MS) loaded?.telemetry.flush();
      });
      const hasEvents = ports.eventsEnabled;
      wiring = {
        inputs,
        outputs,
        ...(eventReceivers.length > 0 ? { events: mergeReceivers(eventReceivers) as ChannelReceiver<PlugboardEvent> } : {}),
        ...(hasEvents
          ? {
              publish: (event: PlugboardEvent<unknown>) => {
                for (const sender of eventSenders.get(event.type) ?? []) void sender.send(event);
              },
            }
          : {}),
        producers,
      };
    },

    async init() {
      const { component } = need();
      try {
        await initComponent(component);
        return { ok: true };
      } catch (error) {
        component.setStatus('failed', error);
        return { ok: false, error: toErrorInfo(error, component.name) };
      }
    },

    async run() {
      const { component, spec, files, telemetry } = need();
      if (!wiring) throw new Error('component worker: connect() first');
      let status: RunStatus;
      let error: ErrorInfo | undefined;
      try {
        status = await runComponent(component, wiring, {
          lane: `worker:${component.name}`,
          emit,
          statusOf: (name) => statuses.get(name),
          signal: cancel.signal as CancelSignal,
          onWait,
          recordSteps: spec.recordSteps ?? true,
          ...(spec.ioReadTimeoutMs !== undefined ? { ioReadTimeoutMs: spec.ioReadTimeoutMs } : {}),
        });
      } catch (e) {
        status = 'failed';
        error = toErrorInfo(e, component.name);
        if (component.status !== 'failed') component.setStatus('failed', e);
      }
      if (status === 'stopped' && component.status !== 'stopped') component.setStatus('stopped');
      try {
        await component.onRunEnd(status); // writers flush what they have
      } catch (e) {
        error ??= toErrorInfo(e, component.name);
        status = 'failed';
      }
      for (const sender of senders) sender.flush();
      telemetry.end();
      return { status, ...(error ? { error } : {}), files: files.written() };
    },

    cancel: () => cancel.cancel(),

    grow() {
      let grew = false;
      for (const sender of senders) if (sender.isBlocked && sender.grow()) grew = true;
      return grew;
    },

    noteStatus(component, status) {
      statuses.set(component, status);
    },

    async destroy() {
      const state = loaded;
      if (!state) return;
      try {
        await state.component.destroy();
      } catch (error) {
        state.telemetry.emit({ kind: 'log', t: now(), level: 'error', message: toErrorInfo(error).message, component: state.component.name });
      }
      offFallback?.();
      for (const sender of senders) sender.flush();
      for (const receiver of receivers) receiver.detach?.();
      state.telemetry.flush();
    },

    status: () => loaded?.component.status ?? 'created',
  };
}
