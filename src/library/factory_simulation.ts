/**
 * `factory_simulation` — demo fundamentals/003 (factory_simulation.py): a daily clock drives five
 * machines that break down with a rising probability unless maintained; the factory sums their
 * output. Machines use {@link PythonRandom} so seeded runs match Plugboard exactly.
 */
import { PythonRandom, arg, componentClass, port } from '../runtime/index.ts';

/** Emits day 0 … num_days−1, then closes. */
export class Iterator extends componentClass({
  type: 'factory_simulation.Iterator',
  description: 'Emits day numbers 0 … num_days−1, then closes.',
  outputs: { day: port<number>() },
  args: { num_days: arg.integer({ default: 365 }) },
}) {
  private day = 0;

  override step(): void {
    if (this.day >= this.args.num_days) {
      this.io.close();
      return;
    }
    this.out.day = this.day++;
  }
}

/**
 * One machine, stepped once per day. Rules, first match wins: during downtime output 0 (and reset
 * the maintenance counter when downtime ends); on a maintenance day start maintenance; break down
 * with probability sigmoid(steepness · (days since maintenance − midpoint)); else produce.
 */
export class Machine extends componentClass({
  type: 'factory_simulation.Machine',
  description: 'Daily output of a machine with breakdowns and planned maintenance.',
  inputs: { day: port<number>() },
  outputs: { daily_value: port<number>() },
  args: {
    maintenance_interval: arg.integer({ default: 30 }),
    breakdown_days: arg.integer({ default: 5 }),
    maintenance_days: arg.integer({ default: 1 }),
    daily_output: arg.number({ default: 10000.0 }),
    sigmoid_steepness: arg.number({ default: 0.15 }),
    sigmoid_midpoint: arg.number({ default: 40.0 }),
    seed: arg.integer({ default: 42 }),
  },
}) {
  private rng = new PythonRandom(this.args.seed);
  private daysSinceMaintenance = 0;
  private downtime = 0;

  override init(): void {
    this.rng = new PythonRandom(this.args.seed);
    this.daysSinceMaintenance = 0;
    this.downtime = 0;
  }

  override step(): void {
    const a = this.args;
    if (this.downtime > 0) {
      this.downtime--;
      if (this.downtime === 0) this.daysSinceMaintenance = 0;
      this.out.daily_value = 0.0;
      return;
    }
    if (a.maintenance_interval > 0 && this.daysSinceMaintenance > 0 && this.daysSinceMaintenance % a.maintenance_interval === 0) {
      this.downtime = a.maintenance_days;
      this.out.daily_value = 0.0;
      return;
    }
    const breakdownProbability = 1 / (1 + Math.exp(-a.sigmoid_steepness * (this.daysSinceMaintenance - a.sigmoid_midpoint)));
    if (this.rng.random() < breakdownProbability) {
      this.downtime = a.breakdown_days;
      this.out.daily_value = 0.0;
      return;
    }
    this.out.daily_value = a.daily_output;
    this.daysSinceMaintenance++;
  }
}

/** Running total of the five machines' daily values. */
export class Factory extends componentClass({
  type: 'factory_simulation.Factory',
  description: 'Running total value of five machines.',
  inputs: { value_1: port<number>(), value_2: port<number>(), value_3: port<number>(), value_4: port<number>(), value_5: port<number>() },
  outputs: { total_value: port<number>() },
}) {
  private total = 0;

  override step(): void {
    const v = this.in;
    this.total += v.value_1 + v.value_2 + v.value_3 + v.value_4 + v.value_5;
    this.out.total_value = this.total;
  }
}
