import { describe, expect, it } from 'vitest';
import { packRows, unpackRows } from './packRows.ts';
import type { OutputRow } from '../store/runSlice.ts';

describe('packRows', () => {
  it('round-trips interleaved files, numbers as typed arrays, other values as they are', () => {
    const rows: OutputRow[] = [
      { t: 1, path: 'a.csv', component: 'wa', values: [1.5, 'x'] },
      { t: 2, path: 'b.csv', component: 'wb', values: [true] },
      { t: 3, path: 'a.csv', component: 'wa', values: [NaN, null] },
      { t: 4, path: 'b.csv', component: 'wb', values: [{ k: [1] }] },
    ];
    const packed = packRows(rows);
    const a = packed.files.find((f) => f.path === 'a.csv')!;
    expect(a.columns![0]).toBeInstanceOf(Float64Array);
    expect(Array.isArray(a.columns![1])).toBe(true);
    expect([...a.order]).toEqual([0, 2]);
    expect(unpackRows(structuredClone(packed))).toEqual(rows);
  });

  it('keeps rows of uneven width as rows', () => {
    const rows: OutputRow[] = [
      { t: 1, path: 'a.csv', component: 'w', values: [1] },
      { t: 2, path: 'a.csv', component: 'w', values: [1, 2] },
    ];
    const packed = packRows(rows);
    expect(packed.files[0]!.columns).toBeNull();
    expect(unpackRows(packed)).toEqual(rows);
  });

  it('packs nothing for no rows', () => {
    expect(unpackRows(packRows([]))).toEqual([]);
  });
});
