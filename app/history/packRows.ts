/**
 * Output rows packed by file and column for IndexedDB: a column whose values are all numbers becomes
 * a Float64Array, so storing a run with 200,000 rows clones a few typed arrays instead of 200,000
 * small objects (which blocks the page for about half a second). Unpacking restores equal rows.
 */
import type { OutputRow } from '../store/runSlice.ts';

export interface PackedFile {
  readonly path: string;
  readonly component: string;
  /** Position of each of this file's rows among all rows. */
  readonly order: Uint32Array;
  readonly t: Float64Array;
  /** Column-wise values when every row has `width` values; else `rows` holds each row's values. */
  readonly width: number;
  readonly columns: readonly (Float64Array | unknown[])[] | null;
  readonly rows: readonly (readonly unknown[])[] | null;
}

export interface PackedRows {
  readonly count: number;
  readonly files: readonly PackedFile[];
}

/** @example const packed = packRows(run.buffers.output); unpackRows(packed) // equal rows */
export function packRows(rows: readonly OutputRow[]): PackedRows {
  const byPath = new Map<string, number[]>();
  rows.forEach((r, i) => {
    let list = byPath.get(r.path);
    if (!list) byPath.set(r.path, (list = []));
    list.push(i);
  });
  const files: PackedFile[] = [];
  for (const [path, indices] of byPath) {
    const first = rows[indices[0]!]!;
    const width = first.values.length;
    const regular = indices.every((i) => rows[i]!.values.length === width);
    let columns: (Float64Array | unknown[])[] | null = null;
    if (regular) {
      columns = [];
      for (let c = 0; c < width; c++) {
        const numeric = indices.every((i) => typeof rows[i]!.values[c] === 'number');
        columns.push(numeric ? Float64Array.from(indices, (i) => rows[i]!.values[c] as number) : indices.map((i) => rows[i]!.values[c]));
      }
    }
    files.push({
      path,
      component: first.component,
      order: Uint32Array.from(indices),
      t: Float64Array.from(indices, (i) => rows[i]!.t),
      width,
      columns,
      rows: regular ? null : indices.map((i) => rows[i]!.values),
    });
  }
  return { count: rows.length, files };
}

export function unpackRows(packed: PackedRows): OutputRow[] {
  const out = new Array<OutputRow>(packed.count);
  for (const f of packed.files) {
    for (let k = 0; k < f.order.length; k++) {
      const values = f.columns ? f.columns.map((col) => col[k]) : f.rows![k]!;
      out[f.order[k]!] = { t: f.t[k]!, path: f.path, component: f.component, values };
    }
  }
  return out;
}
