import type { ArgInfo, ArgKind } from '../model/catalog.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { InferredType } from './inferTypes.ts';
import { isModuleFile } from './moduleFile.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

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

const key = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

function argLine(a: ArgInfo, api: string): string {
  const builder = ARG_BUILDER[a.kind];
  if (a.required) return `${key(a.name)}: ${api}arg.${builder}()`;
  if (HAS_OPTIONAL.has(a.kind)) return `${key(a.name)}: ${api}arg.optional.${builder}()`;
  return `${key(a.name)}: ${api}arg.${builder}({ default: [] })`;
}

function portsLine(label: 'inputs' | 'outputs', ports: readonly string[], api: string): string {
  const entries = ports.map((p) => `${key(p)}: ${api}port()`).join(', ');
  return `  ${label}: { ${entries} },`;
}

/** Source of one stub class; `api` is '' with named imports or 'plugboard.' with a namespace import. */
export function stubClassSource(type: InferredType, api = ''): string {
  const lines = [
    `/** Stub for ${type.type} (used by ${type.components.join(', ')}): ports inferred from the model's connectors. */`,
    `export class ${type.className} extends ${api}componentClass({`,
    `  description: 'TODO: say what ${type.className} does, in one line',`,
    portsLine('inputs', type.inputs, api),
    portsLine('outputs', type.outputs, api),
  ];
  if (type.args.length > 0) lines.push(`  args: { ${type.args.map((a) => argLine(a, api)).join(', ')} },`);
  lines.push('}) {', '  override step(): void {');
  lines.push(type.inputs.length > 0 ? `    // Inputs: ${type.inputs.map((i) => `this.in.${i}`).join(', ')}` : '    // No inputs: this component is a source; call this.io.close() when it is done.');
  if (type.outputs.length === 0) lines.push('    // TODO: do something with the inputs.');
  for (const output of type.outputs) lines.push(`    this.out${IDENTIFIER.test(output) ? `.${output}` : `[${JSON.stringify(output)}]`} = null; // TODO`);
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
    } else if (!IDENTIFIER.test(type.className)) {
      skipped.push({ type: type.type, reason: `"${type.className}" is not a valid class name` });
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
