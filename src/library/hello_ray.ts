/**
 * `hello_ray` — tutorial 004 (examples/tutorials/004_using_ray/hello_ray.py): two branches of
 * deliberately blocking work joined by a timestamper. In one thread the branches take the SUM of
 * their times; in the parallel process (the placement plan puts the two branches on different workers) they overlap.
 */
import { arg, blockingSleep, componentClass, isoLocalTimestamp, now, port } from '../runtime/index.ts';

/**
 * Declares output `x` but, like the tutorial, stores each value in a private `out_1` (bug Q2):
 * `x` is sent as `null` on every one of its `iters` steps. Then it closes.
 */
export class Iterator extends componentClass({
  type: 'hello_ray.Iterator',
  description: 'Counts to iters (the tutorial bug: x is sent as null), then closes.',
  outputs: { x: port() },
  args: { iters: arg.integer({ description: 'How many steps before closing' }) },
}) {
  private count = 0;
  /** Not a declared output: never sent (reproduces the upstream tutorial, spec Q2). */
  protected out_1: number | null = null;

  override step(): void {
    if (this.count >= this.args.iters) {
      this.io.close();
      return;
    }
    this.out_1 = this.count++;
  }
}

/** Blocks its thread for `sleep_seconds` (stands for heavy compute), then y = x. */
export class Sleep extends componentClass({
  type: 'hello_ray.Sleep',
  description: 'Blocks its thread for sleep_seconds, then passes x on as y.',
  inputs: { x: port() },
  outputs: { y: port() },
  args: { sleep_seconds: arg.number({ description: 'Seconds to block per step' }) },
}) {
  override step(): void {
    blockingSleep(this.args.sleep_seconds * 1000);
    this.out.y = this.in.x;
  }
}

/** Emits the current local time as a Python-style ISO timestamp (no zone, microseconds). */
export class Timestamper extends componentClass({
  type: 'hello_ray.Timestamper',
  description: 'Emits the current local time as an ISO-8601 string.',
  inputs: { x: port(), y: port() },
  outputs: { timestamp: port<string>() },
}) {
  override step(): void {
    this.out.timestamp = isoLocalTimestamp(now());
  }
}
