/**
 * The one CSV formatter: FileWriter's files, the app's downloads (also mid-run) and the Output
 * panel's values all go through it, so a file downloaded during a run matches the final file.
 * Text via Papa.unparse (minimal quoting, `\n` line ends, a final newline); cells as pandas writes
 * them (spec §7.3, Q22): `null`/`undefined`/NaN empty, everything else as Python's `str()`, which the
 * caller passes in (`formatPython` from `src/runtime/python.ts`; `lib` imports nothing above it).
 */
import Papa from 'papaparse/papaparse.js';

/** Python's `str(value)` for a non-null value. */
export type FormatValue = (value: unknown) => string;

/**
 * One cell's text before quoting.
 * @example formatCsvCell(null, formatPython) // ''; formatCsvCell(true, formatPython) // 'True'
 */
export function formatCsvCell(value: unknown, formatValue: FormatValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isNaN(value)) return '';
  return formatValue(value);
}

/**
 * CSV text of rows, with a header row first when `header` is given; '' for no header and no rows.
 * @example formatCsv(['x', 'y'], [[1, null]], formatPython) // 'x,y\n1,\n'
 */
export function formatCsv(header: readonly string[] | null, rows: readonly (readonly unknown[])[], formatValue: FormatValue): string {
  const table: string[][] = header ? [[...header]] : [];
  for (const row of rows) table.push(row.map((v) => formatCsvCell(v, formatValue)));
  return csvText(table);
}

/**
 * CSV text of rows of cell texts (each line ends in '\n'), as Python's csv module writes it: a row
 * made of one empty field is `""` (an empty line would read back as no row at all); '' for no rows.
 * @example csvText([['x'], ['']]) // 'x\n""\n'
 */
export function csvText(table: readonly (readonly string[])[]): string {
  if (table.length === 0) return '';
  if (!table.some((r) => r.length === 1 && r[0] === '')) return Papa.unparse(table as string[][], { newline: '\n' }) + '\n';
  return table.map((r) => (r.length === 1 && r[0] === '' ? '""' : Papa.unparse([r as string[]], { newline: '\n' }))).join('\n') + '\n';
}
