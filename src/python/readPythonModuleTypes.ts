/**
 * Component types of a Python module read from its text WITHOUT running it (for `validate` and
 * `diagram`, which never run user code): `class X(Component):` (or a subclass of another class in
 * the file) with a literal `io = IO(inputs=[...], outputs=[...])` and the keyword parameters of
 * `__init__`. Anything not literal makes the type "open" (ports from the model's connectors), so
 * static reading never reports an error the real module would not.
 */
import type { ArgInfo, ArgKind, ComponentTypeInfo } from '../model/catalog.ts';
import type { ModuleSource } from '../protocol/run.ts';

/** Same shape as the TypeScript modules' static reader (src/cli/staticModules.ts). */
export interface StaticPythonType {
  readonly info: ComponentTypeInfo;
  readonly openPorts: boolean;
}

const KINDS: Readonly<Record<string, ArgKind>> = { int: 'integer', float: 'number', str: 'string', bool: 'boolean', dict: 'mapping' };
const COMMON = new Set(['self', 'name', 'initial_values', 'parameters', 'state', 'constraints', 'resources']);

function stringList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  const names = items.map((s) => /^["']([A-Za-z_]\w*)["']$/.exec(s)?.[1]);
  return names.every((n) => n !== undefined) ? (names as string[]) : undefined;
}

function listArg(call: string, key: string): string | undefined | null {
  const match = new RegExp(`\\b${key}\\s*=\\s*\\[([^\\]]*)\\]`).exec(call);
  if (match) return match[1]!;
  return new RegExp(`\\b${key}\\s*=`).test(call) ? null : undefined;
}

function pythonDefault(text: string): { ok: boolean; value?: unknown } {
  const t = text.trim();
  if (/^-?\d+(\.\d*)?([eE][-+]?\d+)?$/.test(t.replace(/_/g, ''))) return { ok: true, value: Number(t.replace(/_/g, '')) };
  if (t === 'True' || t === 'False') return { ok: true, value: t === 'True' };
  if (t === 'None') return { ok: true, value: null };
  const s = /^(["'])(.*)\1$/.exec(t);
  return s ? { ok: true, value: s[2] } : { ok: false };
}

function readArgs(body: string): ArgInfo[] {
  const init = /def __init__\s*\(([\s\S]*?)\)\s*(->[^:]*)?:/.exec(body);
  if (!init) return [];
  const params = init[1]!.split(/,(?![^[(]*[\])])/).map((p) => p.trim()).filter((p) => p && !p.startsWith('*') && p !== '/');
  const args: ArgInfo[] = [];
  for (const param of params) {
    const m = /^([A-Za-z_]\w*)\s*(?::\s*([^=]+?))?\s*(?:=\s*(.+))?$/.exec(param);
    if (!m || COMMON.has(m[1]!)) continue;
    const annotation = m[2]?.trim() ?? '';
    const kind: ArgKind = KINDS[annotation] ?? (/^list\[str\]$/.test(annotation) ? 'string-list' : /^list\[(int|float)\]$/.test(annotation) ? 'number-list' : 'any');
    const dflt = m[3] !== undefined ? pythonDefault(m[3]) : undefined;
    args.push({ name: m[1]!, kind, required: m[3] === undefined, ...(dflt?.ok ? { default: dflt.value } : {}) });
  }
  return args;
}

/**
 * @example readPythonModuleTypes({ file: 'hello_ray.py', source }) // [{ info: { type: 'hello_ray.Sleep', inputs: ['x'], ... }, openPorts: false }, ...]
 */
export function readPythonModuleTypes(module: ModuleSource): StaticPythonType[] {
  const stem = module.file.slice(module.file.lastIndexOf('/') + 1).replace(/\.py$/, '');
  const source = module.source.replace(/\r\n/g, '\n');
  const classes = [...source.matchAll(/^class\s+([A-Za-z_]\w*)\s*\(([^)]*)\)\s*:/gm)];
  const components = new Set<string>();
  const out: StaticPythonType[] = [];
  classes.forEach((match, index) => {
    const [name, bases] = [match[1]!, match[2]!.split(',').map((b) => b.trim())];
    if (!bases.some((b) => b === 'Component' || b.endsWith('.Component') || components.has(b))) return;
    components.add(name);
    const end = classes[index + 1]?.index ?? source.length;
    const body = source.slice(match.index! + match[0].length, end);
    const io = /^\s+io\s*=\s*(?:IO|IOController|[\w.]+\.IOController)\s*\(([\s\S]*?)\)\s*(#.*)?$/m.exec(body);
    const inputs = io ? listArg(io[1]!, 'inputs') : undefined;
    const outputs = io ? listArg(io[1]!, 'outputs') : undefined;
    const ins = inputs === undefined ? [] : stringList(inputs ?? undefined);
    const outs = outputs === undefined ? [] : stringList(outputs ?? undefined);
    const inherits = !bases.some((b) => b === 'Component' || b.endsWith('.Component'));
    const open = !io || ins === undefined || outs === undefined || inherits || /\binput_events\s*=|\boutput_events\s*=/.test(io[1]!);
    const doc = /^\s+(?:"""|''')([^\n]*?)(?:"""|'''|$)/.exec(body)?.[1]?.trim() ?? '';
    out.push({
      info: {
        type: `${stem}.${name}`,
        module: stem,
        className: name,
        description: doc,
        inputs: ins ?? [],
        outputs: outs ?? [],
        inputEvents: ['system.stop'],
        outputEvents: ['system.stop'],
        args: readArgs(body),
        runnable: true,
      },
      openPorts: open,
    });
  });
  return out;
}
