import { arg, componentClass, port } from 'plugboard';

export class Counter extends componentClass({
  outputs: { n: port<number>() },
  args: { iters: arg.integer({ default: 3 }) },
}) {
  private i = 0;
  override step(): void {
    if (this.i >= this.args.iters) { this.io.close(); return; }
    this.out.n = this.i++;
  }
}
export class Boom extends componentClass({ inputs: { n: port<number>() } }) {
  override step(): void {
    if (this.in.n === 2) throw new Error('boom at two');
  }
}
export class Never extends componentClass({ outputs: { n: port<number>() } }) {
  override async step(): Promise<void> {
    await new Promise(() => undefined);
  }
}
export class TimerBoom extends componentClass({ outputs: { n: port<number>() } }) {
  private i = 0;
  override async step(): Promise<void> {
    if (this.i === 2) setTimeout(() => { throw new Error('boom in a timer'); }, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.out.n = this.i++;
    if (this.i > 10) this.io.close();
  }
}
