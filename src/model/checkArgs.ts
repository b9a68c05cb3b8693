import type { ArgInfo, ArgKind, ComponentTypeInfo } from './catalog.ts';
import { makeDiagnostic } from './diagnostics.ts';
import type { RangeIndex } from './ranges.ts';
import type { ComponentSpec, Diagnostic } from './spec.ts';

/** Args every component accepts (spec §3.2); checked by the parser, not against ArgInfo. */
export const COMMON_ARGS: readonly string[] = ['name', 'initial_values', 'parameters', 'constraints', 'resources'];

/**
 * Whether a value fits an arg kind (null is accepted for optional args).
 * @example isArgKind(3, 'integer') // true
 */
export function isArgKind(v: unknown, kind: ArgKind): boolean {
  switch (kind) {
    case 'any':
      return true;
    case 'number':
      return typeof v === 'number';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'string-list':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'number-list':
      return Array.isArray(v) && v.every((x) => typeof x === 'number');
    case 'mapping':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
  }
}

const KIND_TEXT: Record<ArgKind, string> = {
  any: 'any value',
  number: 'a number',
  integer: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  'string-list': 'a list of strings',
  'number-list': 'a list of numbers',
  mapping: 'a mapping',
};

/**
 * Checks a component's args against its type's ArgInfo: missing required args are errors (the
 * constructor would fail), wrong kinds and unknown args are warnings (Python may still coerce).
 * @example checkArgs(component, info, 'plugboard.process.args.components[0]')
 */
export function checkArgs(c: ComponentSpec, info: ComponentTypeInfo, path: string, ranges?: RangeIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const declared = new Map<string, ArgInfo>(info.args.map((a) => [a.name, a]));
  for (const arg of info.args) {
    if (COMMON_ARGS.includes(arg.name)) continue;
    const v = c.args[arg.name];
    if (v === undefined) {
      if (arg.required) out.push(makeDiagnostic('missing-arg', 'error', `${info.className} '${c.name}' needs '${arg.name}' (${KIND_TEXT[arg.kind]}). Add '${arg.name}:' under args.`, `${path}.args`, ranges, { component: c.name, field: arg.name, at: 'key' }));
      continue;
    }
    if (v === null && !arg.required) continue;
    if (!isArgKind(v, arg.kind)) {
      out.push(makeDiagnostic('arg-type', 'warning', `'${arg.name}' of ${info.className} should be ${KIND_TEXT[arg.kind]}, got ${describeValue(v)}.`, `${path}.args.${arg.name}`, ranges, { component: c.name, field: arg.name }));
    }
  }
  for (const key of Object.keys(c.args)) {
    if (COMMON_ARGS.includes(key) || declared.has(key)) continue;
    out.push(makeDiagnostic('unknown-arg', 'warning', `${info.className} has no argument '${key}'; Plugboard would fail to construct it. Known: ${info.args.map((a) => a.name).join(', ') || 'none'}.`, `${path}.args.${key}`, ranges, { component: c.name, field: key, at: 'key' }));
  }
  return out;
}

/**
 * A value as YAML shows it, for messages: `.nan`/`.inf` rather than JSON's `null` (a number too
 * large for a double, like `1e400`, reads as `.inf`), shortened past 80 characters.
 * @example describeValue(NaN) // '.nan'
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf (too large for a number)' : '-.inf (too large for a number)';
  let text: string;
  try {
    text = JSON.stringify(v, (_, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? (Number.isNaN(x) ? '.nan' : x > 0 ? '.inf' : '-.inf') : x)) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
