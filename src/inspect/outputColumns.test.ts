import { describe, expect, it } from 'vitest';
import { createOutputColumns, GrowableFloat64, toNumber } from './outputColumns.ts';

describe('GrowableFloat64', () => {
  it('grows past its capacity and keeps every value', () => {
    const g = new GrowableFloat64(2);
    for (let i = 0; i < 1000; i++) g.push(i);
    expect(g.length).toBe(1000);
    expect(g.view()[999]).toBe(999);
    expect(g.view().length).toBe(1000);
  });
});

describe('toNumber', () => {
  it('plots numbers, booleans and numeric strings; not other values', () => {
    expect(toNumber(2.5)).toBe(2.5);
    expect(toNumber(false)).toBe(0);
    expect(toNumber(' 3e2 ')).toBe(300);
    expect(toNumber('2026-11-30T05:00:00Z')).toBeNaN();
    expect(toNumber('')).toBeNaN();
    expect(toNumber(null)).toBeNaN();
    expect(toNumber({ a: 1 })).toBeNaN();
  });
});

describe('createOutputColumns', () => {
  it('splits rows per file, names columns from the header, and reads only new rows', () => {
    const cols = createOutputColumns(1000);
    const rows = [
      { t: 1000, path: 'a.csv', values: [1, 'x'] },
      { t: 1500, path: 'b.csv', values: [true] },
      { t: 2000, path: 'a.csv', values: [2, 'y'] },
    ];
    const headers: Record<string, string[]> = { 'a.csv': ['n', 'label'] };
    cols.update(rows, (p) => headers[p] ?? null);
    const a = cols.files.get('a.csv')!;
    expect(a.names).toEqual(['n', 'label']);
    expect([...a.time.view()]).toEqual([0, 1]);
    expect([...a.row.view()]).toEqual([0, 1]);
    expect([...a.columns[0]!.view()]).toEqual([1, 2]);
    expect(a.numericCounts).toEqual([2, 0]);
    expect(cols.files.get('b.csv')!.names).toEqual(['column 1']);
    rows.push({ t: 3000, path: 'a.csv', values: [5, 'z', 7] });
    cols.update(rows, (p) => headers[p] ?? null);
    expect(cols.consumed).toBe(4);
    expect([...a.columns[0]!.view()]).toEqual([1, 2, 5]);
    // A late third column is NaN for earlier rows.
    expect([...a.columns[2]!.view()]).toEqual([NaN, NaN, 7]);
    expect(a.names).toEqual(['n', 'label', 'column 3']);
  });
});
