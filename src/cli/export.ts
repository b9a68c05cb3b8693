/**
 * `npm run plugboard -- process export FILE --out DIR [--zip] [--modules DIR]`: writes what Python
 * Plugboard needs to run (and tune) the model — the YAML, a Python module per user-module file
 * (steps kept as TypeScript comments to port), a README with the commands — into DIR, or with
 * `--zip` as DIR/<model>.zip. Modules are read statically (their code never runs here).
 * Problems: `FILE:LINE:COL: message`, exit 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { exportForPlugboard, zipExport } from '../export/index.ts';
import { formatDiagnostic } from '../model/index.ts';
import { listOption, stringOption, UsageError, type OptionValues, type Subcommand } from './args.ts';
import { loadModel } from './loadModel.ts';

function exportMain(file: string, values: OptionValues): number {
  const outOption = stringOption(values, 'out');
  if (outOption === undefined) throw new UsageError('--out DIR is required');
  const modulesDir = stringOption(values, 'modules');
  const loaded = loadModel(file, { ...(modulesDir !== undefined ? { modulesDir: resolve(modulesDir) } : {}), allowRead: listOption(values, 'allow-read') });
  if (!loaded.ok) {
    for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d, file)}\n`);
    return 1;
  }
  const { config, text, modules, registry } = loaded.model;
  const yamlName = basename(file);
  const result = exportForPlugboard({ yaml: text, yamlName, config, modules, catalog: registry });
  for (const w of result.warnings) process.stderr.write(`${file}:1:1: warning: ${w}\n`);
  const out = resolve(outOption);
  mkdirSync(out, { recursive: true });
  const stem = yamlName.replace(/\.ya?ml$/, '');
  if (values['zip'] === true) {
    const zipPath = join(out, `${stem}.zip`);
    writeFileSync(zipPath, zipExport(stem, result.files));
    process.stdout.write(`wrote ${zipPath}\n`);
  } else
    for (const [path, content] of Object.entries(result.files)) {
      writeFileSync(join(out, path), content);
      process.stdout.write(`wrote ${join(out, path)}\n`);
    }
  return 0;
}

export const exportCommand: Subcommand = {
  name: 'export',
  usage: 'export FILE --out DIR [--zip] [--modules DIR] [--allow-read DIR]',
  options: { out: { type: 'string' }, zip: { type: 'boolean' } },
  run: (file, values) => exportMain(file, values),
};
