// PauseGate as a parallel run uses it: one gate per group, stepped together by the host.
import { describe, expect, it } from 'vitest';
import { PauseGate } from './pauseGate.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('two gates stepped together (a parallel run)', () => {
  it('each chooses who steps before either releases: a value sent during the Step is for the next one', async () => {
    // Group A holds the source; group B's `dst` has not reached its first wait yet (its worker is
    // slower to start). The source's Step sends dst its input while B's pause is still settling.
    const a = new PauseGate();
    const b = new PauseGate();
    a.register(['src']);
    b.register(['dst']);
    a.pause();
    b.pause();
    const srcHeld = a.hold('src');
    let srcStepped = false;
    void srcHeld.then(() => (srcStepped = true));
    const prepared = Promise.all([a.prepare(), b.prepare()]);
    await tick();
    b.waiting('dst', { kind: 'read' }); // dst starts and waits for input: B's pause is complete
    await prepared;
    const stepA = a.step();
    await tick();
    expect(srcStepped).toBe(true);
    // The source's value reaches B before B's own step call (another worker, another port):
    // dst reads it and is held at its boundary.
    b.waiting('dst', null);
    void b.hold('dst');
    void a.hold('src');
    const stepB = b.step();
    const [ra, rb] = await Promise.all([stepA, stepB]);
    expect(ra.stepped).toEqual(['src']);
    expect(rb.stepped).toEqual([]); // chosen before the value came: it steps in the next Step
    expect(rb.notStepped).toEqual([{ component: 'dst', reason: 'waiting-for-input' }]);
    await Promise.all([a.prepare(), b.prepare()]);
    const next = b.step();
    void a.step();
    await tick();
    void b.hold('dst');
    expect((await next).stepped).toEqual(['dst']);
  });

  it('a gate stepped without prepare chooses at the step, as in one thread', async () => {
    const g = new PauseGate();
    g.register(['x']);
    g.pause();
    void g.hold('x');
    const step = g.step();
    await tick();
    void g.hold('x');
    expect((await step).stepped).toEqual(['x']);
  });
});
