/**
 * `hello_events` — tutorial 005 (examples/tutorials/005_events/hello_events.py): a component
 * publishes high/low events; event-driven collectors pick them up and feed file writers.
 */
import { arg, componentClass, defineEvent, port } from '../runtime/index.ts';

/** Data carried by {@link HighEvent} and {@link LowEvent}. */
export interface ExtremeValue {
  readonly value: number;
  readonly extreme_type: 'high' | 'low';
}

export const HighEvent = defineEvent<ExtremeValue>('high_event', 'HighEvent');
export const LowEvent = defineEvent<ExtremeValue>('low_event', 'LowEvent');

/**
 * Emits a uniform random number in [0, 1) per step. In the step where the counter reaches `iters`
 * it also closes, so that step's value is never sent: `iters − 1` values are delivered (Q3).
 */
export class Random extends componentClass({
  type: 'hello_events.Random',
  description: 'Emits random numbers in [0, 1); closes on step iters (iters − 1 values sent).',
  outputs: { value: port<number>() },
  args: { iters: arg.integer({ default: 50 }) },
}) {
  private count = 0;

  override step(): void {
    this.count++;
    this.out.value = Math.random();
    if (this.count >= this.args.iters) this.io.close();
  }
}

/** Publishes a HighEvent for values ≥ high_limit and a LowEvent for values ≤ low_limit. */
export class FindHighLowValues extends componentClass({
  type: 'hello_events.FindHighLowValues',
  description: 'Publishes high/low events for extreme values.',
  inputs: { value: port<number>() },
  outputEvents: [HighEvent, LowEvent],
  args: { low_limit: arg.number({ default: 0.2 }), high_limit: arg.number({ default: 0.8 }) },
}) {
  override step(): void {
    const value = this.in.value;
    if (value >= this.args.high_limit) this.io.queueEvent(HighEvent.create(this.name, { value, extreme_type: 'high' }));
    if (value <= this.args.low_limit) this.io.queueEvent(LowEvent.create(this.name, { value, extreme_type: 'low' }));
  }
}

/** Sets `value` from the latest HighEvent; steps once per batch of received events. */
export class CollectHigh extends componentClass({
  type: 'hello_events.CollectHigh',
  description: 'Outputs the value of the latest high event.',
  inputEvents: [HighEvent],
  outputs: { value: port<number | null>() },
}) {
  private latest: ExtremeValue | null = null;

  override init(): void {
    this.on(HighEvent, (event) => {
      this.latest = event.data;
    });
  }

  override step(): void {
    this.out.value = this.latest?.value ?? null;
  }
}

/** Sets `value` from the latest LowEvent; steps once per batch of received events. */
export class CollectLow extends componentClass({
  type: 'hello_events.CollectLow',
  description: 'Outputs the value of the latest low event.',
  inputEvents: [LowEvent],
  outputs: { value: port<number | null>() },
}) {
  private latest: ExtremeValue | null = null;

  override init(): void {
    this.on(LowEvent, (event) => {
      this.latest = event.data;
    });
  }

  override step(): void {
    this.out.value = this.latest?.value ?? null;
  }
}
