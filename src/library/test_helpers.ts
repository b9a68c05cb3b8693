/**
 * Plugboard's integration-test helpers, registered under their Python paths
 * `tests.integration.test_process_with_components_run.{A,B,C}` and
 * `tests.integration.test_tuner.DynamicListComponent` (used by tests/data/*.yaml).
 */
import { arg, componentClass, formatPython, port } from '../runtime/index.ts';

const RUN = 'tests.integration.test_process_with_components_run';

/** Emits 0 … iters−1 on `out_1`, then closes. */
export class A extends componentClass({
  type: `${RUN}.A`,
  description: 'Emits 0 … iters−1, then closes.',
  outputs: { out_1: port<number>() },
  args: { iters: arg.integer() },
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

/** out_1 = factor × in_1; out_2 = parameters.factor (default 1) × in_1. */
export class B extends componentClass({
  type: `${RUN}.B`,
  description: 'Scales in_1 by the factor arg and by the factor parameter.',
  inputs: { in_1: port<number>() },
  outputs: { out_1: port<number>(), out_2: port<number>() },
  args: { factor: arg.number({ default: 1.0 }) },
}) {
  override step(): void {
    const factor = this.parameters['factor'];
    this.out.out_1 = this.args.factor * this.in.in_1;
    this.out.out_2 = (typeof factor === 'number' ? factor : 1.0) * this.in.in_1;
  }
}

/** Appends each value plus a newline to the file at `path` (append mode; never truncates). */
export class C extends componentClass({
  type: `${RUN}.C`,
  description: 'Appends each value as a line to a text file.',
  inputs: { in_1: port() },
  args: { path: arg.string() },
}) {
  override step(): void {
    this.files.append(this.args.path, this.name, `${formatPython(this.in.in_1)}\n`);
  }
}

/** out_1 = sum(list_param) × in_1. */
export class DynamicListComponent extends componentClass({
  type: 'tests.integration.test_tuner.DynamicListComponent',
  description: 'Multiplies in_1 by the sum of list_param.',
  inputs: { in_1: port<number>() },
  outputs: { out_1: port<number>() },
  args: { list_param: arg.numberList() },
}) {
  override step(): void {
    this.out.out_1 = this.args.list_param.reduce((s, x) => s + x, 0) * this.in.in_1;
  }
}
