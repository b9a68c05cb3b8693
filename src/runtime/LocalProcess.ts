/**
 * LocalProcess: every component in one thread, cooperatively scheduled (spec §5.2–5.4).
 * init → run → destroy, emitting batched run events.
 */
import type { ProcessSpec } from '../model/spec.ts';
import { plugboardValidate } from '../model/plugboardRules.ts';
import type { ErrorInfo, RunEvent, RunResult, Status } from '../protocol/events.ts';
import { now } from '../lib/clock.ts';
import { Channel, DEFAULT_CHANNEL_CAPACITY, mergeReceivers, withInitialValues, type ChannelReceiver, type ChannelSender } from './channel.ts';
import type { Component, ComponentClass } from './Component.ts';
import { StopEvent, type PlugboardEvent } from './events.ts';
import { createFileStore, type FileStore } from './files.ts';
import { onBlockingSleepFallback } from './blockingSleep.ts';
import { planConnections } from './planConnections.ts';
import type { ComponentRegistry } from './registry.ts';
import { initComponent, runComponent, ComponentStepError, type ComponentWiring } from './runComponent.ts';
import { after, createCancel } from './scheduler.ts';
import { toErrorInfo } from './errors.ts';

export interface LocalProcessOptions {
  /** Receives run events in batches (at most one batch per `batchMs`). */
  readonly onEvents?: (events: readonly RunEvent[]) => void;
  /** Batch interval, ms (default 16). */
  readonly batchMs?: number;
  /**
   * Capacity of every field channel (default {@link DEFAULT_CHANNEL_CAPACITY}; a positive
   * `connector_builder.args.maxsize` in the YAML wins, as in Plugboard).
   */
  readonly channelCapacity?: number;
  /** Producer check interval for event consumers, ms (spec §5.8; default 200). */
  readonly ioReadTimeoutMs?: number;
  /** Grace before an event consumer's final cycle, ms (Python 3000; default 0). */
  readonly closeGraceMs?: number;
  /** Files present before the run (FileReader input), path → text. */
  readonly files?: Readonly<Record<string, string>>;
  /** Loads a file the store does not hold (the CLI reads from disk). */
  readonly loadFile?: (path: string) => string | undefined;
  /** Thread name on step events (default 'main'). */
  readonly lane?: string;
  /** Emit 'step' events (default true). */
  readonly recordSteps?: boolean;
  /** Most step events per component per second (default 5000; Infinity for all). */
  readonly maxStepEventsPerSecond?: number;
  /**
   * Process validation run at the end of init (spec §5.5): Plugboard's rules by default (unconnected
   * inputs, events without producers, cycles without initial values); `false` skips it.
   */
  readonly validate?: false | ((spec: ProcessSpec) => readonly string[]);
}

/** Thrown by `init` when the process cannot start; `errors` lists every problem. */
export class ProcessInitError extends Error {
  override name = 'ProcessInitError';
  constructor(
    readonly errors: readonly string[],
    readonly component?: string,
    /** The original error (its name and stack end up in the ErrorInfo). */
    readonly initCause?: unknown,
  ) {
    super(errors.join('\n'));
  }
}

/**
 * @example
 * const process = new LocalProcess(spec, createRegistry(), { onEvents: (b) => log.push(...b) });
 * await process.init();
 * const result = await process.run(); // { status: 'completed', files: { 'ray.csv': '...' } }
 * await process.destroy();
 */
export class LocalProcess {
  readonly files: FileStore;
  readonly components = new Map<string, Component>();
  private state: Status = 'created';
  private readonly cancelControl = createCancel();
  private readonly batch: RunEvent[] = [];
  private flushScheduled = false;
  private wirings = new Map<string, ComponentWiring>();
  private publishEvent: ((event: PlugboardEvent<unknown>) => void) | null = null;
  private initialised = false;
  private startedAt = now();

  constructor(
    readonly spec: ProcessSpec,
    private readonly registry: ComponentRegistry,
    private readonly options: LocalProcessOptions = {},
  ) {
    this.files = createFileStore({
      ...(options.files ? { files: options.files } : {}),
      ...(options.loadFile ? { load: options.loadFile } : {}),
      onEvent: (e) => this.emit(e),
    });
  }

  get status(): Status {
    return this.state;
  }

  /** A component instance by name (after construction in `init`). */
  component(name: string): Component | undefined {
    return this.components.get(name);
  }

  /** Builds components, connects channels, runs every `init`, validates. Throws {@link ProcessInitError}. */
  async init(): Promise<void> {
    this.startedAt = now();
    for (const cs of this.spec.components) {
      const cls = this.resolveClass(cs.type, cs.name);
      try {
        const instance = new cls({ ...cs.args, name: cs.name, initial_values: cs.initialValues, parameters: { ...this.spec.parameters, ...cs.parameters } });
        this.components.delete(cs.name); // duplicate names: last wins (Q7)
        this.components.set(cs.name, instance);
      } catch (error) {
        throw new ProcessInitError([`Component '${cs.name}': ${error instanceof Error ? error.message : String(error)}`], cs.name, error);
      }
    }
    for (const [name, c] of this.components) {
      c.statusListener = (status, error) => this.emit({ kind: 'component-status', t: now(), component: name, status, ...(error !== undefined ? { error: toErrorInfo(error, name) } : {}) });
      c.attach({ files: this.files, log: (level, message) => this.emit({ kind: 'log', t: now(), level, message, component: name }) });
      this.emit({ kind: 'component-status', t: now(), component: name, status: 'created' });
    }
    this.wire();
    await Promise.all(
      [...this.components].map(([name, c]) =>
        initComponent(c).catch((error: unknown) => {
          c.setStatus('failed', error);
          throw new ProcessInitError([`Component '${name}' failed in init: ${error instanceof Error ? error.message : String(error)}`], name, error);
        }),
      ),
    );
    const validate = this.options.validate ?? ((spec: ProcessSpec) => plugboardValidate(spec, this.registry));
    const problems = validate === false ? [] : validate(this.spec);
    if (problems.length) throw new ProcessInitError(['Process validation failed:', ...problems]);
    this.initialised = true;
    this.setStatus('init');
  }

  private resolveClass(type: string, name: string): ComponentClass {
    const cls = this.registry.resolve(type);
    if (cls) return cls;
    const info = this.registry.lookup(type);
    const why = info ? `Component type '${type}' exists only in Python and cannot run here` : `Component class '${type}' not found`;
    throw new ProcessInitError([`Component '${name}': ${why}`], name);
  }

  private wire(): void {
    const plan = planConnections(this.spec, new Map([...this.components].map(([n, c]) => [n, c.io])));
    if (plan.errors.length) throw new ProcessInitError([...plan.errors]);
    for (const log of plan.logs) this.emit({ kind: 'log', t: now(), ...log });
    const maxsize = Number((this.spec.connectorBuilder.args as { maxsize?: unknown }).maxsize ?? 0);
    const capacity = maxsize > 0 ? maxsize : (this.options.channelCapacity ?? DEFAULT_CHANNEL_CAPACITY);
    const channels = new Map(plan.connectors.map((c) => [c.id, new Channel(c.target ? capacity : 0)]));
    for (const c of plan.connectors) if (!c.target) channels.get(c.id)!.detach();
    const inboxes = new Map<string, Channel<PlugboardEvent>>();
    const subscribers = new Map<string, Channel<PlugboardEvent>[]>();
    for (const [name, p] of plan.components) {
      if (p.subscribes.length === 0) continue;
      const inbox = new Channel<PlugboardEvent>(0); // events are unbounded, as in Python
      inboxes.set(name, inbox);
      for (const type of p.subscribes) (subscribers.get(type) ?? subscribers.set(type, []).get(type)!).push(inbox);
    }
    const publish = (event: PlugboardEvent<unknown>): void => {
      for (const inbox of subscribers.get(event.type) ?? []) inbox.send(event as PlugboardEvent);
    };
    if (plan.eventsEnabled) this.publishEvent = publish;
    for (const [name, p] of plan.components) {
      const inputs: Record<string, ChannelReceiver> = {};
      for (const [field, ids] of Object.entries(p.inputs)) {
        const sources: ChannelReceiver[] = ids.map((id) => channels.get(id)!);
        const merged = sources.length === 0 ? new Channel(1) : mergeReceivers(sources, capacity);
        inputs[field] = withInitialValues(merged, p.initialValues[field] ?? []);
      }
      const outputs: Record<string, ChannelSender[]> = {};
      for (const [field, ids] of Object.entries(p.outputs)) outputs[field] = ids.map((id) => channels.get(id)!);
      const inbox = inboxes.get(name);
      this.wirings.set(name, { inputs, outputs, producers: p.producers, ...(inbox ? { events: inbox } : {}), ...(plan.eventsEnabled ? { publish } : {}) });
    }
  }

  /** Runs every component to completion. Never throws: failures come back in the result. */
  async run(): Promise<RunResult> {
    if (!this.initialised) throw new Error('Process not initialised: call init() first');
    this.setStatus('running');
    const { signal } = this.cancelControl;
    const offFallback = onBlockingSleepFallback((message) => this.emit({ kind: 'log', t: now(), level: 'warning', message }));
    const hooks = {
      lane: this.options.lane ?? 'main',
      emit: (e: RunEvent) => this.emit(e),
      statusOf: (n: string) => this.components.get(n)?.status,
      signal,
      ...(this.options.ioReadTimeoutMs !== undefined ? { ioReadTimeoutMs: this.options.ioReadTimeoutMs } : {}),
      ...(this.options.closeGraceMs !== undefined ? { closeGraceMs: this.options.closeGraceMs } : {}),
      ...(this.options.recordSteps !== undefined ? { recordSteps: this.options.recordSteps } : {}),
      ...(this.options.maxStepEventsPerSecond !== undefined ? { maxStepEventsPerSecond: this.options.maxStepEventsPerSecond } : {}),
    };
    let failure: { error: unknown; component: string | undefined } | null = null;
    const deadlock = this.createDeadlockWatch((error) => {
      if (!failure) failure = { error, component: undefined };
      this.cancelControl.cancel();
    });
    const loops = [...this.components].map(([name, c]) =>
      runComponent(c, this.wirings.get(name)!, { ...hooks, onWait: deadlock.onWait })
        .catch((error: unknown) => {
          if (!failure) failure = { error: error instanceof ComponentStepError ? error.cause : error, component: name };
          if (!(error instanceof ComponentStepError)) c.setStatus('failed', error);
          this.cancelControl.cancel(); // others stop at once (structured concurrency)
          return 'failed' as const;
        })
        .finally(() => deadlock.ended(name)),
    );
    await Promise.all(loops);
    offFallback();
    const failed = failure as { error: unknown; component: string | undefined } | null;
    const outcome = failed ? 'failed' : this.state === 'stopped' ? 'stopped' : 'completed';
    for (const c of this.components.values()) {
      if (outcome !== 'completed' && (c.status === 'running' || c.status === 'waiting' || c.status === 'init')) c.setStatus('stopped'); // Q13: documented improvement
    }
    let error: ErrorInfo | undefined;
    if (failed) error = toErrorInfo(failed.error, failed.component);
    // Writers flush what they collected, whatever the outcome.
    for (const [name, c] of this.components) {
      try {
        await c.onRunEnd(outcome);
      } catch (e) {
        this.emit({ kind: 'log', t: now(), level: 'error', component: name, message: `onRunEnd failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    if (outcome === 'completed') this.setStatus('completed');
    else if (outcome === 'failed') this.setStatus('failed', error);
    this.flush();
    return { status: outcome, ...(error ? { error } : {}), files: this.files.written(), startedAt: this.startedAt, endedAt: now() };
  }

  /**
   * Python would hang forever when every component waits for input nobody can send (e.g. a
   * connector from an unknown component, spec §2.6). A local run notices: when all running
   * components have waited without progress for 100 ms, the run fails with a 'DeadlockError'.
   */
  private createDeadlockWatch(fail: (error: Error) => void) {
    let active = this.components.size;
    const waiting = new Map<string, readonly string[]>();
    let progress = 0;
    let armed = false;
    const check = (): void => {
      if (armed || active === 0 || waiting.size < active) return;
      armed = true;
      const seen = progress;
      after(100, () => {
        armed = false;
        if (progress !== seen || waiting.size < active || active === 0) return;
        const detail = [...waiting].map(([name, fields]) => `'${name}' (${fields.join(', ')})`).join(', ');
        const error = new Error(`Deadlock: every running component waits for input that can never arrive: ${detail}`);
        error.name = 'DeadlockError';
        fail(error);
      });
    };
    return {
      onWait: (name: string, fields: readonly string[] | null): void => {
        if (fields) waiting.set(name, fields);
        else {
          waiting.delete(name);
          progress++;
        }
        check();
      },
      ended: (name: string): void => {
        waiting.delete(name);
        active--;
        progress++;
        check();
      },
    };
  }

  /** Stops a run promptly: every component ends STOPPED and `run()` resolves with status 'stopped'. */
  cancel(): void {
    if (this.state === 'completed' || this.state === 'failed' || this.state === 'stopped') return;
    this.setStatus('stopped');
    this.cancelControl.cancel();
    for (const c of this.components.values()) if (c.status !== 'failed') c.setStatus('stopped'); // Q14
  }

  /**
   * Publishes a StopEvent to every component (spec §6.4): they close and end STOPPED, the process
   * ends COMPLETED (Q14). Without event channels (RayConnector, Q15) this cancels instead.
   */
  stop(): void {
    if (this.publishEvent) this.publishEvent(StopEvent.create('process', {}));
    else this.cancel();
  }

  /** Calls every component's `destroy`. */
  async destroy(): Promise<void> {
    for (const [name, c] of this.components) {
      try {
        await c.destroy();
      } catch (e) {
        this.emit({ kind: 'log', t: now(), level: 'error', component: name, message: `destroy failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    }
    this.initialised = false;
    this.flush();
  }

  /** init → run → destroy; never throws (init failures give a 'failed' result). */
  async execute(): Promise<RunResult> {
    try {
      await this.init();
    } catch (error) {
      const info = toErrorInfo(error, error instanceof ProcessInitError ? error.component : undefined);
      this.setStatus('failed', info);
      await this.destroy();
      return { status: 'failed', error: info, files: this.files.written(), startedAt: this.startedAt, endedAt: now() };
    }
    if (this.state === 'stopped') {
      await this.destroy();
      return { status: 'stopped', files: this.files.written(), startedAt: this.startedAt, endedAt: now() };
    }
    const result = await this.run();
    await this.destroy();
    return result;
  }

  private setStatus(status: Status, error?: ErrorInfo): void {
    this.state = status;
    this.emit({ kind: 'process-status', t: now(), status, ...(error ? { error } : {}) });
    if (status !== 'running') this.flush();
  }

  private emit(event: RunEvent): void {
    if (!this.options.onEvents) return;
    this.batch.push(event);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      after(this.options.batchMs ?? 16, () => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.batch.length === 0) return;
    const events = this.batch.splice(0);
    this.options.onEvents?.(events);
  }
}

/**
 * init → run → destroy in one call; never throws (init failures give a 'failed' result).
 *
 * @example const result = await runLocalProcess(spec, createRegistry(), { onEvents });
 */
export async function runLocalProcess(spec: ProcessSpec, registry: ComponentRegistry, options: LocalProcessOptions = {}): Promise<RunResult> {
  return new LocalProcess(spec, registry, options).execute();
}

/** @example const p = createLocalProcess(spec, registry, options); void p.execute(); p.cancel(); */
export function createLocalProcess(spec: ProcessSpec, registry: ComponentRegistry, options: LocalProcessOptions = {}): LocalProcess {
  return new LocalProcess(spec, registry, options);
}
