/**
 * LocalProcess: every component in one thread, cooperatively scheduled (spec §5.2–5.4).
 * init → run → destroy, emitting batched run events.
 */
import type { ProcessSpec } from '../model/spec.ts';
import { plugboardValidate } from '../model/plugboardRules.ts';
import type { BreakpointHitInfo, ErrorInfo, RunEvent, RunResult, Status, StepReport } from '../protocol/events.ts';
import type { RunBreakpoints } from '../protocol/run.ts';
import { PauseGate } from './pauseGate.ts';
import { now } from '../lib/clock.ts';
import { Channel, DEFAULT_CHANNEL_CAPACITY, mergeReceivers, shareSender, withInitialValues, type ChannelReceiver, type ChannelSender } from './channel.ts';
import type { Component, ComponentClass } from './Component.ts';
import { StopEvent, type PlugboardEvent } from './events.ts';
import { createFileStore, type FileStore } from './files.ts';
import { onBlockingSleepFallback } from './blockingSleep.ts';
import { planConnections, type ConnectionPlan, type DeclaredIO } from './planConnections.ts';
import { cloneable, ConnectorTaps, tapSender } from './connectorTaps.ts';
import type { BreakpointHit } from '../inspect/probes.ts';
import type { ComponentRegistry } from './registry.ts';
import { DEFAULT_MAX_STEP_EVENTS_PER_SECOND, initComponent, runComponent, ComponentStepError, type ComponentWiring, type FieldCounter, type WaitInfo } from './runComponent.ts';

/** Most 'step' events a run reports per second, all components together (see `maxStepEventsPerSecond`). */
export const RUN_STEP_EVENTS_PER_SECOND = 20_000;
import { after, createCancel, macrotask } from './scheduler.ts';
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
  /** Use the runtime's fast cycle (default true; `false` for tests of the general path). */
  readonly fastPath?: boolean;
  /** Host only some of the model's components; the others run elsewhere (a parallel run's group). */
  readonly group?: GroupWiring;
  /**
   * How long a run in which every component waits (and no channel can grow) may stay so before it
   * fails with a DeadlockError, ms (default 100).
   */
  readonly deadlockMs?: number;
  /**
   * Most step events per component per second (default: {@link RUN_STEP_EVENTS_PER_SECOND} shared by
   * the model's components, at most 5000 and at least 10 each; Infinity for all).
   */
  readonly maxStepEventsPerSecond?: number;
  /**
   * Process validation run at the end of init (spec §5.5): Plugboard's rules by default (unconnected
   * inputs, events without producers, cycles without initial values); `false` skips it.
   */
  readonly validate?: false | ((spec: ProcessSpec) => readonly string[]);
  /**
   * Count what passes each connector sent from here and report it in 'connectors' events (default
   * true; issue 10).
   */
  readonly countConnectors?: boolean;
  /** Connector ids or `<component>.<field>` ports whose values are recorded (RunRequest.probes). */
  readonly probes?: readonly string[];
  /** Values kept per probe (default 10,000). */
  readonly probeCapacity?: number;
  /** Breakpoints (issue 10): components about to step, values meeting a condition. */
  readonly breakpoints?: RunBreakpoints;
  /** Hold every component at its first step boundary (then `step()` / `resume()`). */
  readonly startPaused?: boolean;
  /** A breakpoint paused this process (a group host pauses the other workers). */
  readonly onBreak?: (hit: BreakpointHitInfo) => void;
}

/**
 * How a LocalProcess hosting a *group* (some of a model's components, on one worker of a parallel
 * run) reaches the rest: connectors between two members are in-memory channels; the others come
 * from here (MessagePort channels in the worker host).
 */
function beforeStepOf(group: GroupWiring | undefined, name: string): { beforeStep?: () => void } {
  const beforeStep = group?.beforeStepOf?.(name);
  return beforeStep ? { beforeStep } : {};
}

export interface GroupWiring {
  /** Components this process hosts. */
  readonly members: ReadonlySet<string>;
  /** Declared IO of every component of the model (from every group), for the connection plan. */
  io(): ReadonlyMap<string, DeclaredIO>;
  /** The receiving end of connector `id` (`<source>.<field>..<target>.<field>`) whose source runs elsewhere. */
  receiver(id: string): ChannelReceiver;
  /** The sending end of connector `id` whose target runs elsewhere. */
  sender(id: string): ChannelSender;
  /** Publishes an event to subscribers in other groups. */
  publishOut?(event: PlugboardEvent<unknown>): void;
  /** Registers the function that delivers events from other groups to this group's subscribers. */
  onEventIn?(deliver: (event: PlugboardEvent<unknown>) => void): void;
  /** Status of a component of another group (terminal statuses are relayed by the pool). */
  statusOf(component: string): Status | undefined;
  /** Every wait of a member (the worker host's local credit rule). */
  onMemberWait?(component: string, wait: WaitInfo | null): void;
  /**
   * Every member waits and some wait involves another group (so the group cannot tell an
   * artificial deadlock from a slow neighbour): the waits, or null once something moved. The pool's
   * watchdog decides with every group's report (`growForPool`, or it fails the run).
   */
  onGroupWait?(waits: ReadonlyMap<string, WaitInfo> | null, progress: number): void;
  /** Whether a receiver/sender from this wiring is one of its cross-group ends. */
  isExternal(end: unknown): boolean;
  /** What to call before each step of `component` (see ComponentHooks.beforeStep), if anything. */
  beforeStepOf?(component: string): (() => void) | undefined;
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
  /** Input field `<component>.<field>` → fed (also) from another group. */
  private readonly externalFields = new Map<string, boolean>();
  /** Output field `<component>.<field>` → sends (also) to another group. */
  private readonly externalOutputs = new Set<string>();
  /** Every field channel, named `<target>.<field>` (for the deadlock rule and its messages). */
  private readonly channels: { readonly name: string; readonly channel: Channel }[] = [];
  private publishEvent: ((event: PlugboardEvent<unknown>) => void) | null = null;
  private initialised = false;
  private constructed = false;
  private startedAt = now();
  private taps: ConnectorTaps | null = null;
  /** Wiring of the taps, kept to add or remove probes during a run (`setProbe`). */
  private wired = false;
  /** setProbe calls before the connectors were wired (applied right after). */
  private readonly pendingProbes: { readonly key: string; readonly on: boolean; readonly condition?: string | null }[] = [];
  private probeWiring: {
    readonly plan: ConnectionPlan;
    /** Connector id sent from here → its untapped sender and its slot in the component's output list. */
    readonly slots: Map<string, { readonly raw: ChannelSender; readonly list: ChannelSender[]; readonly index: number }>;
    readonly onHit: (hit: BreakpointHit) => void;
  } | null = null;
  /** Resolves when `run()` has started its loops (or the process was destroyed without running). */
  private markStarted: () => void = () => undefined;
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));
  /** Pause / Step / Resume and breakpoints of this process's components (issue 10). */
  private readonly gate = new PauseGate({
    onHeld: (name, held) => {
      const c = this.components.get(name);
      if (!c) return;
      if (held && (c.status === 'running' || c.status === 'waiting')) c.setStatus('paused');
      else if (!held && c.status === 'paused') c.setStatus('running');
    },
    onBreak: (hit) => {
      this.emit({ kind: 'breakpoint', t: now(), hit });
      this.markWaiting();
      if (!this.options.group && this.state === 'running') this.setStatus('paused');
      this.flush(); // at once: the other workers should stop soon
      this.options.onBreak?.(hit);
    },
    stepsOf: (name) => this.components.get(name)?.stepsTaken ?? 0,
  });
  private readonly touchTaps = (): void => {
    if (!this.flushScheduled) this.scheduleFlush();
  };

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
    // Breakpoints and a paused start from the options; setBreakpoints / pause may change them before run().
    this.gate.setBreakpoints(options.breakpoints?.components ?? []);
    if (options.startPaused) this.gate.pause();
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
    this.construct();
    this.wire();
    this.wired = true;
    for (const p of this.pendingProbes.splice(0)) this.setProbe(p.key, p.on, p.condition);
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

  /**
   * Builds the component instances (the group's members only, in a group) once; their declared
   * IO is then known (a parallel run plans its wiring from it). Throws {@link ProcessInitError}.
   */
  construct(): ReadonlyMap<string, Component> {
    if (this.constructed) return this.components;
    this.constructed = true;
    const members = this.options.group?.members;
    for (const cs of this.spec.components) {
      if (members && !members.has(cs.name)) continue;
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
      c.statusListener = (status, error) =>
        this.emit({
          kind: 'component-status',
          t: now(),
          component: name,
          status,
          ...(status === 'completed' || status === 'failed' || status === 'stopped' ? { steps: c.stepsTaken } : {}),
          ...(error !== undefined ? { error: toErrorInfo(error, name) } : {}),
        });
      c.attach({ files: this.files, log: (level, message) => this.emit({ kind: 'log', t: now(), level, message, component: name }) });
      this.emit({ kind: 'component-status', t: now(), component: name, status: 'created' });
    }
    return this.components;
  }

  private resolveClass(type: string, name: string): ComponentClass {
    const cls = this.registry.resolve(type);
    if (cls) return cls;
    const info = this.registry.lookup(type);
    const why = info ? `Component type '${type}' exists only in Python and cannot run here` : `Component class '${type}' not found`;
    throw new ProcessInitError([`Component '${name}': ${why}`], name);
  }

  private wire(): void {
    const group = this.options.group;
    const io = group ? group.io() : new Map([...this.components].map(([n, c]) => [n, c.io]));
    const plan = planConnections(this.spec, io);
    if (plan.errors.length) throw new ProcessInitError([...plan.errors]);
    for (const log of plan.logs) if (this.components.has(log.component)) this.emit({ kind: 'log', t: now(), ...log });
    const member = (n: string): boolean => this.components.has(n);
    const { capacity, growable } = channelCapacity(this.spec, this.options.channelCapacity);
    // One channel per connected input field: fan-in connectors share it (arrival order, spec §3.7),
    // each through its own sender so the channel closes when the last of them closes. Connectors
    // from another group arrive on their own receivers, merged with that channel.
    const fieldChannels = new Map<string, Channel>();
    const external = new Map<string, ChannelReceiver[]>();
    const senders = new Map<string, ChannelSender>();
    const externalSenders = new Set<string>();
    const fanIn = new Map<string, number>();
    const key = (t: { component: string; field: string }): string => `${t.component}.${t.field}`;
    for (const c of plan.connectors) if (c.target && member(c.source.component) && member(c.target.component)) fanIn.set(key(c.target), (fanIn.get(key(c.target)) ?? 0) + 1);
    for (const c of plan.connectors) {
      const fromHere = member(c.source.component);
      if (!c.target) {
        if (!fromHere) continue;
        const sink = new Channel(0);
        sink.detach(); // target does not exist: values are dropped (spec §2.6)
        senders.set(c.id, sink);
        continue;
      }
      const toHere = member(c.target.component);
      if (fromHere && !toHere) {
        senders.set(c.id, group!.sender(c.id));
        if (group!.isExternal(senders.get(c.id)!)) externalSenders.add(c.id);
        continue;
      }
      if (!toHere) continue;
      const k = key(c.target);
      if (!fromHere) {
        (external.get(k) ?? external.set(k, []).get(k)!).push(group!.receiver(c.id));
        continue;
      }
      const n = fanIn.get(k)!;
      let channel = fieldChannels.get(k);
      if (!channel) {
        channel = new Channel(capacity, { growable, senders: n });
        fieldChannels.set(k, channel);
        this.channels.push({ name: k, channel });
      }
      senders.set(c.id, n > 1 ? shareSender(channel) : channel);
    }
    const conditions = this.options.breakpoints?.conditions ?? [];
    /** `<component>.<field>` → its counter (counting-only connectors). */
    const fieldCounters = new Map<string, FieldCounter>();
    if (((this.options.countConnectors ?? true) && this.options.onEvents) || conditions.length > 0) {
      const taps = (this.taps = new ConnectorTaps(plan, this.options.probes, this.options.probeCapacity, conditions));
      for (const problem of taps.conditionErrors) this.emit({ kind: 'log', t: now(), level: 'error', message: problem });
      const onHit = (hit: BreakpointHit): void => {
        if (hit.kind === 'condition-met') this.gate.breakpoint({ kind: 'value', key: hit.key, condition: hit.condition, value: cloneable(hit.value) });
        else this.emit({ kind: 'log', t: now(), level: 'error', message: `Breakpoint condition on ${hit.key} failed (${hit.error.line}:${hit.error.column}): ${hit.error.message}` });
      };
      this.probeWiring = { plan, slots: new Map(), onHit };
      for (const [id, sender] of senders) this.probeWiring.slots.set(id, { raw: sender, list: [], index: -1 });
      // Recorded (probed) or tested connectors get a tap on their sender; the others are counted
      // per source field inside the component loop (one increment per value, whatever the fan-out).
      for (const [id, sender] of senders) {
        if (taps.isRecorded(id)) senders.set(id, tapSender(sender, taps.tapsFor(id), this.touchTaps, true, onHit));
        else {
          const source = id.slice(0, id.indexOf('..'));
          let counter = fieldCounters.get(source);
          if (!counter) fieldCounters.set(source, (counter = { count: 0, last: undefined }));
          taps.link(id, counter);
        }
      }
    }
    const inboxes = new Map<string, Channel<PlugboardEvent>>();
    const subscribers = new Map<string, Channel<PlugboardEvent>[]>();
    for (const [name, p] of plan.components) {
      if (p.subscribes.length === 0 || !member(name)) continue;
      const inbox = new Channel<PlugboardEvent>(0); // events are unbounded, as in Python
      inboxes.set(name, inbox);
      for (const type of p.subscribes) (subscribers.get(type) ?? subscribers.set(type, []).get(type)!).push(inbox);
    }
    const deliver = (event: PlugboardEvent<unknown>): void => {
      for (const inbox of subscribers.get(event.type) ?? []) inbox.send(event as PlugboardEvent);
    };
    const publish = (event: PlugboardEvent<unknown>): void => {
      deliver(event);
      group?.publishOut?.(event);
    };
    group?.onEventIn?.(deliver);
    if (plan.eventsEnabled) this.publishEvent = publish;
    for (const [name, p] of plan.components) {
      if (!member(name)) continue;
      const inputs: Record<string, ChannelReceiver> = {};
      for (const [field, ids] of Object.entries(p.inputs)) {
        // No connector (its source does not exist): the field never receives (Plugboard hangs too).
        const sources: ChannelReceiver[] = [...(fieldChannels.has(`${name}.${field}`) ? [fieldChannels.get(`${name}.${field}`)!] : []), ...(external.get(`${name}.${field}`) ?? [])];
        const channel: ChannelReceiver = ids.length === 0 || sources.length === 0 ? new Channel(1) : mergeReceivers(sources);
        inputs[field] = withInitialValues(channel, p.initialValues[field] ?? []);
        if (ids.length > 0) this.externalFields.set(`${name}.${field}`, (external.get(`${name}.${field}`)?.length ?? 0) > 0);
      }
      const outputs: Record<string, ChannelSender[]> = {};
      for (const [field, ids] of Object.entries(p.outputs)) {
        const list = (outputs[field] = ids.map((id) => senders.get(id)!));
        // The component loop sends through this very array: a probe added mid-run swaps its slot.
        ids.forEach((id, index) => {
          const slot = this.probeWiring?.slots.get(id);
          if (slot) this.probeWiring!.slots.set(id, { raw: slot.raw, list, index });
        });
        if (group && ids.some((id) => externalSenders.has(id))) this.externalOutputs.add(`${name}.${field}`);
      }
      const inbox = inboxes.get(name);
      const counters: Record<string, FieldCounter> = {};
      for (const field of Object.keys(p.outputs)) {
        const counter = fieldCounters.get(`${name}.${field}`);
        if (counter) counters[field] = counter;
      }
      this.wirings.set(name, {
        inputs,
        outputs,
        producers: p.producers,
        ...(inbox ? { events: inbox } : {}),
        ...(plan.eventsEnabled ? { publish } : {}),
        ...(Object.keys(counters).length ? { counters } : {}),
      });
    }
  }

  /** Runs every component to completion. Never throws: failures come back in the result. */
  async run(): Promise<RunResult> {
    if (!this.initialised) throw new Error('Process not initialised: call init() first');
    this.setStatus('running');
    const { signal } = this.cancelControl;
    const offFallback = onBlockingSleepFallback((message) => this.emit({ kind: 'log', t: now(), level: 'warning', message }));
    const gate = this.gate;
    gate.register(
      this.components.keys(),
      [...this.components].filter(([, c]) => typeof c.step !== 'function').map(([n]) => n),
    );
    if (this.gate.paused && !this.options.group) this.setStatus('paused');
    const hooks = {
      gate,
      ...(this.taps ? { touched: this.touchTaps } : {}),
      lane: this.options.lane ?? 'main',
      emit: (e: RunEvent) => this.emit(e),
      statusOf: (n: string) => this.components.get(n)?.status ?? this.options.group?.statusOf(n),
      signal,
      ...(this.options.ioReadTimeoutMs !== undefined ? { ioReadTimeoutMs: this.options.ioReadTimeoutMs } : {}),
      ...(this.options.closeGraceMs !== undefined ? { closeGraceMs: this.options.closeGraceMs } : {}),
      ...(this.options.recordSteps !== undefined ? { recordSteps: this.options.recordSteps } : {}),
      ...(this.options.fastPath !== undefined ? { fastPath: this.options.fastPath } : {}),
      // The run's step-event budget is shared by all its components (whatever group hosts them), so
      // a 300-component model does not flood the page with 300 × 5000 events a second.
      maxStepEventsPerSecond:
        this.options.maxStepEventsPerSecond ?? Math.max(10, Math.min(DEFAULT_MAX_STEP_EVENTS_PER_SECOND, RUN_STEP_EVENTS_PER_SECOND / Math.max(1, this.spec.components.length))),
    };
    let failure: { error: unknown; component: string | undefined } | null = null;
    const deadlock = this.createDeadlockWatch((error) => {
      if (!failure) failure = { error, component: undefined };
      this.cancelControl.cancel();
    });
    this.recheck = deadlock.recheck;
    const loops = [...this.components].map(([name, c]) =>
      runComponent(c, this.wirings.get(name)!, {
        ...hooks,
        onWait: (n, wait) => {
          deadlock.onWait(n, wait);
          gate.waiting(n, wait);
          // While paused a node tells held ('paused') from waiting components (not while running:
          // one status event per wait would flood the stream).
          if (wait ? gate.paused && c.status === 'running' : c.status === 'waiting') c.setStatus(wait ? 'waiting' : 'running');
        },
        ...beforeStepOf(this.options.group, name),
      })
        .catch((error: unknown) => {
          if (!failure) failure = { error: error instanceof ComponentStepError ? error.cause : error, component: name };
          if (!(error instanceof ComponentStepError)) c.setStatus('failed', error);
          this.cancelControl.cancel(); // others stop at once (structured concurrency)
          return 'failed' as const;
        })
        .finally(() => {
          deadlock.ended(name);
          gate.end(name);
        }),
    );
    this.markStarted();
    await Promise.all(loops);
    offFallback();
    const failed = failure as { error: unknown; component: string | undefined } | null;
    const outcome = failed ? 'failed' : this.state === 'stopped' ? 'stopped' : 'completed';
    for (const c of this.components.values()) {
      if (outcome !== 'completed' && (c.status === 'running' || c.status === 'waiting' || c.status === 'paused' || c.status === 'init')) c.setStatus('stopped'); // Q13: documented improvement
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
   * The channel rule (Parks' bounded scheduling). Every component reports when it waits (for input,
   * for room in a full output channel, for events) and when it goes on. When every running
   * component waits and nothing moved for one macrotask:
   * - some sender waits on a full growable channel → an artificial deadlock (Plugboard's unbounded
   *   queues would go on): the smallest such channel doubles and the run goes on;
   * - otherwise (everyone waits for input nobody can send, or only `maxsize` channels are full) →
   *   a real deadlock (Plugboard hangs): after `deadlockMs` without progress the run fails with a
   *   DeadlockError naming every waiting component and field.
   */
  private createDeadlockWatch(fail: (error: Error) => void) {
    let active = this.components.size;
    const waiting = new Map<string, WaitInfo>();
    let progress = 0;
    let armed = false;
    const ended = new Set<string>();
    // Waiting for events counts only while some producer of them is still running: with none left
    // the consumer ends itself at its next producer check.
    const group = this.options.group;
    const terminal = (s: Status | undefined): boolean => s === 'completed' || s === 'failed' || s === 'stopped';
    const live = (p: string): boolean => (this.components.has(p) ? !ended.has(p) : !terminal(group?.statusOf(p)));
    const blocked = (name: string, wait: WaitInfo): boolean => wait.kind !== 'events' || Object.values(this.wirings.get(name)?.producers ?? {}).some((list) => list.some(live));
    // A wait another group can end: then only the pool's watchdog, which sees every group, decides.
    const crossGroup = (name: string, wait: WaitInfo): boolean => {
      if (!group) return false;
      if (wait.kind === 'read') return wait.fields.some((f) => this.externalFields.get(`${name}.${f}`) === true);
      if (wait.kind === 'write') return this.externalOutputs.has(`${name}.${wait.fields[0]}`);
      return Object.values(this.wirings.get(name)?.producers ?? {}).some((list) => list.some((p) => !this.components.has(p) && live(p)));
    };
    let reportedGroupWait = false;
    const allWait = (): boolean => {
      if (active === 0 || waiting.size < active) return false;
      for (const [name, wait] of waiting) if (!blocked(name, wait)) return false;
      return true;
    };
    const grow = (): boolean => {
      let best: { readonly name: string; readonly channel: Channel } | undefined;
      for (const entry of this.channels) {
        const ch = entry.channel;
        if (ch.growable && ch.blockedSenders > 0 && (!best || ch.capacity < best.channel.capacity)) best = entry;
      }
      if (!best) return false;
      best.channel.grow();
      this.emit({ kind: 'log', t: now(), level: 'info', message: `Channel into ${best.name} grew to ${best.channel.capacity} values: every component was waiting and it was full (Plugboard's channels are unbounded)` });
      return true;
    };
    /** Every member waits and nothing moved: decide here, or hand it to the pool (see crossGroup). */
    const act = (seen: number): void => {
      if ([...waiting].some(([name, wait]) => crossGroup(name, wait))) {
        armed = false;
        reportedGroupWait = true;
        group?.onGroupWait?.(new Map(waiting), progress);
        return;
      }
      if (grow()) {
        armed = false;
        return;
      }
      confirm(seen);
    };
    const confirm = (seen: number): void => {
      after(this.options.deadlockMs ?? 100, () => {
        armed = false;
        if (progress !== seen || !allWait()) return check(); // moved meanwhile: watch again
        if (grow()) return;
        fail(deadlockError(waiting, this.channels));
      });
    };
    const check = (): void => {
      if (armed || !allWait()) return;
      armed = true;
      const seen = progress;
      void macrotask().then(() => {
        if (progress !== seen || !allWait()) {
          armed = false;
          return check(); // moved meanwhile: watch again (no later onWait may come)
        }
        act(seen);
      });
    };
    return {
      onWait: (name: string, wait: WaitInfo | null): void => {
        group?.onMemberWait?.(name, wait);
        if (wait) waiting.set(name, wait);
        else {
          waiting.delete(name);
          progress++;
          if (reportedGroupWait) {
            reportedGroupWait = false;
            group?.onGroupWait?.(null, progress);
          }
        }
        check();
      },
      ended: (name: string): void => {
        ended.add(name);
        waiting.delete(name);
        active--;
        progress++;
        if (reportedGroupWait) {
          reportedGroupWait = false;
          group?.onGroupWait?.(null, progress);
        }
        check();
      },
      /** The pool's watchdog: another group's state changed (a relayed status): look again. */
      recheck: (): void => {
        progress++;
        check();
      },
    };
  }

  private recheck: () => void = () => undefined;

  /**
   * Group host: a component of another group reached a terminal status — look again whether this
   * group's members all wait (an event consumer may now end, or the group may be stuck).
   */
  noteExternalStatus(): void {
    this.recheck();
  }

  /**
   * The pool's watchdog found every group waiting: doubles the smallest full growable in-memory
   * channel of this group (Parks' rule). True if one grew.
   */
  growForPool(): boolean {
    let best: { readonly name: string; readonly channel: Channel } | undefined;
    for (const entry of this.channels) {
      const ch = entry.channel;
      if (ch.growable && ch.blockedSenders > 0 && (!best || ch.capacity < best.channel.capacity)) best = entry;
    }
    if (!best) return false;
    best.channel.grow();
    return true;
  }

  /** Holds every component at its next step boundary (issue 10). */
  pause(): void {
    if (this.gate.paused) return;
    this.gate.pause();
    this.markWaiting();
    if (!this.options.group && this.state === 'running') this.setStatus('paused');
  }

  /** Paused: components already waiting say so (see the onWait hook in run()). */
  private markWaiting(): void {
    for (const name of this.gate.waitingNow()) {
      const c = this.components.get(name);
      if (c?.status === 'running') c.setStatus('waiting');
    }
  }

  /** Releases every held component; breakpoints stay armed. */
  resume(): void {
    if (!this.gate.paused) return;
    this.gate.resume();
    if (!this.options.group && this.state === 'paused') this.setStatus('running');
  }

  get paused(): boolean {
    return this.gate.paused;
  }

  /** One process step (pauses first): every held component steps once; see PauseGate.step. */
  async step(): Promise<StepReport> {
    this.pause();
    await this.started;
    const report = await this.gate.step();
    this.flush();
    return report;
  }

  /** The first half of a Step across groups (PauseGate.prepare): pause, settle, choose who steps. */
  async prepareStep(): Promise<void> {
    this.pause();
    await this.started;
    await this.gate.prepare();
  }

  /** Resolves once every component is held, waiting or ended (after `pause()`). */
  async whenPaused(): Promise<void> {
    await this.started;
    return this.gate.whenSettled();
  }

  /**
   * Starts (`on`) or stops recording a connector or port during the run, from the next value on;
   * `condition` (a value breakpoint, src/inspect/condition.ts) is tested on its values while it
   * is recorded. Connectors sent from another group are left to that group's process. Returns a
   * located message when the key or condition is wrong (also emitted as an error log).
   */
  setProbe(key: string, on: boolean, condition?: string | null): string | null {
    if (!this.wired) {
      this.pendingProbes.push({ key, on, ...(condition !== undefined ? { condition } : {}) });
      return null;
    }
    const taps = this.taps;
    const wiring = this.probeWiring;
    if (!taps || !wiring) return null;
    const ids = on ? taps.addProbe(wiring.plan, key) : taps.removeProbe(key);
    let problem: string | null = null;
    if (on && condition !== undefined) problem = taps.setCondition(wiring.plan, key, condition);
    if (problem) this.emit({ kind: 'log', t: now(), level: 'error', message: problem });
    for (const id of ids) {
      const slot = wiring.slots.get(id);
      if (!slot || slot.index < 0) continue;
      // Rebuilt from the untapped sender with every tap the connector now feeds (the connector's
      // own, so it keeps counting; a counting-only connector's field counter keeps counting too).
      slot.list[slot.index] = tapSender(slot.raw, taps.tapsFor(id), this.touchTaps, true, wiring.onHit);
    }
    this.touchTaps();
    return problem;
  }

  /** Replaces the components with a breakpoint "about to step". */
  setBreakpoints(components: readonly string[]): void {
    this.gate.setBreakpoints(components);
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
   * ends COMPLETED (Q14). Without event channels this cancels instead.
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
    this.markStarted();
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
    if (!this.options.group) this.emit({ kind: 'process-status', t: now(), status, ...(error ? { error } : {}) });
    if (status !== 'running') this.flush();
  }

  private emit(event: RunEvent): void {
    if (!this.options.onEvents) return;
    this.batch.push(event);
    if (!this.flushScheduled) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushScheduled = true;
    after(this.options.batchMs ?? 16, () => this.flush());
  }

  /** Delivers the batched run events now (a host does before reporting, or before a long block). */
  flushEvents(): void {
    this.flush();
  }

  private flush(): void {
    this.flushScheduled = false;
    const connectors = this.taps?.drain();
    if (connectors) this.batch.push(connectors);
    if (this.batch.length === 0) return;
    const events = this.batch.splice(0);
    this.options.onEvents?.(events);
  }
}

/**
 * Capacity of every field channel of a run: a positive `connector_builder.args.maxsize` is
 * Plugboard's hard bound (never grows); otherwise `preferred` (default
 * {@link DEFAULT_CHANNEL_CAPACITY}), growable by the deadlock rule. The one capacity rule of every
 * host.
 *
 * @example channelCapacity(spec) // { capacity: 1024, growable: true }
 */
export function channelCapacity(spec: ProcessSpec, preferred?: number): { capacity: number; growable: boolean } {
  const maxsize = Number((spec.connectorBuilder.args as { maxsize?: unknown }).maxsize ?? 0);
  if (Number.isFinite(maxsize) && maxsize > 0) return { capacity: Math.floor(maxsize), growable: false };
  return { capacity: preferred !== undefined && preferred > 0 ? preferred : DEFAULT_CHANNEL_CAPACITY, growable: true };
}

/**
 * The error of a real deadlock: every waiting component with the fields it waits for.
 * @example deadlockError(new Map([['tally', { kind: 'read', fields: ['y'] }]]), []).message
 */
export function deadlockError(waiting: ReadonlyMap<string, WaitInfo>, channels: readonly { readonly name: string; readonly channel: Channel }[] = []): Error {
  const parts: string[] = [];
  for (const [name, wait] of [...waiting].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (wait.kind === 'read') parts.push(`${wait.fields.map((f) => `${name}.${f}`).join(', ')} (waiting for input)`);
    else if (wait.kind === 'events') parts.push(`${name} (waiting for events)`);
    else parts.push(`${name}.${wait.fields[0] ?? '?'} (sending into a full channel)`);
  }
  const bounded = channels.filter((c) => !c.channel.growable && c.channel.blockedSenders > 0).map((c) => `${c.name} (maxsize ${c.channel.capacity})`);
  const error = new Error(
    `Deadlock: every component is waiting and none can go on: ${parts.join('; ')}` + (bounded.length ? `. Full channels with a maxsize bound: ${bounded.join(', ')}` : ''),
  );
  error.name = 'DeadlockError';
  return error;
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
