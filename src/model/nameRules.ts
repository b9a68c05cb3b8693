import type { TypeCatalog } from './catalog.ts';
import { makeDiagnostic } from './diagnostics.ts';
import type { RangeIndex } from './ranges.ts';
import type { ConfigSpec, Diagnostic } from './spec.ts';

const COMPONENTS = 'plugboard.process.args.components';
const CONNECTORS = 'plugboard.process.args.connectors';

/**
 * Characters that change how text around them is displayed without being visible themselves:
 * bidirectional controls (U+202A–U+202E, U+2066–U+2069, marks U+200E/U+200F/U+061C), zero-width
 * characters (U+200B–U+200D, U+2060, U+FEFF), other format characters (\p{Cf}) and C0/C1 controls.
 * A name holding one can make a label read differently from what it is ("unresolved" shown reversed).
 */
export const INVISIBLE_CHARS = /[\p{Cf}\p{Cc}\u2028\u2029]/u;

/** A port name Plugboard can declare: a Python identifier (letters, digits, `_`, not starting with a digit). */
const PORT_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * Each invisible or direction-changing character of `text` as `\u{…}`, the rest unchanged, so a label
 * shows what the name really is.
 * @example escapeInvisible('a\u202Eb') // 'a\\u{202E}b'
 */
export function escapeInvisible(text: string): string {
  let out = '';
  for (const ch of text) out += INVISIBLE_CHARS.test(ch) ? `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}` : ch;
  return out;
}

/**
 * Name rules: component names and types must not hold invisible or direction-changing characters
 * (`invisible-characters`), and ports of types no catalog defines (whose ports are inferred, and
 * may become a generated stub) must be identifiers (`invalid-port-name`). Known types already
 * report unknown ports.
 * @example checkNames(config, catalog, ranges).map((d) => d.code) // ['invisible-characters']
 */
export function checkNames(config: ConfigSpec, catalog: TypeCatalog | undefined, ranges?: RangeIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unresolved = new Set<string>();
  config.process.components.forEach((c, i) => {
    const path = `${COMPONENTS}[${i}]`;
    if (INVISIBLE_CHARS.test(c.type)) {
      out.push(makeDiagnostic('invisible-characters', 'error', `Component type '${escapeInvisible(c.type)}' holds invisible or direction-changing characters (shown escaped). Write the type with visible characters only.`, `${path}.type`, ranges, { component: c.name }));
    }
    if (INVISIBLE_CHARS.test(c.name)) {
      out.push(
        makeDiagnostic('invisible-characters', 'error', `Component name '${escapeInvisible(c.name)}' holds invisible or direction-changing characters (shown escaped); labels would not show the real name. Rename it using visible characters only.`, `${path}.args.name`, ranges, { component: c.name, field: 'name' }),
      );
    }
    if (catalog && catalog.lookup(c.type)) return;
    unresolved.add(c.name);
    for (const key of Object.keys(c.initialValues)) {
      if (!PORT_NAME.test(key)) out.push(portDiagnostic(key, `${path}.args.initial_values.${key}`, c.name, ranges, 'key'));
    }
  });
  config.process.connectors.forEach((conn, i) => {
    if (conn.mode !== 'pipeline') return;
    for (const side of ['source', 'target'] as const) {
      const ref = conn[side];
      if (unresolved.has(ref.entity) && !PORT_NAME.test(ref.descriptor)) out.push(portDiagnostic(ref.descriptor, `${CONNECTORS}[${i}].${side}`, ref.entity, ranges, 'value'));
    }
  });
  return out;
}

function portDiagnostic(name: string, path: string, component: string, ranges: RangeIndex | undefined, at: 'key' | 'value'): Diagnostic {
  return makeDiagnostic('invalid-port-name', 'error', `Port name '${escapeInvisible(name)}' of '${escapeInvisible(component)}' is not an identifier: use letters, digits and _ (not starting with a digit), as Plugboard fields are.`, path, ranges, {
    component,
    field: name,
    at,
  });
}
