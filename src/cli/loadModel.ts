/**
 * Reads and checks a model file for the CLI: text (UTF-8, or a clear message for UTF-16 and invalid
 * bytes), user modules (read statically, or run when `executeModules` — only inside the confined
 * run), `process:` references inside the allowed folders, and the files the model writes: inside
 * `--out-dir`, never two writers on one file. Every problem is a located diagnostic.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRegistry } from '../library/index.ts';
import { loadModulesFromDir } from '../modules/loadModulesFromDir.node.ts';
import { loadModules } from '../modules/loadModules.ts';
import { inferUnresolvedTypes, splitTypeName } from '../modules/inferTypes.ts';
import { isModuleFile } from '../modules/moduleFile.ts';
import { makeDiagnostic, plugboardValidate, type ConfigSpec, type Diagnostic, type RangeIndex } from '../model/index.ts';
import type { ModuleSource } from '../protocol/run.ts';
import type { ComponentRegistry } from '../runtime/index.ts';
import { parseConfig } from '../yaml/index.ts';
import { checkOutputPath, checkReadPath } from './paths.ts';
import { readModuleTypes } from './staticModules.ts';
import { readPythonModuleTypes } from '../python/readPythonModuleTypes.ts';

export interface LoadOptions {
  readonly modulesDir?: string;
  /** Folders besides the YAML's own (and --out-dir) that inputs may be read from. */
  readonly allowRead?: readonly string[];
  /** When given, output paths are checked against it. */
  readonly outDir?: string;
  /** Run the modules' code to register their classes (only in the confined run). */
  readonly executeModules?: boolean;
}

export interface LoadedModel {
  readonly file: string;
  readonly text: string;
  readonly config: ConfigSpec;
  readonly registry: ComponentRegistry;
  readonly modules: readonly ModuleSource[];
  readonly ranges: RangeIndex;
  /** Warnings (errors stop the load). */
  readonly diagnostics: readonly Diagnostic[];
  /** Folders inputs may be read from. */
  readonly readRoots: readonly string[];
  /** Reads an input file inside the allowed folders (undefined when absent or not allowed). */
  readonly readInput: (path: string) => string | undefined;
  readonly resolveRef: (ref: string) => string | undefined;
}

export type LoadResult = { readonly ok: true; readonly model: LoadedModel } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a model file: UTF-8 (a BOM is fine). UTF-16 and invalid UTF-8 are refused with a message
 * naming the encoding or the byte offset, never silently replaced.
 * @example decodeModelText(readFileSync('m.yaml')) // { ok: true, text }
 */
export function decodeModelText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (bytes.length >= 2 && (b0 === 0 || b1 === 0))) {
    return { ok: false, message: 'The file is UTF-16 encoded; Plugboard models are UTF-8. Save it as UTF-8 and try again.' };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    let offset = 0;
    for (let end = Math.min(bytes.length, 64); ; end = Math.min(bytes.length, end * 2)) {
      try {
        decoder.decode(bytes.subarray(0, end), { stream: true });
        decoder.decode();
      } catch {
        offset = end;
        break;
      }
      if (end === bytes.length) break;
    }
    return { ok: false, message: `The file is not valid UTF-8 (bad bytes within the first ${offset} bytes). Save it as UTF-8.` };
  }
}

/** Paths of components that write a file (every string `path` arg except a reader's). */
export function outputPaths(config: ConfigSpec): { index: number; name: string; path: unknown }[] {
  return config.process.components.flatMap((c, index) =>
    'path' in c.args && !/(^|\.)FileReader$/.test(c.type) ? [{ index, name: c.name, path: c.args['path'] }] : [],
  );
}

/**
 * Located errors for output paths: outside --out-dir, special, or written by two components.
 * @example checkOutputs(config, ranges, '/tmp/out', 'm.yaml')
 */
export function checkOutputs(config: ConfigSpec, ranges: RangeIndex | undefined, outDir: string, file?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const writers = new Map<string, string>();
  const located = (d: Diagnostic): Diagnostic => (file !== undefined && !d.file ? { ...d, file } : d);
  for (const { index, name, path } of outputPaths(config)) {
    const at = `plugboard.process.args.components[${index}].args.path`;
    const check = checkOutputPath(outDir, path);
    if (!check.ok) {
      out.push(located(makeDiagnostic('output-path', 'error', `Component '${name}': ${check.reason}.`, at, ranges, { component: name, field: 'path' })));
      continue;
    }
    const other = writers.get(check.target);
    const folder = [...writers].find(([target]) => check.target.startsWith(`${target}/`) || target.startsWith(`${check.target}/`));
    if (other !== undefined) {
      out.push(located(makeDiagnostic('output-path-shared', 'error', `Components '${other}' and '${name}' both write '${String(path)}'; give each writer its own file.`, at, ranges, { component: name, field: 'path' })));
    } else if (folder) {
      out.push(located(makeDiagnostic('output-path-shared', 'error', `Component '${name}' writes '${String(path)}', but component '${folder[1]}' writes a file where one of them needs a folder; rename one of the paths.`, at, ranges, { component: name, field: 'path' })));
    } else writers.set(check.target, name);
  }
  return out;
}

function readText(path: string): string | undefined {
  try {
    const decoded = decodeModelText(readFileSync(path));
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

/** Catalog entries for user module types read from source (open types take the YAML's ports). */
function registerStatic(registry: ComponentRegistry, modules: readonly ModuleSource[], text: string, file: string): void {
  const first = parseConfig(text, { file });
  const types = modules.flatMap((m) => (m.file.endsWith('.py') ? readPythonModuleTypes(m) : readModuleTypes(m)));
  const open = types.filter((t) => t.openPorts).map((t) => t.info.type);
  for (const t of types) if (!t.openPorts) registry.registerInfo({ ...t.info, runnable: true });
  if (!first.config || open.length === 0) return;
  const inferred = inferUnresolvedTypes(first.config, registry).filter((t) => open.includes(t.type));
  for (const t of inferred) {
    const known = types.find((s) => s.info.type === t.type)!.info;
    registry.registerInfo({ ...known, inputs: t.inputs, outputs: t.outputs, args: known.args.length > 0 ? known.args : t.args });
  }
}

/**
 * The modules a model uses: all of `--modules DIR`, else the module files next to the YAML whose
 * names its component types use (block or flow style), so an unrelated `.ts` file never runs.
 */
function findModules(file: string, text: string, modulesDir: string | undefined): { dir: string; modules: ModuleSource[] } {
  if (modulesDir !== undefined) return { dir: modulesDir, modules: loadModulesFromDir(modulesDir) };
  const dir = dirname(file);
  const stems = new Set<string>();
  for (const c of parseConfig(text, { file }).config?.process.components ?? []) {
    const split = splitTypeName(c.type);
    if (split) stems.add(split.module);
  }
  for (const m of text.matchAll(/\btype:\s*["']?([A-Za-z_]\w*)\.[A-Za-z_]\w*/g)) stems.add(m[1]!); // also inside a 'process:' file
  return { dir, modules: loadModulesFromDir(dir).filter((m) => stems.has(m.file.slice(0, -3))) };
}

/** Adds where a missing user module was looked for to 'unknown type' errors. */
function explainMissingModules(diagnostics: Diagnostic[], config: ConfigSpec | undefined, dir: string, explicitDir: boolean, failed: ReadonlySet<string>): Diagnostic[] {
  if (!config) return diagnostics;
  return diagnostics.map((d) => {
    if (d.code !== 'unknown-component-type') return d;
    const type = config.process.components.find((c) => c.name === d.component)?.type;
    const split = type ? splitTypeName(type) : undefined;
    if (!split || type!.startsWith('plugboard.') || !isModuleFile(`${split.module}.ts`)) return d;
    if (failed.has(`${split.module}.ts`)) return { ...d, message: `Component type '${type}' is not available: its module ${split.module}.ts failed to load (see above).` };
    const where = join(dir, `${split.module}.ts`);
    const extra = existsSync(where)
      ? ` The module file ${where} exists but exports no component class '${split.className}'.`
      : ` No module file ${where} was found${explicitDir ? ' (--modules)' : " next to the YAML; pass --modules DIR if it is elsewhere"}.`;
    return { ...d, message: d.message + extra };
  });
}

/**
 * Loads a model for validate/diagram/run. Never throws on user input.
 * @example const r = loadModel('m.yaml', { outDir: 'out' }); if (r.ok) toMermaid(r.model.config.process, r.model.registry)
 */
export function loadModel(file: string, options: LoadOptions = {}): LoadResult {
  const fail = (message: string): LoadResult => ({ ok: false, diagnostics: [{ code: 'file', severity: 'error', message, path: '', file }] });
  if (!existsSync(file)) return fail('file not found');
  if (!statSync(file).isFile()) return fail('not an ordinary file');
  const decoded = decodeModelText(readFileSync(file));
  if (!decoded.ok) return fail(decoded.message);
  const text = decoded.text;
  const base = dirname(resolve(file));
  const readRoots = [base, ...(options.outDir ? [resolve(options.outDir)] : []), ...(options.allowRead ?? []).map((d) => resolve(d))];
  const bases = [...(options.outDir ? [resolve(options.outDir)] : []), base, process.cwd()];
  const readInput = (path: string): string | undefined => {
    const check = checkReadPath(readRoots, bases, path);
    return check.ok ? readText(check.target) : undefined;
  };
  const resolveRef = (ref: string): string | undefined => {
    const check = checkReadPath(readRoots, [base, process.cwd()], ref);
    return check.ok ? readText(check.target) : undefined;
  };
  const registry = createRegistry();
  const diagnostics: Diagnostic[] = [];
  const found = findModules(file, text, options.modulesDir);
  const modules = found.modules;
  if (options.executeModules) {
    const loaded = loadModules(modules, registry);
    diagnostics.push(...loaded.diagnostics.map((d) => (d.file ? { ...d, file: join(found.dir, d.file) } : d)));
  } else registerStatic(registry, modules, text, file);
  const parsed = parseConfig(text, { catalog: registry, file, resolveRef });
  const failed = new Set(diagnostics.filter((d) => d.code === 'module-load-error' || d.code === 'module-syntax' || d.code === 'module-file-name').map((d) => d.path));
  diagnostics.push(...explainMissingModules(parsed.diagnostics, parsed.config, found.dir, options.modulesDir !== undefined, failed));
  if (parsed.config && options.outDir !== undefined) diagnostics.push(...checkOutputs(parsed.config, parsed.ranges, options.outDir, file));
  if (diagnostics.some((d) => d.severity === 'error') || !parsed.config) {
    if (!diagnostics.some((d) => d.severity === 'error')) return fail('the file could not be read as a Plugboard model');
    return { ok: false, diagnostics };
  }
  // Plugboard's own rules (e.g. at least one component) on top of the editor-level diagnostics.
  const rules = plugboardValidate(parsed.config.process, registry).filter((m) => !diagnostics.some((d) => d.message.includes(m)));
  if (rules.length > 0) return { ok: false, diagnostics: rules.map((message) => ({ code: 'plugboard-rule', severity: 'error', message, path: '', file })) };
  return {
    ok: true,
    model: { file, text, config: parsed.config, registry, modules, ranges: parsed.ranges, diagnostics, readRoots, readInput, resolveRef },
  };
}
