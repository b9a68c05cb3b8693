/**
 * Numeric columns of the rows FileWriters receive, kept in growable Float64Arrays and updated
 * incrementally (a run appends rows; only the new ones are read), so a chart of 1,000,000 rows costs
 * no per-row objects after the rows themselves.
 */

/**
 * A Float64Array that doubles when full; `data` beyond `length` is spare capacity.
 * @example const g = new GrowableFloat64(); g.push(1.5); g.view() // Float64Array [1.5]
 */
export class GrowableFloat64 {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(1, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** A view of the valid values (no copy). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** The shape of an output row the columns read (the app's OutputRow satisfies it). */
export interface RowLike {
  readonly t: number;
  readonly path: string;
  readonly values: readonly unknown[];
}

export interface FileColumns {
  readonly path: string;
  /** Column names: the CSV header when known, else `column 1`, `column 2`, … */
  names: string[];
  /** Row time in seconds since the run started. */
  readonly time: GrowableFloat64;
  /** Row number within the file (0, 1, 2, …). */
  readonly row: GrowableFloat64;
  /** One column per field; NaN where a value is not a number. */
  readonly columns: GrowableFloat64[];
  /** How many values of each column were numbers. */
  readonly numericCounts: number[];
}

/**
 * A value as a number for plotting: numbers as they are, booleans as 0/1, numeric strings parsed;
 * anything else NaN (not drawn).
 * @example toNumber(true) // 1
 */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : NaN;
  }
  return NaN;
}

export interface OutputColumns {
  /** Reads rows appended since the last call; `headerOf` gives a file's CSV header when known. */
  update(rows: readonly RowLike[], headerOf: (path: string) => readonly string[] | null): void;
  readonly files: ReadonlyMap<string, FileColumns>;
  /** Rows read so far. */
  readonly consumed: number;
}

/**
 * @example
 * const cols = createOutputColumns(run.startedAt);
 * cols.update(run.buffers.output, (p) => run.buffers.files.get(p)?.header ?? null);
 * cols.files.get('out.csv')?.columns[0]?.view();
 */
export function createOutputColumns(startedAt: number): OutputColumns {
  const files = new Map<string, FileColumns>();
  let consumed = 0;
  const fileFor = (path: string): FileColumns => {
    let f = files.get(path);
    if (!f) {
      f = { path, names: [], time: new GrowableFloat64(), row: new GrowableFloat64(), columns: [], numericCounts: [] };
      files.set(path, f);
    }
    return f;
  };
  return {
    files,
    get consumed() {
      return consumed;
    },
    update(rows, headerOf) {
      for (; consumed < rows.length; consumed++) {
        const r = rows[consumed]!;
        const f = fileFor(r.path);
        const index = f.row.length;
        while (f.columns.length < r.values.length) {
          // A column that appears late is NaN for the rows before it.
          const col = new GrowableFloat64(Math.max(1024, index + 1));
          for (let i = 0; i < index; i++) col.push(NaN);
          f.columns.push(col);
          f.numericCounts.push(0);
        }
        f.time.push((r.t - startedAt) / 1000);
        f.row.push(index);
        for (let c = 0; c < f.columns.length; c++) {
          const v = toNumber(r.values[c]);
          f.columns[c]!.push(v);
          if (!Number.isNaN(v)) f.numericCounts[c]!++;
        }
      }
      for (const f of files.values()) {
        const header = headerOf(f.path);
        f.names = f.columns.map((_, c) => header?.[c] ?? `column ${c + 1}`);
      }
    },
  };
}
