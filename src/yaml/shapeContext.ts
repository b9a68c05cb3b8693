import type { Diagnostic, Severity } from '../model/spec.ts';
import type { RangeIndex } from '../model/ranges.ts';
import { makeDiagnostic, type DiagnosticExtra } from '../model/diagnostics.ts';

export type Obj = Record<string, unknown>;

/** Plain mapping (not null, not an array, not a Date). */
export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

/** Describes a value's YAML kind for messages. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isObj(v)) return 'a mapping';
  return `${typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'a scalar'} (${JSON.stringify(v)})`;
}

/** Collects diagnostics while shape-checking; `fatal` records errors that prevent a usable model. */
export class ShapeContext {
  readonly diagnostics: Diagnostic[] = [];
  fatal = false;
  /** Positions of a referenced process file (spec §2.8), when `process:` was a file name. */
  refRanges: RangeIndex | undefined;
  constructor(
    readonly ranges: RangeIndex,
    readonly file?: string,
  ) {}

  report(code: string, severity: Severity, message: string, path: string, extra: DiagnosticExtra = {}, fatal = severity === 'error'): void {
    this.diagnostics.push(makeDiagnostic(code, severity, message, path, this.ranges, { ...(this.file !== undefined ? { file: this.file } : {}), ...extra }));
    if (fatal) this.fatal = true;
  }

  /** Reports keys not in `allowed` (pydantic `extra="forbid"`), pointing at each key. */
  forbidExtras(obj: Obj, allowed: readonly string[], path: string, where: string, extra: DiagnosticExtra = {}): void {
    for (const k of Object.keys(obj)) {
      if (allowed.includes(k)) continue;
      this.report('unknown-key', 'error', `Unknown key '${k}' in ${where}; allowed keys: ${allowed.join(', ')}. Remove or rename it.`, join(path, k), { ...extra, at: 'key' }, false);
    }
  }

  /** A mapping at `path`, or undefined after reporting 'invalid-type'. */
  mapping(v: unknown, path: string, what: string, extra: DiagnosticExtra = {}): Obj | undefined {
    if (isObj(v)) return v;
    this.report('invalid-type', 'error', `${what} must be a mapping, got ${kindOf(v)}. Write it as 'key: value' lines.`, path, extra);
    return undefined;
  }

  /** A string at `path`, or undefined after reporting 'invalid-type'. */
  string(v: unknown, path: string, what: string, extra: DiagnosticExtra = {}): string | undefined {
    if (typeof v === 'string') return v;
    this.report('invalid-type', 'error', `${what} must be a string, got ${kindOf(v)}. Quote it if needed.`, path, extra);
    return undefined;
  }

  missing(key: string, path: string, what: string, extra: DiagnosticExtra = {}): void {
    this.report('missing-required', 'error', `${what} requires '${key}'. Add '${key}:' here.`, path, { ...extra, at: 'key' });
  }
}

/** Joins a dotted path. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
