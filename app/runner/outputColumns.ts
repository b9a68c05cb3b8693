import { createOutputColumns, type FileColumns, type OutputColumns } from '../../src/inspect/outputColumns.ts';
import type { RunState } from '../store/runSlice.ts';
import type { ChartSeries } from '../charts/Chart.tsx';

// One column extractor per run's buffers (a new run has new buffers); reads only rows added since.
const cache = new WeakMap<object, OutputColumns>();

/** The numeric columns of a run's output rows so far, per file. */
export function outputColumnsOf(run: RunState): ReadonlyMap<string, FileColumns> {
  let cols = cache.get(run.buffers);
  if (!cols) {
    cols = createOutputColumns(run.startedAt ?? 0);
    cache.set(run.buffers, cols);
  }
  cols.update(run.buffers.output, (path) => run.buffers.files.get(path)?.header ?? null);
  return cols.files;
}

export type XAxis = 'time' | 'row';

/** Columns with at least one numeric value. */
export function numericColumns(file: FileColumns): { name: string; index: number }[] {
  return file.names.map((name, index) => ({ name, index })).filter(({ index }) => (file.numericCounts[index] ?? 0) > 0);
}

/** Chart series for a file's numeric columns against time or row number. */
export function seriesOf(file: FileColumns, x: XAxis, labelPrefix = '', only?: string): ChartSeries[] {
  const xs = x === 'time' ? file.time : file.row;
  return numericColumns(file)
    .filter((c) => only === undefined || c.name === only)
    .map(({ name, index }) => ({ label: `${labelPrefix}${name}`, x: xs.data, y: file.columns[index]!.data, length: file.row.length, appendOnly: true }));
}
