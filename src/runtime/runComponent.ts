/**
 * The per-component loop (spec §3.4–3.10, §6): read one set of inputs and/or events → handle
 * events → bind inputs → step if allowed → send outputs and queued events. It depends only on the
 * channel interfaces, so a host can run ONE component in isolation (e.g. in a worker with
 * MessagePort-backed channels) and the LocalProcess runs all of them in one thread.
 */
import type { RunEvent, Status } from '../protocol/events.ts';
import { now } from '../lib/clock.ts';
import { CLOSED, EMPTY, type ChannelReceiver, type ChannelSender } from './channel.ts';
import { IOStreamClosedError, type Component } from './Component.ts';
import { StopEvent, type PlugboardEvent } from './events.ts';
import { after, delay, macrotask, type CancelSignal } from './scheduler.ts';
import type { ComponentGate, PauseFlag } from './pauseGate.ts';

/**
 * Default interval (ms) of the periodic producer check that ends pure event consumers (spec §5.8,
 * §6.5). Python waits 20 s; a local run has no network latency, so we check every 200 ms (Q5).
 */
export const DEFAULT_IO_READ_TIMEOUT_MS = 200;

/**
 * The channels of one component.
 *
 * @example
 * const wiring: ComponentWiring = {
 *   inputs: { in_1: withInitialValues(mergeReceivers([a, b]), [0]) },
 *   outputs: { out_1: [toC, toD] },
 * };
 */
export interface ComponentWiring {
  /** One receiver per connected input field: fan-in already merged, initial values prepended. */
  readonly inputs: Readonly<Record<string, ChannelReceiver>>;
  /** Senders per connected output field (fan-out: one per connector). Unconnected fields are absent. */
  readonly outputs: Readonly<Record<string, readonly ChannelSender[]>>;
  /** Merged inbox of every event type the component subscribes to, system.stop included. */
  readonly events?: ChannelReceiver<PlugboardEvent>;
  /** Publishes an event to every subscriber of its type (may wait, e.g. across a port). */
  readonly publish?: (event: PlugboardEvent<unknown>) => void | Promise<void>;
  /** For each non-system input event type, the other components that declare it as an output (§6.5). */
  readonly producers?: Readonly<Record<string, readonly string[]>>;
  /**
   * Per output field, a counter of the values sent (issue 10): one increment per value whatever the
   * fan-out (every connector of the field carries the same values). Absent: not counted.
   */
  readonly counters?: Readonly<Record<string, FieldCounter>>;
}

/** What a component sent on one output field: how many values, and the last one. */
export interface FieldCounter {
  count: number;
  last: unknown;
}

/**
 * What the loop reports and asks of its host.
 *
 * @example
 * { lane: 'worker:slow-sleep', emit: (e) => batch.push(e), statusOf: (n) => statuses.get(n), signal }
 */
export interface ComponentHooks {
  /** Thread name put on step events ('main', 'worker:<component>'). Default 'main'. */
  readonly lane?: string;
  /** Receives step and component-status events. */
  readonly emit?: (event: RunEvent) => void;
  /** Status of another component (for the producer check of event consumers, §6.5). */
  readonly statusOf?: (component: string) => Status | undefined;
  /** Producer check interval, ms (default {@link DEFAULT_IO_READ_TIMEOUT_MS}). */
  readonly ioReadTimeoutMs?: number;
  /** Grace period (ms) before an event consumer's final cycle (Python 3 s; default 0 locally). */
  readonly closeGraceMs?: number;
  /** Ends the loop promptly (status 'stopped'). */
  readonly signal?: CancelSignal;
  /** Emit 'step' events (default true). */
  readonly recordSteps?: boolean;
  /**
   * Most 'step' events per component per second (default {@link DEFAULT_MAX_STEP_EVENTS_PER_SECOND};
   * `Infinity` for all). Beyond it steps still run but are not reported (their `index` jumps), so
   * a million-step model does not drown the event stream.
   */
  readonly maxStepEventsPerSecond?: number;
  /**
   * Use the fast cycle for components that always step once every input was read (default true).
   * `false` runs every cycle through the general state machine: same behaviour, slower; tests run
   * the step-algorithm suite both ways.
   */
  readonly fastPath?: boolean;
  /** Longest synchronous stretch (ms) before yielding to other tasks (default 8). */
  readonly sliceMs?: number;
  /**
   * Called when the component starts waiting (see {@link WaitInfo}) and with `null` when the wait
   * ends. Hosts use it to find artificial deadlocks (grow a full channel) and real ones (fail the
   * run naming every waiting field).
   */
  readonly onWait?: (component: string, wait: WaitInfo | null) => void;
  /**
   * Pause / Step / breakpoints (issue 10): the loop reads its flag once per cycle and, when set,
   * holds at the step boundary (inputs read, step about to run) until the gate lets it step.
   */
  readonly gate?: ComponentGate;
  /** Called whenever the loop starts to wait (values may have been counted since the last call). */
  readonly touched?: () => void;
  /**
   * Called before each step of this component. Worker hosts post values batched for other workers
   * here before a user-code step, which may never return (`for (;;) {}`): what was sent is kept.
   */
  readonly beforeStep?: () => void;
}

/**
 * What a component waits for: `read` — input fields not received yet (no timeout); `write` — room
 * in the channel of output field `fields[0]`; `events` — an event, with the periodic producer check
 * (pure event consumers).
 */
export interface WaitInfo {
  readonly kind: 'read' | 'write' | 'events';
  readonly fields: readonly string[];
}

/** Default cap of reported steps per component per second (see {@link ComponentHooks}). */
export const DEFAULT_MAX_STEP_EVENTS_PER_SECOND = 5000;

/** Why a component loop ended. */
export type ComponentOutcome = 'completed' | 'stopped';

/** A step failed: carries the component name; `cause` is the original error. */
export class ComponentStepError extends Error {
  override name = 'ComponentStepError';
  constructor(
    readonly component: string,
    override readonly cause: unknown,
  ) {
    super(`Component '${component}' failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

const isThenable = (v: unknown): v is Promise<unknown> => v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';

/** Runs the user `init` and sets status INIT. @example await initComponent(c); */
export async function initComponent(component: Component): Promise<void> {
  await component.init();
  component.setStatus('init');
}

/**
 * Runs one component's loop until its IO closes (→ 'completed', or 'stopped' after a StopEvent)
 * or the signal cancels (→ 'stopped'). A throwing step sets FAILED and rejects with
 * {@link ComponentStepError}. Closes the output senders and detaches the inputs when it ends
 * normally (not on cancel or failure, spec Q13).
 *
 * @example
 * await initComponent(c);
 * const outcome = await runComponent(c, wiring, { emit, signal });
 */
export async function runComponent(component: Component, wiring: ComponentWiring, hooks: ComponentHooks = {}): Promise<ComponentOutcome> {
  const loop = new ComponentLoop(component, wiring, hooks);
  return loop.run();
}

/** Longest a cancelled sink goes on stepping the inputs it already holds, ms. */
const DRAIN_MS = 100;

const EVENTS_WAIT: WaitInfo = { kind: 'events', fields: [] };

/** Cycles {@link ComponentLoop.fastCycles} runs before returning to `advance`. */
const FAST_CYCLES_PER_CALL = 128;

/** The flag of a loop without a gate: never set. */
const NO_PAUSE: PauseFlag = { check: false };

/** `runPhase` result: go on with the next phase. */
const NEXT: unique symbol = Symbol('next');
/** What `callStep` returns when the step ended the loop. */
const STEP_ENDED: unique symbol = Symbol('step-ended');

/** Phases of one cycle (spec §3.5–3.9); the loop resumes at one of them after each await. */
const enum Phase {
  Top,
  ReadCheck,
  ReadWoke,
  ConsumerCheck,
  ConsumerWoke,
  GraceDone,
  Handle,
  Bind,
  Stepped,
  Published,
  AfterPublishYield,
  Write,
  WriteWoke,
  Check,
  SliceWoke,
  /** Held at the step boundary (paused): resumes with the step. */
  Held,
}

/**
 * The loop is a synchronous state machine ({@link ComponentLoop.advance}) driven by a small async
 * function ({@link ComponentLoop.run}) that awaits whatever `advance` returns and resumes it. So the
 * hot path — inputs already queued, a synchronous step, room in every output channel — runs many
 * cycles in one plain (quickly optimised) function call without a promise per step, while every
 * await of the original cycle happens at the same point and in the same order.
 */
class ComponentLoop {
  private readonly fields: string[];
  private readonly receivers: ChannelReceiver[];
  private readonly values: unknown[];
  private readonly have: boolean[];
  private readonly inflight: boolean[];
  private haveCount = 0;
  private fieldClosed = false;
  private readonly eventBuffer: PlugboardEvent[] = [];
  private eventInflight = false;
  private eventsClosed = false;
  private wake: (() => void) | null = null;
  private cancelled = false;
  private readonly outFields: string[];
  private readonly outSenders: (readonly ChannelSender[])[];
  private readonly outCounters: (FieldCounter | null)[];
  private readonly watchedEvents: string[];
  private readonly producers: Map<string, string[]>;
  private stepIndex = 0;
  private readonly cancelledPromise: Promise<void>;
  // State of the cycle in progress (kept across awaits).
  private phase = Phase.Top;
  private outcome: ComponentOutcome = 'completed';
  private awaited: unknown = undefined;
  private stepPending = false;
  private gotFields = false;
  private finalCycle = false;
  private canStepNow = false;
  private record = false;
  private stepStart = 0;
  private writeField = 0;
  private writeSender = 0;
  private writeValue: unknown = null;
  private blockedField = '';
  private cancelledAt = 0;
  // Settings and timing (see run()).
  private allConnected = false;
  private neverSteps = false;
  private consumer = false;
  /** Takes {@link fastCycles}. */
  private fast = false;
  private recordSteps = true;
  private sliceMs = 8;
  private lane = 'main';
  private flag: PauseFlag = NO_PAUSE;
  private sliceStart = 0;
  private sinceCheck = 0;
  // Cycles between clock checks: adapts so that slow (e.g. blocking) steps yield after every step,
  // letting downstream components and port flushes run, while fast steps check rarely.
  private checkEvery = 1;
  private lastCheck = 0;
  // Step-event rate limit: a budget per 100 ms window, refilled at the periodic time check.
  private windowBudget = 1;
  private windowStart = 0;
  private windowLeft = 1;

  constructor(
    private readonly c: Component,
    private readonly wiring: ComponentWiring,
    private readonly hooks: ComponentHooks,
  ) {
    this.fields = Object.keys(wiring.inputs);
    this.receivers = this.fields.map((f) => wiring.inputs[f]!);
    this.values = this.fields.map(() => undefined);
    this.have = this.fields.map(() => false);
    this.inflight = this.fields.map(() => false);
    this.outFields = Object.keys(wiring.outputs).filter((f) => (wiring.outputs[f]?.length ?? 0) > 0);
    this.outSenders = this.outFields.map((f) => wiring.outputs[f]!);
    this.outCounters = this.outFields.map((f) => wiring.counters?.[f] ?? null);
    this.watchedEvents = c.io.inputEvents.filter((t) => t !== StopEvent.type);
    this.producers = new Map(this.watchedEvents.map((t) => [t, [...(wiring.producers?.[t] ?? [])]]));
    this.cancelledPromise = new Promise<void>((resolve) => {
      hooks.signal?.onCancel(() => {
        this.cancelled = true;
        this.wakeUp();
        resolve();
      });
    });
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  async run(): Promise<ComponentOutcome> {
    const { c, hooks } = this;
    c.setStatus('running');
    const declared = c.io.inputs;
    this.allConnected = declared.every((f) => f in this.wiring.inputs);
    const hasStep = typeof c.step === 'function';
    this.neverSteps = !hasStep || (declared.length === 0 && c.io.outputs.length === 0 && c.io.outputEvents.length <= 1);
    this.consumer = this.fields.length === 0 && this.watchedEvents.length > 0;
    this.recordSteps = hooks.recordSteps ?? true;
    this.sliceMs = hooks.sliceMs ?? 8;
    this.lane = hooks.lane ?? 'main';
    if (hooks.gate) this.flag = hooks.gate.flag(c.name);
    this.sliceStart = this.lastCheck = this.windowStart = now();
    this.fast = (hooks.fastPath ?? true) && !this.neverSteps && !c.canStep && !this.consumer && (declared.length === 0 ? this.fields.length === 0 : this.allConnected);
    this.windowBudget = this.windowLeft = Math.max(1, (hooks.maxStepEventsPerSecond ?? DEFAULT_MAX_STEP_EVENTS_PER_SECOND) / 10);
    const touched = hooks.touched;
    for (;;) {
      const wait = this.advance();
      if (wait === null) return this.outcome;
      touched?.();
      if (!this.stepPending) {
        this.awaited = await wait;
        continue;
      }
      try {
        // An async step that never settles (awaits forever) must not keep a cancelled run alive.
        let settled = false;
        const step = wait.then(() => {
          settled = true;
        });
        await this.race(step);
        if (!settled) {
          step.catch(() => undefined); // abandoned: a later rejection is nobody's failure
          this.stepPending = false;
          return 'stopped';
        }
      } catch (error) {
        this.stepPending = false;
        if (error instanceof IOStreamClosedError) return this.finish();
        c.setStatus('failed', error);
        throw new ComponentStepError(c.name, error);
      }
      this.stepPending = false;
    }
  }

  /**
   * 5. Calls the user's step, timing it when steps are recorded. A step that throws fails the
   * component; one that throws IOStreamClosedError (reading a closed IO) ends the loop: STEP_ENDED.
   */
  private callStep(): void | Promise<void> | typeof STEP_ENDED {
    const c = this.c;
    this.record = this.recordSteps && this.windowLeft > 0;
    this.stepStart = this.record ? now() : 0;
    this.hooks.beforeStep?.();
    try {
      return c.step!();
    } catch (error) {
      if (error instanceof IOStreamClosedError) {
        this.end(this.finish());
        return STEP_ENDED;
      }
      c.setStatus('failed', error);
      throw new ComponentStepError(c.name, error);
    }
  }

  /**
   * 7. Starts the write (§3.9). Nothing from a step that closed the IO (or from the final cycle) is
   * sent (Q3): the loop ends (null). Queued events go out first (their promise). Otherwise
   * undefined: the caller writes the field values.
   */
  private startWrite(closing: boolean): null | Promise<void> | undefined {
    const c = this.c;
    if (c.ioClosed || closing) {
      c.queuedEvents.length = 0;
      return this.end(this.finish());
    }
    this.writeField = 0;
    this.writeSender = 0;
    if (c.queuedEvents.length > 0) {
      this.phase = Phase.Published;
      return this.publishEvents();
    }
    return undefined;
  }

  /**
   * The step of the phase path (the phase is already Stepped): null when it ended the loop, its
   * promise when it is async (the loop resumes at Stepped), else NEXT.
   */
  private stepInPhases(): Promise<unknown> | null | typeof NEXT {
    const r = this.callStep();
    if (r === STEP_ENDED) return null;
    if (isThenable(r)) {
      this.stepPending = true;
      return r;
    }
    return NEXT;
  }

  /** Ends the loop with `outcome`: `advance` returns null. */
  private end(outcome: ComponentOutcome): null {
    this.outcome = outcome;
    return null;
  }

  /**
   * Runs the cycle from the current phase until it must wait: returns what to await (the loop then
   * resumes at `this.phase`), or null once the loop has ended (`this.outcome`). Throws on a failed
   * synchronous step.
   */
  private advance(): Promise<unknown> | null {
    for (;;) {
      const r = this.runPhase();
      if (r !== NEXT) return r;
    }
  }

  /** Runs the current phase: NEXT to go on with `this.phase`, else what `advance` returns. */
  private runPhase(): Promise<unknown> | null | typeof NEXT {
    const c = this.c;
    {
      switch (this.phase) {
        case Phase.Top:
          if (this.fast) return this.fastCycles();
          if (this.cancelled && this.stopNow()) return this.end('stopped');
          if (c.ioClosed) return this.end(this.finish());
          // 2. Read (§3.5)
          this.gotFields = false;
          this.finalCycle = false;
          if (this.fields.length > 0) {
            this.pollFields();
            this.pollEvents();
            this.phase = Phase.ReadCheck;
          } else if (this.consumer) {
            this.pollEvents();
            this.phase = Phase.ConsumerCheck;
          } else {
            this.pollEvents(); // sources poll events without waiting (Python waits up to 1 ms)
            this.phase = Phase.Handle;
          }
          break;
        case Phase.ReadCheck:
          if (this.haveCount < this.fields.length && this.eventBuffer.length === 0) {
            this.hooks.onWait?.(c.name, { kind: 'read', fields: this.missingFields() });
            this.phase = Phase.ReadWoke;
            return this.waitForInput(false);
          }
          if (this.haveCount === this.fields.length) {
            if (this.fieldClosed) {
              // A StopEvent read in the same cycle wins: the component ends STOPPED, as in
              // Plugboard (its handler runs before the closed input is noticed).
              if (this.eventBuffer.some((e) => e.type === StopEvent.type)) c.setStatus('stopped');
              c.io.close();
              return this.end(this.finish());
            }
            this.gotFields = true;
          }
          this.phase = Phase.Handle;
          break;
        case Phase.ReadWoke:
          this.hooks.onWait?.(c.name, null);
          if (this.cancelled) return this.end('stopped');
          this.pollFields();
          this.pollEvents();
          this.phase = Phase.ReadCheck;
          break;
        case Phase.ConsumerCheck:
          if (this.eventBuffer.length === 0 && !this.finalCycle) {
            this.hooks.onWait?.(c.name, EVENTS_WAIT);
            this.phase = Phase.ConsumerWoke;
            return this.waitForInput(true);
          }
          this.phase = Phase.Handle;
          break;
        case Phase.ConsumerWoke: {
          this.hooks.onWait?.(c.name, null);
          const timedOut = this.awaited === true;
          if (this.cancelled) return this.end('stopped');
          this.pollEvents();
          this.phase = Phase.ConsumerCheck;
          if (timedOut && this.eventBuffer.length === 0 && this.producersGone()) {
            c.io.close();
            if (this.hooks.closeGraceMs) {
              this.phase = Phase.GraceDone;
              return delay(this.hooks.closeGraceMs);
            }
            this.pollEvents();
            this.finalCycle = true;
          }
          break;
        }
        case Phase.GraceDone:
          this.pollEvents();
          this.finalCycle = true;
          this.phase = Phase.ConsumerCheck;
          break;
        case Phase.Handle:
          // 3. Handle events (§6.3)
          this.phase = Phase.Bind;
          if (this.eventBuffer.length > 0) return this.handleEvents();
          break;
        case Phase.Bind: {
          // 4. Bind inputs; 5. step if allowed (§3.8)
          if (this.gotFields) this.bindInputs();
          const canStep = (this.canStepNow = this.decideStep());
          if (canStep && this.flag.check && !this.cancelled) {
            this.phase = Phase.Held;
            return this.race(this.hooks.gate!.hold(c.name));
          }
          this.phase = Phase.Stepped;
          if (canStep) return this.stepInPhases();
          break;
        }
        case Phase.Stepped:
          if (this.canStepNow) this.afterStep();
          if (c.assignedInputs.size > 0) c.assignedInputs.clear();
          {
            const started = this.startWrite(this.finalCycle);
            if (started !== undefined) return started;
          }
          this.phase = Phase.Write;
          break;
        case Phase.Published:
          // Let subscribers handle the events before this component runs ahead (as Python's event
          // loop interleaves them), so consumers step about once per event rather than once per burst.
          this.phase = Phase.AfterPublishYield;
          return macrotask();
        case Phase.AfterPublishYield:
          this.sliceStart = this.lastCheck = now();
          this.phase = Phase.Write;
          break;
        case Phase.Write: {
          this.phase = Phase.Check;
          if (!this.canStepNow) break;
          const wait = this.write();
          if (wait) return this.waitToWrite(wait);
          break;
        }
        case Phase.WriteWoke:
          this.hooks.onWait?.(c.name, null);
          if (this.cancelled) return this.end('stopped');
          this.sliceStart = this.lastCheck = now();
          this.phase = Phase.Write;
          break;
        case Phase.Check:
          this.phase = Phase.Top;
          if (++this.sinceCheck >= this.checkEvery && this.timeCheck()) {
            this.phase = Phase.SliceWoke;
            return macrotask();
          }
          break;
        case Phase.SliceWoke:
          this.sliceStart = this.lastCheck = now();
          this.phase = Phase.Top;
          break;
        case Phase.Held: {
          // Stop while paused: a sink still steps the complete inputs it holds (writers keep rows).
          if (this.cancelled && !this.isSink()) return this.end('stopped');
          this.sliceStart = this.lastCheck = now();
          this.phase = Phase.Stepped;
          return this.stepInPhases();
        }
      }
    }
    return NEXT;
  }

  /**
   * The Top phase of a component that always steps when it has read every input (no `canStep`, all
   * inputs connected, not a pure event consumer): whole cycles in one tight loop, the same operations
   * in the same order as the phases above. Leaves at the first thing that is not a plain cycle
   * (a missing input, an event, an async step, queued events, a full channel, the time slice), with
   * `this.phase` set to where the general state machine goes on.
   */
  private fastCycles(): Promise<unknown> | null | typeof NEXT {
    const c = this.c;
    const n = this.fields.length;
    // A bounded number of cycles per call: the function is then optimised as a whole after a few
    // calls instead of also being compiled on-stack (OSR), which costs a fresh worker twice.
    for (let k = 0; k < FAST_CYCLES_PER_CALL; k++) {
      if (this.cancelled && this.stopNow()) return this.end('stopped');
      if (c.ioClosed) return this.end(this.finish());
      // 2. Read (§3.5)
      this.gotFields = false;
      this.finalCycle = false;
      this.pollFields();
      this.pollEvents();
      if (this.eventBuffer.length > 0 || this.haveCount < n || this.fieldClosed) {
        this.phase = n > 0 ? Phase.ReadCheck : Phase.Handle;
        return NEXT;
      }
      if (this.flag.check) {
        // Paused or a breakpoint: the general path holds at the boundary (Bind).
        this.gotFields = n > 0;
        this.phase = Phase.Bind;
        return NEXT;
      }
      // 4. Bind inputs; 5. step (§3.8: every input was read, or the component has none)
      if (n > 0) {
        this.gotFields = true;
        this.bindInputs();
      }
      this.canStepNow = true;
      const r = this.callStep();
      if (r === STEP_ENDED) return null;
      if (isThenable(r)) {
        this.phase = Phase.Stepped;
        this.stepPending = true;
        return r;
      }
      if (this.record) this.afterStep();
      else c.stepsTaken = ++this.stepIndex;
      if (c.assignedInputs.size > 0) c.assignedInputs.clear();
      const started = this.startWrite(false);
      if (started !== undefined) return started;
      const wait = this.write();
      if (wait) return this.waitToWrite(wait);
      if (++this.sinceCheck >= this.checkEvery && this.timeCheck()) {
        this.phase = Phase.SliceWoke;
        return macrotask();
      }
    }
    return NEXT;
  }

  /**
   * On cancel: stop now, unless this is a sink (no outputs: a writer) that still holds a complete
   * set of inputs sent before the cancel — those are stepped first (for at most DRAIN_MS), so every
   * row sent before a failure or a Stop is kept. Other components stop at once.
   */
  private stopNow(): boolean {
    // Every component declares StopEvent among its output events: only other event types make it a producer.
    if (!this.isSink()) return true;
    const t = now();
    if (this.cancelledAt === 0) this.cancelledAt = t;
    if (t - this.cancelledAt > DRAIN_MS) return true;
    this.pollFields();
    return this.haveCount < this.fields.length || this.fieldClosed;
  }

  /** No outputs, no output events but Stop, some inputs, IO open: a writer (steps what it holds on cancel). */
  private isSink(): boolean {
    return this.outFields.length === 0 && this.fields.length > 0 && !this.c.ioClosed && this.c.io.outputEvents.every((t) => t === StopEvent.type);
  }

  /** A full output channel: report the wait, resume at WriteWoke once there is room. */
  private waitToWrite(wait: Promise<void>): Promise<void> {
    this.hooks.onWait?.(this.c.name, { kind: 'write', fields: [this.blockedField] });
    this.phase = Phase.WriteWoke;
    return this.race(wait);
  }

  /** Input fields not read yet this cycle (a helper: a closure in `runPhase` would allocate per call). */
  private missingFields(): string[] {
    return this.fields.filter((_, i) => !this.have[i]);
  }

  private bindInputs(): void {
    const c = this.c;
    for (let i = 0; i < this.fields.length; i++) {
      c.inputValues[this.fields[i]!] = this.values[i];
      this.values[i] = undefined;
      this.have[i] = false;
    }
    this.haveCount = 0;
  }

  /** §3.8 rules 1–5. */
  private decideStep(): boolean {
    const c = this.c;
    if (this.neverSteps) return false;
    if (c.canStep) return c.canStep(this.receivedFields(this.gotFields));
    const declared = c.io.inputs;
    if (declared.length === 0) return true;
    if (this.gotFields && this.allConnected) return true;
    return this.receivedFields(this.gotFields).length === declared.length;
  }

  /** Step-event recording after a step ran. */
  private afterStep(): void {
    if (this.record) {
      const end = now();
      this.hooks.emit?.({ kind: 'step', component: this.c.name, index: this.stepIndex, start: this.stepStart, end, lane: this.lane });
      if (--this.windowLeft <= 0 && end - this.windowStart >= 100) {
        this.windowStart = end;
        this.windowLeft = this.windowBudget;
      }
    }
    this.c.stepsTaken = ++this.stepIndex;
  }

  /** Sends the outputs from (writeField, writeSender) on; returns a backpressure wait (resume after it). */
  private write(): Promise<void> | void {
    const out = this.c.out as Record<string, unknown>;
    const outFields = this.outFields;
    for (let i = this.writeField; i < outFields.length; i++) {
      const senders = this.outSenders[i]!;
      let j = this.writeSender;
      if (j === 0) {
        const v = (this.writeValue = out[outFields[i]!] ?? null);
        const counter = this.outCounters[i]!;
        if (counter !== null) {
          counter.count++;
          counter.last = v;
        }
      }
      const value = this.writeValue;
      for (; j < senders.length; j++) {
        const wait = senders[j]!.send(value);
        if (wait) {
          this.blockedField = outFields[i]!;
          this.writeField = i;
          this.writeSender = j + 1;
          if (j + 1 >= senders.length) {
            this.writeField = i + 1;
            this.writeSender = 0;
          }
          return wait;
        }
      }
      this.writeSender = 0;
    }
    this.writeField = outFields.length;
  }

  /** Periodic clock check; true when the slice is used up and the loop should yield. */
  private timeCheck(): boolean {
    this.sinceCheck = 0;
    const t = now();
    const perCycle = (t - this.lastCheck) / this.checkEvery;
    this.lastCheck = t;
    this.checkEvery = perCycle * 64 < this.sliceMs ? Math.min(64, this.checkEvery * 2) : 1;
    if (t - this.windowStart >= 100) {
      this.windowStart = t;
      this.windowLeft = this.windowBudget;
    }
    return t - this.sliceStart > this.sliceMs;
  }

  private receivedFields(gotFields: boolean): string[] {
    const set = new Set(this.c.assignedInputs);
    if (gotFields) for (const f of this.fields) set.add(f);
    return this.c.io.inputs.filter((f) => set.has(f));
  }

  private pollFields(): void {
    for (let i = 0; i < this.fields.length; i++) {
      if (this.have[i] || this.inflight[i]) continue;
      const r = this.receivers[i]!;
      if (!r.tryRecv) continue;
      const v = r.tryRecv();
      if (v !== EMPTY) this.accept(i, v);
    }
  }

  private accept(i: number, v: unknown): void {
    if (v === CLOSED) this.fieldClosed = true;
    else this.values[i] = v;
    this.have[i] = true;
    this.haveCount++;
  }

  private pollEvents(): void {
    const inbox = this.wiring.events;
    if (!inbox?.tryRecv || this.eventInflight || this.eventsClosed) return;
    for (;;) {
      const e = inbox.tryRecv();
      if (e === EMPTY) return;
      if (e === CLOSED) {
        this.eventsClosed = true;
        return;
      }
      this.eventBuffer.push(e);
    }
  }

  /** Waits until some input or event arrives (or, when `timed`, the read timeout). */
  private waitForInput(timed: boolean): Promise<boolean> {
    for (let i = 0; i < this.fields.length; i++) {
      if (this.have[i] || this.inflight[i]) continue;
      this.inflight[i] = true;
      void this.receivers[i]!.recv().then((v) => {
        this.inflight[i] = false;
        this.accept(i, v);
        this.wakeUp();
      });
    }
    const inbox = this.wiring.events;
    if (inbox && !this.eventInflight && !this.eventsClosed) {
      this.eventInflight = true;
      void inbox.recv().then((e) => {
        this.eventInflight = false;
        if (e === CLOSED) this.eventsClosed = true;
        else this.eventBuffer.push(e);
        this.wakeUp();
      });
    }
    return new Promise<boolean>((resolve) => {
      let stop = (): void => undefined;
      this.wake = () => {
        stop();
        resolve(false);
      };
      if (timed) {
        stop = after(this.hooks.ioReadTimeoutMs ?? DEFAULT_IO_READ_TIMEOUT_MS, () => {
          this.wake = null;
          resolve(true);
        });
      }
    });
  }

  /** §6.5: drop producers that reached a terminal status; true when none remain. */
  private producersGone(): boolean {
    const statusOf = this.hooks.statusOf;
    if (!statusOf) return false;
    for (const [type, names] of this.producers) {
      const alive = names.filter((n) => {
        const s = statusOf(n);
        return s !== 'completed' && s !== 'failed' && s !== 'stopped';
      });
      if (alive.length === 0) this.producers.delete(type);
      else this.producers.set(type, alive);
    }
    return this.producers.size === 0;
  }

  private async handleEvents(): Promise<void> {
    const events = this.eventBuffer.splice(0).sort((a, b) => a.timestamp - b.timestamp);
    for (const event of events) {
      const handler = this.c.handlers.get(event.type);
      if (!handler) throw new Error(`Component '${this.c.name}' received unrecognised event '${event.type}'`);
      let result = handler(event as PlugboardEvent<never>);
      if (isThenable(result)) result = await result;
      if (result && event.type !== StopEvent.type) this.c.queuedEvents.push(result);
    }
  }

  private async publishEvents(): Promise<void> {
    const events = this.c.queuedEvents.splice(0);
    const publish = this.wiring.publish;
    if (!publish) throw new Error(`Component '${this.c.name}' queued events but no event channel is connected`);
    for (const event of events) {
      const wait = publish(event);
      if (wait) await this.race(wait);
    }
  }

  private race(wait: Promise<void>): Promise<void> {
    return this.cancelled ? Promise.resolve() : Promise.race([wait, this.cancelledPromise]);
  }

  private finish(): ComponentOutcome {
    const c = this.c;
    c.io.close();
    for (const senders of this.outSenders) for (const s of senders) s.close();
    for (const r of this.receivers) r.detach?.();
    const stopped = c.status === 'stopped';
    if (!stopped && c.status !== 'failed') c.setStatus('completed');
    return stopped ? 'stopped' : 'completed';
  }
}
