import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../protocol/events.ts';
import type { PortLike } from './PortLike.ts';
import { createEventSink, createTelemetrySender } from './telemetry.ts';
import { filterRunEvents, NOT_ISOLATED_WARNING, takeIsolationWarning } from './warnings.ts';

const step = (index: number): RunEvent => ({ kind: 'step', component: 'a', index, start: index, end: index + 1, lane: 'worker:a' });

describe('telemetry', () => {
  it('a worker posts the first event at once and batches the rest of a burst; the page gets one callback per frame', async () => {
    const { port1, port2 } = new MessageChannel();
    const posted: number[] = [];
    port2.on('message', (m: { events: RunEvent[] }) => posted.push(m.events.length));
    const calls: number[] = [];
    const sink = createEventSink((events) => calls.push(events.length), 20);
    const tx = createTelemetrySender(port1 as unknown as PortLike, 20);
    for (let i = 0; i < 10_000; i++) tx.emit(step(i));
    tx.flush();
    sink.push([step(1), step(2)]);
    sink.push([step(3)]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // The first event goes out alone; the other 9,999 in batches (how many depends on how long the
    // loop took on this machine, never one message per event).
    expect(posted[0]).toBe(1);
    expect(posted.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(posted.length).toBeLessThan(100);
    expect(Math.max(...posted.slice(1))).toBeGreaterThan(100);
    expect(calls).toEqual([3]);
    sink.close();
    port1.close();
  });

  it('rebuilds written files from file events (truncate, then appends)', () => {
    const sink = createEventSink(() => undefined);
    const file = (text: string, mode: 'append' | 'truncate'): RunEvent => ({ kind: 'file', t: 0, component: 'w', path: 'x.csv', text, mode });
    sink.push([file('', 'truncate'), file('a\n', 'append'), file('1\n', 'append')]);
    expect(sink.files()).toEqual({ 'x.csv': 'a\n1\n' });
    sink.close();
  });
});

describe('busy-wait warning', () => {
  it('reaches the user once per page, however many workers report it', () => {
    const got: RunEvent[] = [];
    const onEvents = filterRunEvents((events) => got.push(...events));
    expect(takeIsolationWarning(true)).toEqual([]);
    const first = takeIsolationWarning(false);
    expect(first).toMatchObject([{ kind: 'log', level: 'warning', message: NOT_ISOLATED_WARNING }]);
    expect(takeIsolationWarning(false)).toEqual([]);
    onEvents([{ kind: 'log', t: 0, level: 'warning', message: 'blockingSleep: busy-waiting' }, step(0)]);
    expect(got).toEqual([step(0)]);
  });
});
