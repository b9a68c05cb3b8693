/**
 * `components` — tutorial 002 (examples/tutorials/002_complex_processes/components.py): small
 * building blocks for branching, loops and parameters.
 */
import { arg, componentClass, formatPython, port } from '../runtime/index.ts';

/** Emits `iters` uniform random numbers in [low, high], then closes (unseeded). */
export class Random extends componentClass({
  type: 'components.Random',
  description: 'Emits iters random numbers in [low, high], then closes.',
  outputs: { x: port<number>() },
  args: {
    iters: arg.integer({ description: 'How many values to emit' }),
    low: arg.number({ default: 0 }),
    high: arg.number({ default: 10 }),
  },
}) {
  private count = 0;

  override step(): void {
    if (this.count >= this.args.iters) {
      this.io.close();
      return;
    }
    this.count++;
    this.out.x = this.args.low + (this.args.high - this.args.low) * Math.random();
  }
}

/** x = a + offset. */
export class Offset extends componentClass({
  type: 'components.Offset',
  description: 'x = a + offset',
  inputs: { a: port<number>() },
  outputs: { x: port<number>() },
  args: { offset: arg.number({ default: 0 }) },
}) {
  override step(): void {
    this.out.x = this.in.a + this.args.offset;
  }
}

/** x = a × scale. */
export class Scale extends componentClass({
  type: 'components.Scale',
  description: 'x = a × scale',
  inputs: { a: port<number>() },
  outputs: { x: port<number>() },
  args: { scale: arg.number({ default: 1 }) },
}) {
  override step(): void {
    this.out.x = this.in.a * this.args.scale;
  }
}

/** x = a + b. */
export class Sum extends componentClass({
  type: 'components.Sum',
  description: 'x = a + b',
  inputs: { a: port<number>(), b: port<number>() },
  outputs: { x: port<number>() },
}) {
  override step(): void {
    this.out.x = this.in.a + this.in.b;
  }
}

/** Writes each value as one line to the text file at `path` (truncated at init). */
export class Save extends componentClass({
  type: 'components.Save',
  description: 'Writes each value as a line of a text file.',
  inputs: { value_to_save: port() },
  args: { path: arg.string({ description: 'Text file to write' }) },
}) {
  override init(): void {
    this.files.truncate(this.args.path, this.name);
  }

  override step(): void {
    this.files.append(this.args.path, this.name, `${formatPython(this.in.value_to_save)}\n`);
  }
}

/** x = a × parameters.scale (1 when the parameter is absent). */
export class ScaleFromParameter extends componentClass({
  type: 'components.ScaleFromParameter',
  description: 'x = a × the "scale" parameter',
  inputs: { a: port<number>() },
  outputs: { x: port<number>() },
}) {
  override step(): void {
    const scale = this.parameters['scale'];
    this.out.x = this.in.a * (typeof scale === 'number' ? scale : 1);
  }
}
