/**
 * `examples.tutorials.004_using_ray.resources_example` — tutorial 004's resource demo
 * (examples/tutorials/004_using_ray/resources_example.py). Resources only matter to Ray; locally
 * they are recorded and ignored (spec §11).
 */
import { arg, componentClass, port } from '../runtime/index.ts';

const MODULE = 'examples.tutorials.004_using_ray.resources_example';

/** Emits 0 … iters−1 on `output`, then closes. */
export class DataProducer extends componentClass({
  type: `${MODULE}.DataProducer`,
  description: 'Emits 0 … iters−1, then closes.',
  outputs: { output: port<number>() },
  args: { iters: arg.integer({ description: 'How many values to emit' }) },
}) {
  private count = 0;

  override step(): void {
    if (this.count >= this.args.iters) {
      this.io.close();
      return;
    }
    this.out.output = this.count++;
  }
}

/** y = Σ i² for i in 0 … int(x × 10000) − 1 (CPU-bound on purpose). Class resources: cpu 2. */
export class CPUIntensiveTask extends componentClass({
  type: `${MODULE}.CPUIntensiveTask`,
  description: 'y = sum of squares below x × 10000 (CPU-bound).',
  inputs: { x: port<number>() },
  outputs: { y: port<number>() },
  resources: { cpu: 2.0 },
}) {
  override step(): void {
    const n = Math.trunc(this.in.x * 10000);
    let total = 0;
    for (let i = 0; i < n; i++) total += i * i;
    this.out.y = total;
  }
}

/** result = data × 2. Class resources: cpu "500m", gpu 1. */
export class GPUTask extends componentClass({
  type: `${MODULE}.GPUTask`,
  description: 'result = data × 2 (stands for GPU work).',
  inputs: { data: port<number>() },
  outputs: { result: port<number>() },
  resources: { cpu: '500m', gpu: 1 },
}) {
  override step(): void {
    this.out.result = this.in.data * 2;
  }
}
