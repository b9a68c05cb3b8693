/**
 * `hello_world` — tutorial 001 (examples/tutorials/001_hello_world/hello_world.py):
 * a source counting up and a sink writing twice each value to a text file.
 */
import { arg, componentClass, formatPython, port } from '../runtime/index.ts';

/** Emits 0, 1, …, iters−1 on `out_1` (one per step), then closes. */
export class A extends componentClass({
  type: 'hello_world.A',
  description: 'Emits 0 … iters−1, then closes.',
  outputs: { out_1: port<number>() },
  args: { iters: arg.integer({ description: 'How many values to emit' }) },
}) {
  private count = 0;

  override step(): void {
    if (this.count >= this.args.iters) {
      this.io.close();
      return;
    }
    this.out.out_1 = this.count++;
  }
}

/** Writes `2 × in_1` as one line per step to the text file at `path` (truncated at init). */
export class B extends componentClass({
  type: 'hello_world.B',
  description: 'Writes 2 × in_1 per line to a text file.',
  inputs: { in_1: port<number>() },
  args: { path: arg.string({ description: 'Text file to write' }) },
}) {
  override init(): void {
    this.files.truncate(this.args.path, this.name);
  }

  override step(): void {
    this.files.append(this.args.path, this.name, `${formatPython(2 * this.in.in_1)}\n`);
  }
}
