/**
 * `hello_tuner` — tutorial 006 (examples/tutorials/006_optimisation/hello_tuner.py): the height
 * of a projectile along its trajectory; the tuner maximises `max-height.max_y`.
 */
import { arg, componentClass, port } from '../runtime/index.ts';

/** Emits 0 … iters−1 on `x`, then closes. */
export class Iterator extends componentClass({
  type: 'hello_tuner.Iterator',
  description: 'Emits 0 … iters−1, then closes.',
  outputs: { x: port<number>() },
  args: { iters: arg.integer({ description: 'How many values to emit' }) },
}) {
  private count = 0;

  override step(): void {
    if (this.count >= this.args.iters) {
      this.io.close();
      return;
    }
    this.out.x = this.count++;
  }
}

/** y = x·tan θ − g·x² / (2·v²·cos² θ): height of a projectile at horizontal distance x. */
export class Trajectory extends componentClass({
  type: 'hello_tuner.Trajectory',
  description: 'Projectile height y at distance x for a launch angle and velocity.',
  inputs: { x: port<number>() },
  outputs: { y: port<number>() },
  args: {
    angle: arg.number({ default: 30, description: 'Launch angle, degrees' }),
    velocity: arg.number({ default: 20, description: 'Launch velocity, m/s' }),
  },
}) {
  override step(): void {
    const theta = (this.args.angle * Math.PI) / 180;
    const v = this.args.velocity;
    const x = this.in.x;
    this.out.y = x * Math.tan(theta) - (9.81 * x ** 2) / (2 * v ** 2 * Math.cos(theta) ** 2);
  }
}

/** Running maximum of y (starts at 0). */
export class MaxHeight extends componentClass({
  type: 'hello_tuner.MaxHeight',
  description: 'Running maximum of y.',
  inputs: { y: port<number>() },
  outputs: { max_y: port<number>() },
}) {
  override init(): void {
    this.out.max_y = 0;
  }

  override step(): void {
    this.out.max_y = Math.max(this.in.y, this.out.max_y);
  }
}
