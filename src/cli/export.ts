/**
 * `npm run plugboard -- process export FILE --out DIR [--zip] [--modules DIR]`: writes what Python
 * Plugboard needs to run (and tune) the model — the YAML, a Python module per user-module file
 * (steps kept as TypeScript comments to port), a README with the commands — into DIR, or with
 * `--zip` as DIR/<model>.zip. Problems: `FILE:LINE:COL: message`, exit 1.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportForPlugboard, zipExport } from '../export/index.ts';
import { createRegistry } from '../library/index.ts';
import { registerModulesForYaml } from '../modules/loadModulesFromDir.node.ts';
import { parseConfig } from '../yaml/index.ts';

export const EXPORT_USAGE = 'usage: plugboard process export FILE --out DIR [--zip] [--modules DIR]';

/** Runs `process export`; `argv` is what follows `process export`. Resolves to the exit code. */
export async function exportMain(argv: readonly string[]): Promise<number> {
  let values: { out?: string; zip?: boolean; modules?: string };
  let file: string;
  try {
    const parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { out: { type: 'string' }, zip: { type: 'boolean' }, modules: { type: 'string' } } });
    if (parsed.positionals.length !== 1) throw new Error('expected one FILE');
    if (!parsed.values.out) throw new Error('--out DIR is required');
    values = parsed.values;
    file = parsed.positionals[0]!;
  } catch (error) {
    process.stderr.write(`plugboard: ${error instanceof Error ? error.message : String(error)}\n${EXPORT_USAGE}\n`);
    return 1;
  }
  if (!existsSync(file)) {
    process.stderr.write(`${file}:1:1: file not found\n`);
    return 1;
  }
  const text = readFileSync(file, 'utf8');
  const registry = createRegistry();
  const mods = registerModulesForYaml(registry, file, text, values.modules !== undefined ? resolve(values.modules) : undefined);
  const base = dirname(resolve(file));
  const parsed = parseConfig(text, {
    catalog: registry,
    file,
    resolveRef: (ref) => {
      for (const candidate of [resolve(base, ref), resolve(ref)]) if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
      return undefined;
    },
  });
  const errors = [...mods.diagnostics, ...parsed.diagnostics].filter((d) => d.severity === 'error');
  for (const d of errors) process.stderr.write(`${d.file ?? file}:${d.range ? `${d.range.start.line}:${d.range.start.column}` : '1:1'}: ${d.message}\n`);
  if (errors.length > 0 || !parsed.config) return 1;
  const yamlName = basename(file);
  const result = exportForPlugboard({ yaml: text, yamlName, config: parsed.config, modules: mods.modules, catalog: registry });
  for (const w of result.warnings) process.stderr.write(`${file}:1:1: warning: ${w}\n`);
  const out = resolve(values.out!);
  mkdirSync(out, { recursive: true });
  if (values.zip) {
    const zipPath = join(out, `${yamlName.replace(/\.ya?ml$/, '')}.zip`);
    writeFileSync(zipPath, zipExport(yamlName.replace(/\.ya?ml$/, ''), result.files));
    process.stdout.write(`wrote ${zipPath}\n`);
  } else
    for (const [path, content] of Object.entries(result.files)) {
      writeFileSync(join(out, path), content);
      process.stdout.write(`wrote ${join(out, path)}\n`);
    }
  return 0;
}
