import type { ArgInfo, ArgKind } from '../model/catalog.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { InferredType } from './inferTypes.ts';
import { isModuleFile } from './moduleFile.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words that cannot name a class or follow `this.out.` safely in every position. */
const RESERVED: ReadonlySet<string> = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await'.split(' '),
);

const ARG_BUILDER: Record<ArgKind, string> = {
  number: 'number',
  integer: 'integer',
  string: 'string',
  boolean: 'boolean',
  'string-list': 'stringList',
  'number-list': 'numberList',
  mapping: 'mapping',
  any: 'any',
};
const HAS_OPTIONAL: ReadonlySet<ArgKind> = new Set(['number', 'integer', 'string', 'boolean', 'string-list', 'mapping', 'any']);

// Generated code holds user text only as validated identifiers or as JSON string literals
// (`JSON.stringify` escapes quotes, backslashes and line breaks), never in comments: a YAML is
// untrusted input, and text copied into a comment can end the comment and become code.
const literal = (text: string): string => JSON.stringify(text);

function argLine(a: ArgInfo, api: string): string {
  const builder = ARG_BUILDER[a.kind];
  const name = literal(a.name);
  if (a.required) return `${name}: ${api}arg.${builder}()`;
  if (HAS_OPTIONAL.has(a.kind)) return `${name}: ${api}arg.optional.${builder}()`;
  return `${name}: ${api}arg.${builder}({ default: [] })`;
}

function portsLine(label: 'inputs' | 'outputs', ports: readonly string[], api: string): string {
  const entries = ports.map((p) => `${p}: ${api}port()`).join(', ');
  return `  ${label}: { ${entries} },`;
}

/** Why a type cannot get a stub (its ports or class are not identifiers), or undefined. */
export function stubProblem(type: InferredType): string | undefined {
  if (!IDENTIFIER.test(type.className) || RESERVED.has(type.className)) return `"${type.className}" is not a valid class name`;
  const bad = [...type.inputs, ...type.outputs].filter((p) => !IDENTIFIER.test(p) || RESERVED.has(p));
  if (bad.length > 0) return `port ${bad.map((p) => literal(p)).join(', ')} is not an identifier (letters, digits and _); rename it in the YAML`;
  return undefined;
}

/**
 * Source of one stub class; `api` is '' with named imports or 'plugboard.' with a namespace import.
 * Class and port names must pass `stubProblem` first; every other user text becomes a string literal.
 */
export function stubClassSource(type: InferredType, api = ''): string {
  const problem = stubProblem(type);
  if (problem) throw new Error(`stubClassSource: ${problem}`);
  const lines = [
    '/** Stub with ports inferred from the model\'s connectors: fill in step(). */',
    `export class ${type.className} extends ${api}componentClass({`,
    `  description: ${literal(`TODO: say what ${type.type} does (used by ${type.components.join(', ')})`)},`,
    portsLine('inputs', type.inputs, api),
    portsLine('outputs', type.outputs, api),
  ];
  if (type.args.length > 0) lines.push(`  args: { ${type.args.map((a) => argLine(a, api)).join(', ')} },`);
  lines.push('}) {', '  override step(): void {');
  lines.push(type.inputs.length > 0 ? `    // Inputs: ${type.inputs.map((i) => `this.in.${i}`).join(', ')}` : '    // No inputs: this component is a source; call this.io.close() when it is done.');
  if (type.outputs.length === 0) lines.push('    // TODO: do something with the inputs.');
  for (const output of type.outputs) lines.push(`    this.out.${output} = null; // TODO`);
  lines.push('  }', '}');
  return lines.join('\n');
}

export interface StubPlan {
  /** New or extended modules to save (`setModule(file, source)` each). */
  readonly modules: readonly ModuleSource[];
  /** Types no module can define (their module part is not a single Python-style name), with why. */
  readonly skipped: readonly { readonly type: string; readonly reason: string }[];
}

/**
 * Stub modules for unresolved types, one per module name: `production_line.Controller` goes to
 * `production_line.ts`. When that module exists, the stubs are appended to it (with a namespace
 * import, so its own imports are untouched); classes it already exports are not added again.
 * @example
 * const plan = createStubModules(inferUnresolvedTypes(config, catalog), store.modules);
 * for (const m of plan.modules) store.setModule(m.file, m.source);
 */
export function createStubModules(types: readonly InferredType[], existing: readonly ModuleSource[]): StubPlan {
  const skipped: { type: string; reason: string }[] = [];
  const byFile = new Map<string, InferredType[]>();
  for (const type of types) {
    const file = `${type.module}.ts`;
    if (!isModuleFile(file)) {
      skipped.push({ type: type.type, reason: `"${type.module}" is not a single module name; modules define types such as my_module.${type.className}` });
    } else if (stubProblem(type)) {
      skipped.push({ type: type.type, reason: stubProblem(type)! });
    } else {
      byFile.set(file, [...(byFile.get(file) ?? []), type]);
    }
  }
  const modules: ModuleSource[] = [];
  for (const [file, fileTypes] of byFile) {
    const current = existing.find((m) => m.file === file);
    if (!current) {
      const header = "import { componentClass, port, arg } from 'plugboard';\n";
      modules.push({ file, source: `${header}\n${fileTypes.map((t) => stubClassSource(t)).join('\n\n')}\n` });
      continue;
    }
    const missing = fileTypes.filter((t) => !new RegExp(`export\\s+(class|const|function)\\s+${t.className}\\b`).test(current.source));
    if (missing.length === 0) continue;
    const importLine = /import\s+\*\s+as\s+plugboard\s+from\s+['"]plugboard['"]/.test(current.source) ? '' : "import * as plugboard from 'plugboard';\n\n";
    const stubs = missing.map((t) => stubClassSource(t, 'plugboard.')).join('\n\n');
    modules.push({ file, source: `${current.source.replace(/\s*$/, '\n')}\n${importLine}${stubs}\n` });
  }
  return { modules, skipped };
}
