/**
 * Pause, Step and Resume for the components of one host (a LocalProcess: a whole local run, or one
 * group of a parallel run), issue 10. Each component loop holds a {@link PauseFlag}; it reads
 * `flag.check` once per cycle (one property read on the fast path) and, when it is set, calls
 * {@link PauseGate.hold} at its step boundary: just before its step would run, inputs already
 * read. `hold` resolves when the component may step (Resume, a Step permit) — or, when the flag is
 * set only because the component has a breakpoint, first pauses every component (a hit).
 *
 * Step follows Plugboard's `Process.step()`: every component that can step runs its step once.
 * Here that means: wait until the pause is complete (every component is held, waiting, or ended),
 * give each held component one permit, wait until each of them is back at a boundary (or waits or
 * ends), and report who stepped and why the others could not (waiting for input, finished, ...).
 * Unlike Python's `step()` it does not wait for input (docs/plugboard-semantics.md §5.3).
 */
import type { BreakpointHitInfo, NotSteppedReason, StepReport } from '../protocol/events.ts';

/** Read by a component loop once per cycle: true when it must call `hold` before stepping. */
export interface PauseFlag {
  check: boolean;
}

/** What a component loop needs from its gate. */
export interface ComponentGate {
  /** The component's flag (the same object every time). */
  flag(component: string): PauseFlag;
  /** At the step boundary, `flag.check` set: resolves when the component may step. */
  hold(component: string): Promise<void>;
}

export interface PauseGateOptions {
  /** A component was held (true) or released (false): hosts show it as the status 'paused'. */
  readonly onHeld?: (component: string, held: boolean) => void;
  /** A breakpoint paused this host (not called for a Pause asked from outside). */
  readonly onBreak?: (hit: BreakpointHitInfo) => void;
  /** Steps a component has taken so far (for the step report). */
  readonly stepsOf?: (component: string) => number;
}

/** What a component waits for (runComponent's WaitInfo; only its kind matters here). */
type WaitKind = 'read' | 'write' | 'events';

type Waiter = { readonly ready: () => boolean; readonly resolve: () => void };

/**
 * @example
 * const gate = new PauseGate({ stepsOf: (n) => counts[n] });
 * gate.pause(); const report = await gate.step(); gate.resume();
 */
export class PauseGate implements ComponentGate {
  private pausedNow = false;
  private readonly flags = new Map<string, PauseFlag>();
  private readonly breakpoints = new Set<string>();
  /** Components held at their boundary → their release. */
  private readonly holds = new Map<string, () => void>();
  /** Components waiting (read / write / events) → what for. */
  private readonly waits = new Map<string, WaitKind>();
  private readonly ended = new Set<string>();
  /** Released by a Step permit, not yet back at a boundary (or waiting, or ended). */
  private readonly permits = new Set<string>();
  private waiters: Waiter[] = [];
  private stepIndex = 0;
  private stepping: Promise<StepReport> | null = null;
  /** Components that can never step (no step function...): reported as such. */
  private readonly neverStep = new Set<string>();
  /** The next Step's choice, made by `prepare` (who steps; the others' reasons). */
  private prepared: { readonly stepped: string[]; readonly notStepped: { component: string; reason: NotSteppedReason }[] } | null = null;

  constructor(private readonly options: PauseGateOptions = {}) {}

  get paused(): boolean {
    return this.pausedNow;
  }

  /** Components with a breakpoint "about to step". */
  get breakpointList(): readonly string[] {
    return [...this.breakpoints];
  }

  flag(component: string): PauseFlag {
    let f = this.flags.get(component);
    if (!f) this.flags.set(component, (f = { check: this.pausedNow || this.breakpoints.has(component) }));
    return f;
  }

  /** Registers the components of this host up front (so the pause knows whom to wait for). */
  register(components: Iterable<string>, neverStep: Iterable<string> = []): void {
    for (const c of components) this.flag(c);
    for (const c of neverStep) this.neverStep.add(c);
  }

  /** Pause at each component's `component` next step boundary (replaces the previous set). */
  setBreakpoints(components: Iterable<string>): void {
    this.breakpoints.clear();
    for (const c of components) this.breakpoints.add(c);
    this.refreshFlags();
  }

  /** Holds every component at its next step boundary. Idempotent. */
  pause(): void {
    if (this.pausedNow) return;
    this.pausedNow = true;
    this.refreshFlags();
  }

  /** Releases every held component; breakpoints stay armed. */
  resume(): void {
    if (!this.pausedNow) return;
    this.pausedNow = false;
    this.refreshFlags();
    const held = [...this.holds];
    this.holds.clear();
    this.permits.clear(); // a Step in progress ends: its components run on
    this.prepared = null;
    for (const [name, release] of held) {
      this.options.onHeld?.(name, false);
      release();
    }
    this.changed();
  }

  /**
   * A value breakpoint met its condition (or a component breakpoint was reached): pause, and tell
   * the host (which pauses the other workers). Ignored while already paused.
   */
  breakpoint(hit: BreakpointHitInfo): void {
    if (this.pausedNow) return;
    this.pause();
    this.options.onBreak?.(hit);
  }

  async hold(component: string): Promise<void> {
    this.permits.delete(component);
    if (!this.pausedNow) {
      // The flag was set for a breakpoint on this component: the whole run pauses here.
      if (!this.breakpoints.has(component)) return;
      this.breakpoint({ kind: 'component', component });
    }
    this.options.onHeld?.(component, true);
    return new Promise<void>((resolve) => {
      this.holds.set(component, resolve);
      this.changed();
    });
  }

  /** Components waiting now (for input, room to send, or events). */
  waitingNow(): string[] {
    return [...this.waits.keys()];
  }

  /** A component started (`wait`) or ended (null) a wait. */
  waiting(component: string, wait: { readonly kind: WaitKind } | null): void {
    if (wait) {
      this.waits.set(component, wait.kind);
      this.permits.delete(component);
    } else this.waits.delete(component);
    this.changed();
  }

  /** A component's loop ended. */
  end(component: string): void {
    this.ended.add(component);
    this.waits.delete(component);
    this.permits.delete(component);
    const release = this.holds.get(component);
    this.holds.delete(component);
    release?.();
    this.changed();
  }

  /** Every component is held, waiting or ended (nothing runs). */
  private settled(): boolean {
    for (const name of this.flags.keys()) if (!this.holds.has(name) && !this.waits.has(name) && !this.ended.has(name)) return false;
    return true;
  }

  /** Resolves once every component is held, waiting or ended (the pause is complete). */
  whenSettled(): Promise<void> {
    return this.until(() => this.settled());
  }

  /**
   * One process step (pauses first if running): every held component steps once. Resolves with
   * who stepped, who could not and why, and every component's step count. Steps asked while one
   * runs follow it.
   */
  step(): Promise<StepReport> {
    const previous = this.stepping ?? Promise.resolve(null);
    const next = previous.then(() => this.stepOnce());
    this.stepping = next;
    return next;
  }

  /**
   * The first half of a Step across several gates (a parallel run's groups): pauses, waits until
   * the pause is complete and chooses who will step — the components held now. The host prepares
   * every group before any steps, so a value one group sends during the Step cannot make a
   * component of another group step in the same Step (as in one thread). `step` then uses the choice.
   */
  async prepare(): Promise<void> {
    this.pause();
    await this.whenSettled();
    this.prepared = this.choose();
  }

  private choose(): { stepped: string[]; notStepped: { component: string; reason: NotSteppedReason }[] } {
    const stepped = [...this.holds.keys()].filter(() => this.pausedNow);
    const notStepped: { component: string; reason: NotSteppedReason }[] = [];
    for (const name of this.flags.keys()) {
      if (stepped.includes(name)) continue;
      notStepped.push({ component: name, reason: this.reasonOf(name) });
    }
    return { stepped, notStepped };
  }

  private async stepOnce(): Promise<StepReport> {
    this.pause();
    await this.whenSettled();
    const chosen = this.prepared ?? this.choose();
    this.prepared = null;
    // A chosen component that ended since `prepare` (a Stop) is no longer held: it does not step.
    const stepped = chosen.stepped.filter((name) => this.holds.has(name));
    const notStepped = [...chosen.notStepped, ...chosen.stepped.filter((name) => !this.holds.has(name)).map((component) => ({ component, reason: this.reasonOf(component) }))];
    for (const name of stepped) {
      const release = this.holds.get(name)!;
      this.holds.delete(name);
      this.permits.add(name);
      this.options.onHeld?.(name, false);
      release();
    }
    await this.until(() => this.permits.size === 0);
    const steps: Record<string, number> = {};
    for (const name of this.flags.keys()) steps[name] = this.options.stepsOf?.(name) ?? 0;
    return { index: ++this.stepIndex, stepped, notStepped, steps };
  }

  private reasonOf(name: string): NotSteppedReason {
    if (this.ended.has(name)) return 'finished';
    if (this.neverStep.has(name)) return 'never-steps';
    const w = this.waits.get(name);
    return w === 'read' ? 'waiting-for-input' : w === 'write' ? 'waiting-to-send' : w === 'events' ? 'waiting-for-events' : 'busy';
  }

  private refreshFlags(): void {
    for (const [name, f] of this.flags) f.check = this.pausedNow || this.breakpoints.has(name);
  }

  private until(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push({ ready, resolve }));
  }

  private changed(): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.ready()) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }
}
