import { isLive, type RunState } from '../store/runSlice.ts';
import { baseName } from '../store/names.ts';
import { formatCsv } from '../../src/lib/csv.ts';
import { formatPython } from '../../src/runtime/python.ts';

/**
 * The file's content for download: what the component has written so far; while a CSV writer has
 * received rows it has not flushed yet, those rows are included (header + rows), so a download in the
 * middle of a run holds everything seen so far.
 */
export function fileContent(run: RunState, path: string): string {
  const f = run.buffers.files.get(path);
  if (!f) return '';
  const written = f.chunks.join('');
  if (!isLive(run.phase) || !f.header) return written;
  const writtenRows = written === '' ? 0 : written.split('\n').filter((l) => l !== '').length - 1;
  if (writtenRows >= f.rows) return written;
  const rows = run.buffers.output.filter((row) => row.path === path).map((row) => row.values);
  return formatCsv(f.header, rows, formatPython); // the formatter FileWriter uses
}

/** Starts a browser download of `text` named after the file's path. */
export function downloadText(path: string, text: string): void {
  const mime = path.endsWith('.csv') ? 'text/csv' : path.endsWith('.yaml') || path.endsWith('.yml') ? 'application/yaml' : 'text/plain';
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = baseName(path);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
