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
  /** Longest synchronous stretch (ms) before yielding to other tasks (default 8). */
  readonly sliceMs?: number;
  /**
   * Called with the input fields a component starts waiting for (no timeout), and with `null` when
   * the wait ends. LocalProcess uses it to detect a run where every component waits forever.
   */
  readonly onWait?: (component: string, fields: readonly string[] | null) => void;
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
  private readonly watchedEvents: string[];
  private readonly producers: Map<string, string[]>;
  private stepIndex = 0;
  private readonly cancelledPromise: Promise<void>;

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
    const allConnected = declared.every((f) => f in this.wiring.inputs);
    const hasStep = typeof c.step === 'function';
    const neverSteps = !hasStep || (declared.length === 0 && c.io.outputs.length === 0 && c.io.outputEvents.length <= 1);
    const consumer = this.fields.length === 0 && this.watchedEvents.length > 0;
    const recordSteps = hooks.recordSteps ?? true;
    const sliceMs = hooks.sliceMs ?? 8;
    const lane = hooks.lane ?? 'main';
    let sliceStart = now();
    let sinceCheck = 0;
    // Cycles between clock checks: adapts so that slow (e.g. blocking) steps yield after every step,
    // letting downstream components and port flushes run, while fast steps check rarely.
    let checkEvery = 1;
    let lastCheck = sliceStart;
    // Step-event rate limit: a budget per 100 ms window, refilled at the periodic time check.
    const windowBudget = Math.max(1, (hooks.maxStepEventsPerSecond ?? DEFAULT_MAX_STEP_EVENTS_PER_SECOND) / 10);
    let windowStart = sliceStart;
    let windowLeft = windowBudget;
    for (;;) {
      if (this.cancelled) return 'stopped';
      if (c.ioClosed) return this.finish();
      // 2. Read (§3.5)
      let gotFields = false;
      let finalCycle = false;
      if (this.fields.length > 0) {
        this.pollFields();
        this.pollEvents();
        while (this.haveCount < this.fields.length && this.eventBuffer.length === 0) {
          hooks.onWait?.(c.name, this.fields.filter((_, i) => !this.have[i]));
          await this.waitForInput(false);
          hooks.onWait?.(c.name, null);
          if (this.cancelled) return 'stopped';
          this.pollFields();
          this.pollEvents();
        }
        if (this.haveCount === this.fields.length) {
          if (this.fieldClosed) {
            c.io.close();
            return this.finish();
          }
          gotFields = true;
        }
      } else if (consumer) {
        this.pollEvents();
        while (this.eventBuffer.length === 0 && !finalCycle) {
          const timedOut = await this.waitForInput(true);
          if (this.cancelled) return 'stopped';
          this.pollEvents();
          if (timedOut && this.eventBuffer.length === 0 && this.producersGone()) {
            c.io.close();
            if (hooks.closeGraceMs) await delay(hooks.closeGraceMs);
            this.pollEvents();
            finalCycle = true;
          }
        }
      } else {
        this.pollEvents(); // sources poll events without waiting (Python waits up to 1 ms)
      }
      // 3. Handle events (§6.3)
      if (this.eventBuffer.length > 0) await this.handleEvents();
      // 4. Bind inputs
      let received: string[] | null = null;
      if (gotFields) {
        for (let i = 0; i < this.fields.length; i++) {
          c.inputValues[this.fields[i]!] = this.values[i];
          this.values[i] = undefined;
          this.have[i] = false;
        }
        this.haveCount = 0;
      }
      // 5. Step if allowed (§3.8)
      let canStep: boolean;
      if (neverSteps) canStep = false;
      else if (c.canStep) canStep = c.canStep((received = this.receivedFields(gotFields)));
      else if (declared.length === 0) canStep = true;
      else if (gotFields && allConnected) canStep = true;
      else canStep = (received ?? this.receivedFields(gotFields)).length === declared.length;
      if (canStep) {
        const record = recordSteps && windowLeft > 0;
        const start = record ? now() : 0;
        try {
          const r = c.step!();
          if (isThenable(r)) await r;
        } catch (error) {
          if (error instanceof IOStreamClosedError) return this.finish();
          c.setStatus('failed', error);
          throw new ComponentStepError(c.name, error);
        }
        if (record) {
          const end = now();
          hooks.emit?.({ kind: 'step', component: c.name, index: this.stepIndex, start, end, lane });
          if (--windowLeft <= 0 && end - windowStart >= 100) {
            windowStart = end;
            windowLeft = windowBudget;
          }
        }
        this.stepIndex++;
      }
      if (c.assignedInputs.size > 0) c.assignedInputs.clear();
      // 7. Write (§3.9): nothing from a step that closed the IO is sent (Q3)
      if (c.ioClosed || finalCycle) {
        c.queuedEvents.length = 0;
        return this.finish();
      }
      if (c.queuedEvents.length > 0) {
        await this.publishEvents();
        // Let subscribers handle the events before this component runs ahead (as Python's event
        // loop interleaves them), so consumers step about once per event rather than once per burst.
        await macrotask();
        sliceStart = lastCheck = now();
      }
      if (canStep) {
        const out = c.out as Record<string, unknown>;
        for (let i = 0; i < this.outFields.length; i++) {
          const value = out[this.outFields[i]!] ?? null;
          for (const sender of this.outSenders[i]!) {
            const wait = sender.send(value);
            if (wait) {
              await this.race(wait);
              if (this.cancelled) return 'stopped';
              sliceStart = lastCheck = now();
            }
          }
        }
      }
      if (++sinceCheck >= checkEvery) {
        sinceCheck = 0;
        const t = now();
        const perCycle = (t - lastCheck) / checkEvery;
        lastCheck = t;
        checkEvery = perCycle * 64 < sliceMs ? Math.min(64, checkEvery * 2) : 1;
        if (t - windowStart >= 100) {
          windowStart = t;
          windowLeft = windowBudget;
        }
        if (t - sliceStart > sliceMs) {
          await macrotask();
          sliceStart = lastCheck = now();
        }
      }
    }
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
