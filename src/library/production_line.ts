/**
 * `production_line` — demo fundamentals/002 (production_line.py): a stockpile feeding two
 * machines whose controllers switch them on above a threshold; costs and cost per unit.
 * The controller → stockpile feedback loops start from `initial_values` in the YAML.
 */
import { arg, componentClass, port } from '../runtime/index.ts';

/** Emits `items_per_step` for `total_steps` steps, then closes. */
export class Input extends componentClass({
  type: 'production_line.Input',
  description: 'Emits items_per_step on each of total_steps steps, then closes.',
  outputs: { items: port<number>() },
  args: { items_per_step: arg.integer({ default: 10 }), total_steps: arg.integer({ default: 1000 }) },
}) {
  private remaining = this.args.total_steps;

  override step(): void {
    if (this.remaining <= 0) {
      this.io.close();
      return;
    }
    this.remaining--;
    this.out.items = this.args.items_per_step;
  }
}

/** Stock: + incoming, − 5 if machine 1 runs, − 8 if machine 2 runs (never below 0). */
export class InputStockpile extends componentClass({
  type: 'production_line.InputStockpile',
  description: 'Stock of items waiting for the machines, and its storage cost.',
  inputs: { incoming_items: port<number>(), machine1_running: port<boolean>(), machine2_running: port<boolean>() },
  outputs: { size: port<number>(), storage_cost: port<number>() },
}) {
  private stock = 0;

  override step(): void {
    this.stock += this.in.incoming_items;
    if (this.in.machine1_running) this.stock = Math.max(this.stock - 5, 0);
    if (this.in.machine2_running) this.stock = Math.max(this.stock - 8, 0);
    this.out.storage_cost = 10 * Math.max(0, this.stock - 50);
    this.out.size = this.stock;
  }
}

/** should_run = stockpile_size ≥ threshold. */
export class Controller extends componentClass({
  type: 'production_line.Controller',
  description: 'Runs the machine when the stockpile reaches the threshold.',
  inputs: { stockpile_size: port<number>() },
  outputs: { should_run: port<boolean>() },
  args: { threshold: arg.integer({ default: 30 }) },
}) {
  override step(): void {
    this.out.should_run = this.in.stockpile_size >= this.args.threshold;
  }
}

/** cost = cost_per_step while running, else 0. */
export class MachineCost extends componentClass({
  type: 'production_line.MachineCost',
  description: 'Cost of running a machine for one step.',
  inputs: { is_running: port<boolean>() },
  outputs: { cost: port<number>() },
  args: { cost_per_step: arg.number({ default: 100.0 }) },
}) {
  override step(): void {
    this.out.cost = this.in.is_running ? this.args.cost_per_step : 0.0;
  }
}

/** Running total of items produced: +5 per step of machine 1, +8 per step of machine 2. */
export class OutputStock extends componentClass({
  type: 'production_line.OutputStock',
  description: 'Total items produced by both machines.',
  inputs: { machine1_running: port<boolean>(), machine2_running: port<boolean>() },
  outputs: { total_output: port<number>() },
}) {
  private total = 0;

  override step(): void {
    if (this.in.machine1_running) this.total += 5;
    if (this.in.machine2_running) this.total += 8;
    this.out.total_output = this.total;
  }
}

/** Running total of storage and machine costs. */
export class TotalCost extends componentClass({
  type: 'production_line.TotalCost',
  description: 'Running total of storage and machine costs.',
  inputs: { storage_cost: port<number>(), machine1_cost: port<number>(), machine2_cost: port<number>() },
  outputs: { total_cost: port<number>() },
}) {
  private total = 0;

  override step(): void {
    this.total += this.in.storage_cost + this.in.machine1_cost + this.in.machine2_cost;
    this.out.total_cost = this.total;
  }
}

/** cost_per_unit = total_cost / total_output (0 until something was produced). */
export class CostPerUnit extends componentClass({
  type: 'production_line.CostPerUnit',
  description: 'Total cost divided by total output.',
  inputs: { total_cost: port<number>(), total_output: port<number>() },
  outputs: { cost_per_unit: port<number>() },
}) {
  override step(): void {
    this.out.cost_per_unit = this.in.total_output > 0 ? this.in.total_cost / this.in.total_output : 0.0;
  }
}
