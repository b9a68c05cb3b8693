/**
 * `process validate` and `process diagram`: both read user modules statically (their code never
 * runs here), so they are safe on models from anyone.
 */
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { formatDiagnostic, mermaidLiveUrl, toMermaid, type Diagnostic } from '../model/index.ts';
import { listOption, stringOption, type OptionValues, type Subcommand } from './args.ts';
import { loadModel, type LoadResult } from './loadModel.ts';

/** Prints diagnostics as `FILE:LINE:COL: message` to stderr. */
export function printDiagnostics(file: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d, file)}\n`);
}

/** Loads with the common flags (static modules). */
export function loadForCheck(file: string, values: OptionValues, outDir?: string): LoadResult {
  const modules = stringOption(values, 'modules');
  return loadModel(file, {
    ...(modules !== undefined ? { modulesDir: resolve(modules) } : {}),
    allowRead: listOption(values, 'allow-read'),
    ...(outDir !== undefined ? { outDir } : {}),
  });
}

export const validateCommand: Subcommand = {
  name: 'validate',
  usage: 'validate FILE [--out-dir DIR] [--modules DIR] [--allow-read DIR]',
  options: { 'out-dir': { type: 'string' } },
  run(file, values) {
    const loaded = loadForCheck(file, values, resolve(stringOption(values, 'out-dir') ?? '.'));
    if (!loaded.ok) {
      printDiagnostics(file, loaded.diagnostics);
      process.stderr.write('Validation failed\n');
      return 1;
    }
    printDiagnostics(file, loaded.model.diagnostics);
    process.stdout.write('Validation passed\n');
    return 0;
  },
};

export const diagramCommand: Subcommand = {
  name: 'diagram',
  usage: 'diagram FILE [--plain] [--modules DIR] [--allow-read DIR]',
  options: { plain: { type: 'boolean' } },
  run(file, values) {
    const loaded = loadForCheck(file, values);
    if (!loaded.ok) {
      printDiagnostics(file, loaded.diagnostics);
      return 1;
    }
    const text = toMermaid(loaded.model.config.process, loaded.model.registry);
    if (values['plain'] === true) process.stdout.write(`${text}\n`);
    else process.stdout.write(`\`\`\`mermaid\n${text}\n\`\`\`\n\nEditable diagram: ${mermaidLiveUrl(text, (b) => deflateSync(b))}\n`);
    return 0;
  },
};
