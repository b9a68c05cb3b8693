import { describe, expect, it } from 'vitest';
import { ProbeRecorder } from './probes.ts';

describe('ProbeRecorder', () => {
  it('counts every connector: how many values, the last one and when', () => {
    const p = new ProbeRecorder();
    const tap = p.tap('input.x->sleep.x');
    expect(p.tap('input.x->sleep.x')).toBe(tap);
    expect(tap.record(1, 10)).toBeNull();
    tap.record(2, 20);
    expect(tap).toMatchObject({ count: 2, last: 2, lastT: 20 });
    expect(p.isProbed('input.x->sleep.x')).toBe(false);
    expect(p.values('input.x->sleep.x')).toEqual({ values: [], times: [] });
  });

  it('probed connectors keep their newest values (bounded) and drain sends only what is new', () => {
    const p = new ProbeRecorder({ capacity: 3 });
    const a = p.tap('a');
    const b = p.tap('b');
    p.probe('a');
    a.record('x', 1);
    a.record('y', 2);
    b.record(5, 2);
    expect(p.drain()).toEqual({
      counters: [
        { key: 'a', count: 2, last: 'y', lastT: 2 },
        { key: 'b', count: 1, last: 5, lastT: 2 },
      ],
      probes: [{ key: 'a', from: 0, values: ['x', 'y'], times: [1, 2] }],
    });
    expect(p.drain()).toEqual({ counters: [], probes: [] });
    for (const [v, t] of [['z', 3], ['w', 4], ['q', 5], ['r', 6]] as const) a.record(v, t);
    // Four more through a buffer of three: one was dropped before it could be sent.
    expect(p.drain().probes).toEqual([{ key: 'a', from: 3, values: ['w', 'q', 'r'], times: [4, 5, 6] }]);
    expect(p.values('a')).toEqual({ values: ['w', 'q', 'r'], times: [4, 5, 6] });
    p.unprobe('a');
    a.record('s', 7);
    expect(p.drain()).toEqual({ counters: [{ key: 'a', count: 7, last: 's', lastT: 7 }], probes: [] });
  });

  it('a value breakpoint reports the value that meets its condition', () => {
    const p = new ProbeRecorder();
    const tap = p.tap('stockpile.size->controller1.stockpile_size');
    expect(p.setCondition('stockpile.size->controller1.stockpile_size', 'value > 30 && value < 40')).toBeNull();
    expect(tap.record(10, 1)).toBeNull();
    expect(tap.record(35, 2)).toEqual({ kind: 'condition-met', key: 'stockpile.size->controller1.stockpile_size', condition: 'value > 30 && value < 40', value: 35, t: 2 });
    p.setCondition('stockpile.size->controller1.stockpile_size', null);
    expect(tap.record(35, 3)).toBeNull();
  });

  it('refuses a condition that does not parse, and reports one that fails on a value once', () => {
    const p = new ProbeRecorder();
    expect(p.setCondition('k', 'value >')).toMatchObject({ column: 8, message: "expected an operand after '>'" });
    p.setCondition('k', 'abs(value) > 1');
    const tap = p.tap('k');
    expect(tap.record('text', 1)).toEqual({
      kind: 'condition-failed',
      key: 'k',
      condition: 'abs(value) > 1',
      error: { message: 'abs() needs a number, got a string', offset: 4, line: 1, column: 5 },
    });
    expect(tap.record('text', 2)).toBeNull();
    expect(tap.count).toBe(2);
  });
});
