import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Scale } from '../library/components.ts';
import { Channel, CLOSED, withInitialValues, type ChannelReceiver, type ChannelSender } from './channel.ts';
import { componentClass, port } from './Component.ts';
import { createCancel } from './scheduler.ts';
import { defineEvent, StopEvent, type PlugboardEvent } from './events.ts';
import { initComponent, runComponent } from './runComponent.ts';

/** A receiver with only `recv()` over a Node MessagePort: the minimal interface a host must offer. */
function portReceiver(port: MessagePort): ChannelReceiver<number> {
  const queue: (number | typeof CLOSED)[] = [];
  let waiting: ((v: number | typeof CLOSED) => void) | null = null;
  port.on('message', (m: { close?: true; value?: number }) => {
    const v = m.close ? CLOSED : m.value!;
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(v);
    } else queue.push(v);
  });
  return { recv: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((resolve) => (waiting = resolve))) };
}

function portSender(port: MessagePort): ChannelSender<unknown> {
  return { send: (value) => port.postMessage({ value }), close: () => port.postMessage({ close: true }) };
}

function collect(port: MessagePort): Promise<unknown[]> {
  const got: unknown[] = [];
  return new Promise((resolve) =>
    port.on('message', (m: { close?: true; value?: unknown }) => {
      if (m.close) resolve(got);
      else got.push(m.value);
    }),
  );
}

describe('runComponent in isolation over MessagePort channels', () => {
  it('runs one component with recv-only receivers: initial values first, outputs per step, close cascades', async () => {
    const input = new MessageChannel();
    const output = new MessageChannel();
    const scale = new Scale({ name: 'scale', scale: 3, initial_values: { a: [100] } });
    const received = collect(output.port2);
    await initComponent(scale);
    const run = runComponent(scale, {
      inputs: { a: withInitialValues(portReceiver(input.port2), [100]) },
      outputs: { x: [portSender(output.port1)] },
    });
    for (const v of [1, 2, 3]) input.port1.postMessage({ value: v });
    input.port1.postMessage({ close: true });
    expect(await run).toBe('completed');
    expect(await received).toEqual([300, 3, 6, 9]);
    expect(scale.status).toBe('completed');
    for (const c of [input, output]) c.port1.close(), c.port2.close();
  });

  it('a cancel signal ends a component blocked on input with outcome stopped', async () => {
    const input = new MessageChannel();
    const scale = new Scale({ name: 'scale' });
    const cancel = createCancel();
    const run = runComponent(scale, { inputs: { a: portReceiver(input.port2) }, outputs: {} }, { signal: cancel.signal });
    cancel.cancel();
    expect(await run).toBe('stopped');
    input.port1.close();
    input.port2.close();
  });

  it('resumes a cycle mid-write and after an async step: every fanned-out channel gets every value in order', async () => {
    class Split extends componentClass({ type: 'test.Split', description: 'x → (x, −x)', inputs: { a: port<number>() }, outputs: { p: port<number>(), n: port<number>() } }) {
      override async step(): Promise<void> {
        if (this.in.a % 3 === 0) await Promise.resolve();
        this.out.p = this.in.a;
        this.out.n = -this.in.a;
      }
    }
    const input = new Channel<number>(4);
    const outs = [new Channel(1), new Channel(1), new Channel(2), new Channel(1)];
    const split = new Split({ name: 'split' });
    await initComponent(split);
    const run = runComponent(split, { inputs: { a: input }, outputs: { p: [outs[0]!, outs[1]!], n: [outs[2]!, outs[3]!] } });
    const drain = async (ch: Channel): Promise<unknown[]> => {
      const got: unknown[] = [];
      for (let v = await ch.recv(); v !== CLOSED; v = await ch.recv()) got.push(v);
      return got;
    };
    const drained = outs.map(drain);
    const values = Array.from({ length: 50 }, (_, i) => i + 1);
    for (const v of values) await input.send(v);
    input.close();
    expect(await run).toBe('completed');
    const got = await Promise.all(drained);
    expect(got[0]).toEqual(values);
    expect(got[1]).toEqual(values);
    expect(got[2]).toEqual(values.map((v) => -v));
    expect(got[3]).toEqual(values.map((v) => -v));
  });
});

describe('closeGraceMs (the close grace of pure event consumers, §6.5)', () => {
  const Ping = defineEvent<{ n: number }>('ping', 'Ping');
  class Consumer extends componentClass({ type: 'testing.GraceConsumer', description: 'records pings', inputEvents: [Ping], outputs: {} }) {
    readonly got: number[] = [];
    override init(): void {
      this.on(Ping, (e) => {
        this.got.push(e.data.n);
      });
    }
    override step(): void {}
  }

  /** Runs a consumer whose producer has ended; sends one event as soon as it closed its IO. */
  async function lateEvent(closeGraceMs: number): Promise<number[]> {
    const c = new Consumer({ name: 'c' });
    const inbox = new Channel<PlugboardEvent>(0);
    await initComponent(c);
    const run = runComponent(c, { inputs: {}, outputs: {}, events: inbox, producers: { ping: ['p'] } }, { statusOf: () => 'completed', ioReadTimeoutMs: 5, closeGraceMs });
    inbox.send(Ping.create('p', { n: 1 }));
    while (!c.ioClosed) await new Promise((r) => setTimeout(r, 1));
    inbox.send(Ping.create('p', { n: 2 })); // arrives after the producer check closed the IO
    expect(await run).toBe('completed');
    return c.got;
  }

  it('without a grace the final cycle runs at once: a later event is not handled', async () => {
    expect(await lateEvent(0)).toEqual([1]);
  });

  it('with a grace, events that arrive during it are handled in the final cycle', async () => {
    expect(await lateEvent(1000)).toEqual([1, 2]);
  });
});

describe('fidelity details (issue 8)', () => {
  it('a component ended by a StopEvent is stopped, also when it reads a closed input in the same cycle', async () => {
    const Pair = componentClass({ type: 'testing.Pair', description: 'x + y', inputs: { x: port<number>(), y: port<number>() }, outputs: { z: port<number>() } });
    class Adder extends Pair {
      override step(): void {
        this.out.z = this.in.x + this.in.y;
      }
    }
    for (const withStop of [true, false]) {
      const c = new Adder({ name: 'adder' });
      const x = new Channel<number>(4);
      const y = new Channel<number>(4);
      const inbox = new Channel<PlugboardEvent>(0);
      x.send(1);
      y.close();
      if (withStop) inbox.send(StopEvent.create('process', {}) as PlugboardEvent);
      await initComponent(c);
      const outcome = await runComponent(c, { inputs: { x, y }, outputs: {}, events: inbox });
      expect(outcome).toBe(withStop ? 'stopped' : 'completed');
      expect(c.status).toBe(withStop ? 'stopped' : 'completed');
    }
  });

  it("componentClass accepts Plugboard's populates_fields without a cast", () => {
    const Tick = defineEvent<{ v: number }>('tick', 'Tick');
    class Filled extends componentClass({ type: 'testing.Filled', description: 'x from events', inputs: { x: port<number>() }, inputEvents: [Tick], populates_fields: ['x'] }) {}
    expect(Filled.info.eventPopulatedFields).toEqual(['x']);
  });
});
