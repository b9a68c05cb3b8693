import type { RunState } from '../store/runSlice.ts';
import { baseName } from '../store/names.ts';

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'boolean' ? (v ? 'True' : 'False') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The file's content for download: what the component has written so far; while a CSV writer has
 * received rows it has not flushed yet, those rows are included (header + rows), so a download in the
 * middle of a run holds everything seen so far.
 */
export function fileContent(run: RunState, path: string): string {
  const f = run.buffers.files.get(path);
  if (!f) return '';
  const written = f.chunks.join('');
  if (run.phase !== 'running' || !f.header) return written;
  const writtenRows = written === '' ? 0 : written.split('\n').filter((l) => l !== '').length - 1;
  if (writtenRows >= f.rows) return written;
  const lines = [f.header.map(csvCell).join(',')];
  for (const row of run.buffers.output) if (row.path === path) lines.push(row.values.map(csvCell).join(','));
  return lines.join('\n') + '\n';
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
