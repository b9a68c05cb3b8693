/**
 * A Python module for one user module file: a Plugboard `Component` class per exported component
 * (same type path `<module>.<Class>`, `io` inputs/outputs, args with defaults, docstring), with the
 * TypeScript step kept as a comment for the user to port (the step raises NotImplementedError).
 */
import type { ArgInfo, ComponentTypeInfo } from '../model/catalog.ts';

/** A value as a Python literal (`True`, `None`, `'text'`, `[1, 2]`, `{'a': 1}`). */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'float("inf")' : Number.isNaN(value) ? 'float("nan")' : '-float("inf")';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonLiteral(k)}: ${pythonLiteral(v)}`).join(', ')}}`;
  return pythonLiteral(String(value));
}

const PY_TYPES: Record<ArgInfo['kind'], string> = {
  number: 'float',
  integer: 'int',
  string: 'str',
  boolean: 'bool',
  'string-list': 'list[str]',
  'number-list': 'list[float]',
  mapping: 'dict[str, _t.Any]',
  any: '_t.Any',
};

const PY_KEYWORDS = new Set('False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '));
const pyName = (name: string): string => (PY_KEYWORDS.has(name) ? `${name}_` : name.replace(/[^A-Za-z0-9_]/g, '_'));

/** Index just past the bracket that closes the one at `open` (strings and comments skipped). */
function closeOf(source: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '/' && source[i + 1] === '/') i = source.indexOf('\n', i) < 0 ? source.length : source.indexOf('\n', i);
    else if (ch === '/' && source[i + 1] === '*') i = source.indexOf('*/', i + 2) < 0 ? source.length : source.indexOf('*/', i + 2) + 1;
    else if (ch === '"' || ch === "'" || ch === '`') {
      for (i++; i < source.length && source[i] !== ch; i++) if (source[i] === '\\') i++;
    } else if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
  }
  return source.length;
}

/** End of the step starting at `at`: `step(...) { ... }` or `step: (...) => expr | { ... }`. */
function stepEnd(source: string, at: number): number {
  const paren = source.indexOf('(', at);
  if (paren < 0) return source.length;
  let i = closeOf(source, paren);
  const rest = /^\s*(?::\s*[^={]*)?\s*(=>)?\s*/.exec(source.slice(i))!;
  i += rest[0].length;
  if (source[i] === '{' || source[i] === '(' || source[i] === '[') return closeOf(source, i);
  // An expression body: up to the end of the line.
  const nl = source.indexOf('\n', i);
  return nl < 0 ? source.length : nl;
}

/**
 * The TypeScript of a component's step: the `step(…) { … }` method of `class Name`, or the `step:`
 * function of `const Name = defineComponent({...})`; falls back to the whole declaration.
 */
export function stepSource(source: string, className: string): string | null {
  const decl = new RegExp(`(?:class|const|let|function)\\s+${className}\\b`).exec(source);
  if (!decl) return null;
  // The declaration's extent: a class's body follows its `componentClass({...})` heading.
  let scopeEnd = source.length;
  const next = /\n(?:export\s+)?(?:class|const|let|function)\s+\w+/g;
  next.lastIndex = decl.index + decl[0].length;
  const following = next.exec(source);
  if (following) scopeEnd = following.index;
  const scope = source.slice(decl.index, scopeEnd);
  const step = /(?:override\s+)?(?:async\s+)?step\s*(?::\s*(?:async\s*)?)?\(/.exec(scope);
  if (!step) return scope.trim();
  const end = stepEnd(scope, step.index);
  const lineStart = scope.lastIndexOf('\n', step.index) + 1;
  const indent = /^\s*/.exec(scope.slice(lineStart))![0];
  return scope
    .slice(lineStart, end)
    .split('\n')
    .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
    .join('\n');
}

function classFor(info: ComponentTypeInfo, source: string): string[] {
  const args = info.args;
  const ordered = [...args.filter((a) => a.default === undefined), ...args.filter((a) => a.default !== undefined)];
  const params = ordered.map((a) => `${pyName(a.name)}: ${PY_TYPES[a.kind]}${a.default === undefined ? '' : ` = ${pythonLiteral(a.default)}`}`);
  // Plugboard handles its own system events (StopEvent); user events need their Python classes.
  const inEvents = info.inputEvents.filter((e) => !e.startsWith('system'));
  const outEvents = info.outputEvents.filter((e) => !e.startsWith('system'));
  const io = [...(info.inputs.length ? [`inputs=${pythonLiteral([...info.inputs])}`] : []), ...(info.outputs.length ? [`outputs=${pythonLiteral([...info.outputs])}`] : [])];
  const eventTodo = inEvents.length || outEvents.length ? [`    # TODO: declare events as Python Event classes: input ${JSON.stringify(inEvents)}, output ${JSON.stringify(outEvents)}`] : [];
  const step = stepSource(source, info.className);
  const doc = (info.description || info.className).replace(/"""/g, '\\"\\"\\"');
  const lines = [
    `class ${info.className}(Component):`,
    `    """${doc}`,
    '',
    `    Exported from Plugboard Studio (${info.type}); the step below is a stub: port it from the`,
    '    TypeScript kept in the comment.',
    ...(args.length ? ['', '    Args:', ...args.map((a) => `        ${a.name}: ${a.description ?? a.kind}`)] : []),
    '    """',
    '',
    ...eventTodo,
    `    io = IO(${io.join(', ')})`,
    '',
    `    def __init__(self${params.map((p) => `, ${p}`).join('')}, **kwargs: _t.Unpack[ComponentArgsDict]) -> None:`,
    '        super().__init__(**kwargs)',
    ...args.map((a) => `        self.${pyName(a.name)} = ${pyName(a.name)}`),
    '',
    '    async def step(self) -> None:',
    '        # TypeScript step (Plugboard Studio), to port:',
    ...(step ?? '(source not found)').split('\n').map((l) => `        #   ${l}`.trimEnd()),
    `        raise NotImplementedError("Port ${info.className}.step from the TypeScript above")`,
  ];
  return lines;
}

/**
 * @example pythonModule('my_mod', source, [counterInfo]) // 'import typing as _t\n...class Counter(Component):...'
 */
export function pythonModule(moduleName: string, tsFile: string, source: string, types: readonly ComponentTypeInfo[]): string {
  const header = [
    `"""${moduleName}: components exported from Plugboard Studio (${tsFile}).`,
    '',
    "Each class keeps the type path the YAML names (`" + moduleName + ".<Class>`), its inputs, outputs and args;",
    'the steps were written in TypeScript and are kept as comments to port.',
    '"""',
    '',
    'import typing as _t',
    '',
    'from plugboard.component import Component',
    'from plugboard.component import IOController as IO',
    'from plugboard.schemas import ComponentArgsDict',
    '',
  ];
  const classes = types.flatMap((t) => ['', ...classFor(t, source), '']);
  return [...header, ...classes].join('\n').replace(/\n{3,}/g, '\n\n\n').trimEnd() + '\n';
}
