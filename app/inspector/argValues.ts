/** Text <-> value for the inspector's arg fields, with a message when the text is not valid. */
import { parse as parseYaml } from 'yaml';
import type { ArgKind } from '../../src/index.ts';

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

export function formatArg(kind: ArgKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'string-list':
    case 'number-list':
      return Array.isArray(value) ? value.join(', ') : JSON.stringify(value);
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'number':
    case 'integer':
      return String(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

export function parseArg(kind: ArgKind, text: string, required: boolean): Parsed {
  const trimmed = text.trim();
  if (trimmed === '' && kind !== 'string') {
    return required ? { ok: false, message: 'Required' } : { ok: true, value: undefined };
  }
  switch (kind) {
    case 'number': {
      const n = Number(trimmed);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'Enter a number' };
    }
    case 'integer': {
      const n = Number(trimmed);
      return Number.isInteger(n) ? { ok: true, value: n } : { ok: false, message: 'Enter a whole number' };
    }
    case 'string':
      return required && trimmed === '' ? { ok: false, message: 'Required' } : { ok: true, value: text };
    case 'boolean':
      return trimmed === 'true' || trimmed === 'false' ? { ok: true, value: trimmed === 'true' } : { ok: false, message: 'true or false' };
    case 'string-list':
      return { ok: true, value: splitList(trimmed) };
    case 'number-list': {
      const items = splitList(trimmed).map(Number);
      return items.every(Number.isFinite) ? { ok: true, value: items } : { ok: false, message: 'Enter numbers separated by commas' };
    }
    case 'mapping':
    case 'any':
      return parseFlow(trimmed, kind === 'mapping');
  }
}

function splitList(text: string): string[] {
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner
    .split(',')
    .map((s) => s.trim().replace(/^["']|["']$/g, ''))
    .filter((s) => s !== '');
}

export function parseFlow(text: string, mustBeMapping = false): Parsed {
  try {
    const value: unknown = parseYaml(text);
    if (mustBeMapping && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      return { ok: false, message: 'Enter a mapping, e.g. {key: 1}' };
    }
    return { ok: true, value };
  } catch (e) {
    return { ok: false, message: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'Invalid value' };
  }
}

/** `initial_values` entry for one input: a list such as `[0]`. */
export function parseInitialValues(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const r = parseFlow(trimmed);
  if (!r.ok) return r;
  return Array.isArray(r.value) ? r : { ok: false, message: 'Initial values are a list, e.g. [0]' };
}
