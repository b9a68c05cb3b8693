import type { Diagnostic, Severity } from './spec.ts';
import { rangeAt, type RangeIndex } from './ranges.ts';

/** Optional parts of a diagnostic. */
export interface DiagnosticExtra {
  readonly component?: string;
  readonly field?: string;
  readonly file?: string;
  /** Point at the key rather than the value (unknown keys, duplicate keys). */
  readonly at?: 'value' | 'key';
}

/**
 * Builds a diagnostic, attaching the range of `path` (or its nearest ancestor) when `ranges` is given.
 * @example makeDiagnostic('unknown-port', 'error', 'Fix it', 'plugboard.process.args.connectors[0].target', ranges)
 */
export function makeDiagnostic(
  code: string,
  severity: Severity,
  message: string,
  path: string,
  ranges?: RangeIndex,
  extra: DiagnosticExtra = {},
): Diagnostic {
  const range = rangeAt(ranges, path, extra.at ?? 'value');
  return {
    code,
    severity,
    message,
    path,
    ...(range ? { range } : {}),
    ...(extra.component !== undefined ? { component: extra.component } : {}),
    ...(extra.field !== undefined ? { field: extra.field } : {}),
    ...(extra.file !== undefined ? { file: extra.file } : {}),
  };
}

/**
 * True when any diagnostic is an error.
 * @example if (hasErrors(result.diagnostics)) showMarkers(result.diagnostics)
 */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * `FILE:LINE:COL: message` as the CLI prints it; warnings and infos say so after the position.
 * Without a range the position is 1:1.
 * @example formatDiagnostic(d, 'model.yaml') // "model.yaml:3:5: Unknown key 'x' in ..."
 */
export function formatDiagnostic(d: Diagnostic, file?: string): string {
  const where = d.range ? `${d.range.start.line}:${d.range.start.column}` : '1:1';
  const level = d.severity === 'error' ? '' : `${d.severity}: `;
  return `${d.file ?? file ?? '<input>'}:${where}: ${level}${d.message}`;
}
