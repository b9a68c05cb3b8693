import type { ConfigSpec, ModuleSource } from '../../src/index.ts';
import { moduleStem } from '../../src/modules/moduleFile.ts';

const LOCAL_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]\.\/([A-Za-z_][A-Za-z0-9_]*)(?:\.ts)?['"]/g;

/**
 * The modules a run of `config` loads: those whose stem is the module part of a component type
 * (`my_module.Double` → `my_module.ts`), plus the modules they import (`'./shared'`). Others are
 * not evaluated at all, so a module the model does not use runs no code.
 * @example modulesForRun(config, store.modules).map((m) => m.file) // ['my_module.ts']
 */
export function modulesForRun(config: ConfigSpec, modules: readonly ModuleSource[]): ModuleSource[] {
  const byStem = new Map(modules.map((m) => [moduleStem(m.file), m]));
  const wanted = new Set<string>();
  const visit = (stem: string) => {
    const m = byStem.get(stem);
    if (!m || wanted.has(stem)) return;
    wanted.add(stem);
    for (const match of m.source.matchAll(LOCAL_IMPORT)) visit(match[1]!);
  };
  for (const c of config.process.components) {
    const dot = c.type.lastIndexOf('.');
    if (dot > 0) visit(c.type.slice(0, dot));
  }
  return modules.filter((m) => wanted.has(moduleStem(m.file)));
}
