/**
 * Component types of user modules read from their source text, WITHOUT running it: `validate`,
 * `diagram` and the unconfined half of `run` use this, so a module's top-level code never runs
 * there. Reads `export class X extends componentClass({...})` and `export const X =
 * defineComponent({...})`: literal port lists/maps and `arg.kind(...)` builders. Whatever is not
 * literal (spreads, variables, `portsFor`, events, other base classes) makes the type "open": its
 * ports come from the model's connectors and its args are not checked, so static reading never
 * reports an error the real module would not.
 */
import type { ArgInfo, ArgKind, ComponentTypeInfo } from '../model/index.ts';
import type { ModuleSource } from '../protocol/run.ts';

const BUILDERS: Readonly<Record<string, ArgKind>> = {
  number: 'number',
  integer: 'integer',
  string: 'string',
  boolean: 'boolean',
  stringList: 'string-list',
  numberList: 'number-list',
  mapping: 'mapping',
  any: 'any',
};

/** A type read from source; `open` marks what could not be read literally. */
export interface StaticType {
  readonly info: ComponentTypeInfo;
  /** Ports not known statically: take them from the model's connectors. */
  readonly openPorts: boolean;
}

/** Index just past the bracket matching the one at `start` ('(' '[' '{'), skipping strings and comments. */
function matchBracket(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      for (i++; i < src.length && src[i] !== ch; i++) if (src[i] === '\\') i++;
    } else if (ch === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (ch === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 1;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Top-level `key: value` entries of an object literal's inner text; undefined if not plain. */
function entries(inner: string): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let i = 0;
  while (i < inner.length) {
    const rest = inner.slice(i);
    const ws = /^[\s,]*(?:\/\/[^\n]*\n[\s,]*|\/\*[\s\S]*?\*\/[\s,]*)*/.exec(rest)![0].length;
    i += ws;
    if (i >= inner.length) break;
    const key = /^(?:([A-Za-z_$][\w$]*)|'([^'\\]*)'|"([^"\\]*)")\s*:/.exec(inner.slice(i));
    if (!key) return undefined; // spread, method, computed key or shorthand
    i += key[0].length;
    let j = i;
    while (j < inner.length && inner[j] !== ',') {
      if ('([{'.includes(inner[j]!)) {
        const end = matchBracket(inner, j);
        if (end < 0) return undefined;
        j = end;
      } else if (inner[j] === '"' || inner[j] === "'" || inner[j] === '`') {
        const q = inner[j]!;
        for (j++; j < inner.length && inner[j] !== q; j++) if (inner[j] === '\\') j++;
        j++;
      } else j++;
    }
    out.set(key[1] ?? key[2] ?? key[3]!, inner.slice(i, j).trim());
    i = j + 1;
  }
  return out;
}

const inner = (text: string, open: string, close: string): string | undefined =>
  text.startsWith(open) && text.endsWith(close) && matchBracket(text, 0) === text.length ? text.slice(1, -1) : undefined;

/** Port names of a literal `['a', 'b']` or `{ a: port(), b: port<number>() }`. */
function readPorts(text: string | undefined): string[] | undefined {
  if (text === undefined) return [];
  const list = inner(text, '[', ']');
  if (list !== undefined) {
    const items = list.split(',').map((s) => s.trim()).filter(Boolean);
    const names = items.map((s) => /^(?:'([^'\\]*)'|"([^"\\]*)")$/.exec(s)).map((m) => (m ? (m[1] ?? m[2]) : undefined));
    return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
  }
  const map = inner(text, '{', '}');
  const e = map === undefined ? undefined : entries(map);
  return e ? [...e.keys()] : undefined;
}

function readArgs(text: string | undefined): ArgInfo[] | undefined {
  if (text === undefined) return [];
  const map = inner(text, '{', '}');
  const e = map === undefined ? undefined : entries(map);
  if (!e) return undefined;
  const args: ArgInfo[] = [];
  for (const [name, value] of e) {
    const m = /^arg\.(optional\.)?(\w+)\s*\(([\s\S]*)\)$/.exec(value);
    const kind = m ? BUILDERS[m[2]!] : undefined;
    if (!m || !kind) return undefined;
    args.push({ name, kind, required: !m[1] && !/\bdefault\s*:/.test(m[3]!) });
  }
  return args;
}

function readDeclaration(stem: string, className: string, literal: string | undefined): StaticType {
  const e = literal === undefined ? undefined : entries(literal);
  const inputs = readPorts(e?.get('inputs'));
  const outputs = readPorts(e?.get('outputs'));
  const args = readArgs(e?.get('args'));
  const hasEvents = !!(e?.has('inputEvents') || e?.has('outputEvents'));
  const openPorts = !e || !inputs || !outputs || e.has('portsFor') || hasEvents;
  const info: ComponentTypeInfo = {
    type: `${stem}.${className}`,
    module: stem,
    className,
    description: `${className} from ${stem}.ts (read without running it)`,
    inputs: inputs ?? [],
    outputs: outputs ?? [],
    inputEvents: [],
    outputEvents: [],
    // Unknown args: declare nothing and accept anything (checkArgs skips 'any'-kind catch-alls).
    args: args ?? [],
    runnable: true,
  };
  return { info: args ? info : { ...info, args: [] }, openPorts: openPorts || !args };
}

/**
 * Reads the component types a module exports, without running it.
 * @example readModuleTypes({ file: 'my_mod.ts', source }).map((t) => t.info.type) // ['my_mod.Counter']
 */
export function readModuleTypes(module: ModuleSource): StaticType[] {
  const stem = module.file.replace(/\.ts$/, '');
  const src = module.source;
  const types: StaticType[] = [];
  const seen = new Set<string>();
  const declared = /export\s+(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)\s+extends\s+(componentClass\s*(?:<[^(]*>)?\s*\()?|export\s+const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(defineComponent\s*(?:<[^(]*>)?\s*\()?/g;
  for (const m of src.matchAll(declared)) {
    const name = m[1] ?? m[3]!;
    const call = m[2] ?? m[4];
    if (m[3] !== undefined && !call) continue; // an exported constant that is not a component
    if (seen.has(name)) continue;
    seen.add(name);
    let literal: string | undefined;
    if (call) {
      const open = m.index + m[0].length;
      const brace = src.slice(open).search(/\S/) + open;
      if (src[brace] === '{') {
        const end = matchBracket(src, brace);
        if (end > 0) literal = src.slice(brace + 1, end - 1);
      }
    }
    types.push(readDeclaration(stem, name, literal));
  }
  return types;
}
