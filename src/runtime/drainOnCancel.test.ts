// A writer keeps the rows sent to it before a failure or a Stop (issue 13 item 6): on cancel a sink
// steps the complete inputs it already holds (for at most a short drain), other components stop at
// once. Every component declares StopEvent as an output event, so that must not count as "has outputs".
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { componentClass, port } from './Component.ts';
import { buildProcessSpec } from './buildProcessSpec.ts';
import { LocalProcess } from './LocalProcess.ts';
import { ListSource, Recorder } from './testing.ts';

/** Fails at its third step, after the source has sent everything. */
class FailLater extends componentClass({ type: 'testing.FailLater', description: 'throws at step 3', inputs: { x: port() }, outputs: {} }) {
  private n = 0;
  override step(): void {
    if (++this.n === 3) throw new Error('boom');
  }
}

/** A writer whose (synchronous) step takes a moment, like a slow disk: values queue meanwhile. */
class SlowRecorder extends componentClass({ type: 'testing.SlowRecorder', description: 'records v, slowly', inputs: { v: port() }, outputs: {} }) {
  readonly seen: unknown[] = [];
  override step(): void {
    const until = performance.now() + 1;
    while (performance.now() < until);
    this.seen.push(this.in.v);
  }
}

/** Passes x on; its step awaits, so the writer downstream receives values while others run. */
class Relay extends componentClass({ type: 'testing.Relay', description: 'y = x', inputs: { x: port() }, outputs: { y: port() } }) {
  override step(): void {
    this.out.y = this.in.x;
  }
}

for (const fastPath of [true, false]) {
  describe(`a failure elsewhere (fast path ${fastPath ? 'on' : 'off'})`, () => {
    it('the writer still steps the values it holds, and nothing after them', async () => {
      const r = createRegistry();
      for (const cls of [ListSource, Recorder, FailLater, Relay, SlowRecorder]) r.register(cls);
      const values = Array.from({ length: 20 }, (_, i) => i + 1);
      const spec = buildProcessSpec({
        components: [
          { type: 'testing.ListSource', name: 'src', args: { values } },
          { type: 'testing.Relay', name: 'relay' },
          { type: 'testing.FailLater', name: 'fail' },
          { type: 'testing.SlowRecorder', name: 'sink' },
        ],
        connectors: ['src.out -> relay.x', 'src.out -> fail.x', 'relay.y -> sink.v'],
      });
      const p = new LocalProcess(spec, r, { ioReadTimeoutMs: 20, fastPath });
      await p.init();
      const result = await p.run();
      expect(result.status).toBe('failed');
      expect(result.error?.message).toContain('boom');
      const seen = (p.component('sink') as SlowRecorder).seen;
      const relayed = p.component('relay')!.stepsTaken;
      // Every value the relay passed on before the failure reached the file, in order.
      expect(seen).toEqual(values.slice(0, relayed));
      expect(relayed).toBeGreaterThan(0);
    });
  });
}
