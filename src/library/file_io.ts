/**
 * `plugboard.library.file_io`: FileReader and FileWriter for CSV files (spec §7.1–7.3).
 * Files live in the run's in-memory file store; the CLI pre-loads inputs and writes outputs to disk.
 */
import Papa from 'papaparse/papaparse.js';
import { now } from '../lib/clock.ts';
import { csvText, formatCsvCell as formatCell } from '../lib/csv.ts';
import { arg, componentClass, formatPython, type ComponentArgs } from '../runtime/index.ts';

const MODULE = 'plugboard.library.file_io';

/** Python's `PurePath(path).suffixes`, joined and lower-cased: 'a.CSV.gz' → '.csv.gz'. */
export function fileSuffix(path: string): string {
  const name = (path.split(/[\\/]/).pop() ?? '').replace(/^\.+/, '');
  if (name.endsWith('.')) return '';
  return name
    .split('.')
    .slice(1)
    .map((s) => `.${s}`)
    .join('')
    .toLowerCase();
}

function checkFormat(path: string, chunkSize: number | null, type: string): void {
  const suffix = fileSuffix(path);
  if (!['.csv', '.csv.gz', '.parquet'].includes(suffix)) throw new Error(`${type}: unsupported file format '${suffix}' for '${path}' (use .csv, .csv.gz or .parquet)`);
  if (suffix !== '.csv') throw new Error(`${type}: only .csv files can be read or written here ('${path}'); .csv.gz and .parquet need Python`);
  if (chunkSize !== null && !(Number.isInteger(chunkSize) && chunkSize > 0)) throw new Error(`${type}: chunk_size must be a positive integer`);
}

const ioArgs = {
  path: arg.string({ description: 'File path (.csv)' }),
  field_names: arg.stringList({ description: 'Columns, in order; they become the ports' }),
  chunk_size: arg.optional.integer({ description: 'Rows per read/write chunk' }),
  storage_options: arg.optional.mapping({ description: 'fsspec options (Python only; ignored)' }),
} as const;

/** Pandas-like inference for one column: all ints → numbers, all floats → numbers, else strings. */
function inferColumn(cells: readonly string[]): unknown[] {
  const filled = cells.filter((c) => c !== '');
  const numeric = filled.length > 0 && filled.every((c) => /^\s*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|inf|nan)\s*$/i.test(c));
  const bool = filled.length > 0 && filled.every((c) => c === 'True' || c === 'False');
  return cells.map((c) => {
    if (c === '') return null; // pandas gives NaN; the port uses null
    if (numeric) return /nan/i.test(c) ? NaN : /inf/i.test(c) ? (c.trim().startsWith('-') ? -Infinity : Infinity) : Number(c);
    if (bool) return c === 'True';
    return c;
  });
}

/**
 * Reads records from a CSV file and emits one record per step on the ports named by
 * `field_names`; closes after the last record.
 *
 * @example { type: plugboard.library.file_io.FileReader, args: { name: in, path: input.csv, field_names: [text] } }
 */
export class FileReader extends componentClass({
  type: `${MODULE}.FileReader`,
  description: 'Reads a CSV file and emits one row per step on the field_names ports.',
  args: ioArgs,
  portsFor: (args) => ({ inputs: [], outputs: (args.field_names as readonly string[] | undefined) ?? [] }),
}) {
  private records: Record<string, unknown>[] = [];
  private next = 0;

  constructor(args: ComponentArgs) {
    super(args);
    checkFormat(this.args.path, this.args.chunk_size, 'FileReader');
  }

  override init(): void {
    const text = this.files.read(this.args.path);
    if (text === undefined) throw new Error(`FileReader: file not found: '${this.args.path}'`);
    const parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
    const header = parsed.meta.fields ?? [];
    const missing = this.args.field_names.filter((f) => !header.includes(f));
    if (missing.length) throw new Error(`FileReader: columns not found in '${this.args.path}': ${missing.join(', ')}`);
    const rows = parsed.data as Record<string, string>[];
    const columns = Object.fromEntries(this.args.field_names.map((f) => [f, inferColumn(rows.map((r) => r[f] ?? ''))]));
    this.records = rows.map((_, i) => Object.fromEntries(this.args.field_names.map((f) => [f, columns[f]![i]])));
  }

  override step(): void {
    const record = this.records[this.next++];
    if (!record) {
      this.io.close();
      return;
    }
    Object.assign(this.out, record);
  }
}

/** One CSV cell the way pandas writes it: null → empty, True/False, Python float repr. */
export function formatCsvCell(value: unknown): string {
  return formatCell(value, formatPython);
}

/** How often FileWriter brings its in-memory file up to date during a run (Studio deviation). */
export const LIVE_FLUSH_MS = 50;
/** With `chunk_size`, the longest FileWriter keeps complete rows before saving them anyway. */
export const CHUNK_FLUSH_MS = 1000;

/** CSV text of rows of cell texts, as Python's csv module writes it (the one formatter, src/lib/csv.ts). */
export const toCsv = csvText;

/**
 * Collects one value per field per step into rows and writes them as CSV (header of field_names,
 * columns in that order). With `chunk_size` rows are appended in chunks during the run; the rest
 * is written when the run ends (also after a failure or cancel, so collected rows are kept).
 * Studio deviation: the file lives in memory, so without `chunk_size` rows are appended at least
 * every LIVE_FLUSH_MS while the run goes on — the editor shows them live and offers the file so far.
 *
 * @example { type: plugboard.library.file_io.FileWriter, args: { name: save, path: ray.csv, field_names: [timestamp] } }
 */
export class FileWriter extends componentClass({
  type: `${MODULE}.FileWriter`,
  description: 'Writes one CSV row per step from the field_names ports.',
  args: ioArgs,
  portsFor: (args) => ({ inputs: (args.field_names as readonly string[] | undefined) ?? [], outputs: [] }),
}) {
  private readonly queues: unknown[][];
  /** Completion time of each complete row not yet saved. */
  private readonly rowTimes: number[] = [];
  private headerWritten = false;
  private lastSave = 0;

  constructor(args: ComponentArgs) {
    super(args);
    checkFormat(this.args.path, this.args.chunk_size, 'FileWriter');
    if (Object.keys(this.initialValues).length > 0) throw new Error('FileWriter: initial_values cannot be used with a writer');
    this.queues = this.args.field_names.map(() => []);
  }

  override init(): void {
    this.files.truncate(this.args.path, this.name); // Python truncates at construction (Q11)
    this.lastSave = now();
  }

  /** DataWriter rule (spec §3.8 rule 5): buffer per field, step when a complete row exists. */
  override canStep(received: readonly string[]): boolean {
    const values = this.in as Record<string, unknown>;
    this.args.field_names.forEach((f, i) => {
      if (received.includes(f)) this.queues[i]!.push(values[f]);
    });
    const complete = this.completeRows();
    if (complete > this.rowTimes.length) {
      const t = now();
      while (this.rowTimes.length < complete) this.rowTimes.push(t);
    }
    return complete > 0;
  }

  override step(): void {
    const chunk = this.args.chunk_size;
    if (chunk !== null) {
      // Whole chunks as Plugboard writes them, and at least every CHUNK_FLUSH_MS so a killed run
      // keeps its rows (the CLI streams every save to disk).
      if ((this.queues[0]?.length ?? 0) >= chunk || now() - this.lastSave >= CHUNK_FLUSH_MS) this.save();
    } else if (now() - this.lastSave >= LIVE_FLUSH_MS) this.save();
  }

  override onRunEnd(): void {
    this.save();
  }

  private completeRows(): number {
    return this.queues.length === 0 ? 0 : Math.min(...this.queues.map((q) => q.length));
  }

  private save(): void {
    const n = this.completeRows();
    if (n === 0) return;
    const rows = Array.from({ length: n }, (_, i) => this.queues.map((q) => q[i]));
    for (const q of this.queues) q.splice(0, n);
    const times = this.rowTimes.splice(0, n);
    this.lastSave = now();
    const header = this.headerWritten ? [] : [[...this.args.field_names]];
    const text = toCsv([...header, ...rows.map((r) => r.map(formatCsvCell))]);
    this.files.append(this.args.path, this.name, text, { ...(this.headerWritten ? {} : { header: this.args.field_names }), rows, times });
    this.headerWritten = true;
  }
}
