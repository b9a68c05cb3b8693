import type { TypeCatalog } from '../model/catalog.ts';
import type { ConfigSpec, Diagnostic, ProcessSpec } from '../model/spec.ts';
import type { RangeIndex } from '../model/ranges.ts';
import { validateConfig } from '../model/validateConfig.ts';
import { validateTune } from '../model/validateTune.ts';
import { readDocument, type ReadData } from './readDocument.ts';
import { join, ShapeContext, type Obj } from './shapeContext.ts';
import { shapeProcess } from './shapeProcess.ts';

/** Options of {@link parseConfig}. */
export interface ParseOptions {
  /** When given, semantic validation (`validateConfig`) runs too. */
  readonly catalog?: TypeCatalog;
  /** File name put on diagnostics. */
  readonly file?: string;
  /**
   * Returns the text of a `process:` file reference (spec §2.8). Deviation Q19: the caller resolves
   * relative to the referencing file (falling back to the working directory), not only the cwd.
   */
  readonly resolveRef?: (ref: string) => string | undefined;
  /** A read of `text` already made (e.g. `readNext`'s); its diagnostics must carry `file`. */
  readonly read?: ReadData;
}

/** Result of {@link parseConfig}. */
export interface ParseResult {
  /** Undefined when errors prevent a usable model; warnings and semantic errors keep it. */
  readonly config: ConfigSpec | undefined;
  readonly diagnostics: Diagnostic[];
  readonly ranges: RangeIndex;
}

/**
 * Parses Plugboard YAML into a normalised {@link ConfigSpec} with positioned diagnostics.
 * Never throws on user input. Shape errors (YAML syntax, wrong types, missing required keys, malformed
 * connector strings, unresolvable `process:` files) leave `config` undefined. Errors the model can
 * still represent (unknown keys, invalid names or job ids, non-list initial values) and everything
 * `validateConfig` finds keep it, so the canvas can show the problem in place.
 * @example const { config, diagnostics } = parseConfig(text, { catalog, file: 'model.yaml' })
 */
export function parseConfig(text: string, options: ParseOptions = {}): ParseResult {
  const read = options.read ?? readDocument(text, options.file);
  const ctx = new ShapeContext(read.ranges, options.file);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  if (read.diagnostics.some((d) => d.code === 'yaml-syntax')) return { config: undefined, diagnostics, ranges: read.ranges };
  const config = shapeRoot(ctx, read.data, options, 0);
  diagnostics.push(...ctx.diagnostics);
  if (!config || ctx.fatal) return { config: undefined, diagnostics, ranges: read.ranges };
  if (config.processRef === undefined) diagnostics.push(...validateConfig(config, options.catalog, read.ranges));
  else {
    // Problems inside the referenced process point into that file.
    const file = config.processRef;
    const inRef = validateConfig(config, options.catalog, ctx.refRanges).filter((d) => !d.path.startsWith('plugboard.tune'));
    diagnostics.push(...inRef.map((d) => ({ ...d, file })), ...validateTune(config, options.catalog, read.ranges));
  }
  return { config, diagnostics, ranges: read.ranges };
}

function shapeRoot(ctx: ShapeContext, data: unknown, options: ParseOptions, depth: number): ConfigSpec | undefined {
  if (data === null || data === undefined) {
    ctx.report('missing-required', 'error', "The document is empty; a Plugboard model starts with 'plugboard:' and 'process:'.", '');
    return undefined;
  }
  const root = ctx.mapping(data, '', 'The document');
  if (!root) return undefined;
  ctx.forbidExtras(root, ['plugboard'], '', 'the top level');
  if (!('plugboard' in root)) {
    ctx.missing('plugboard', '', 'The document');
    return undefined;
  }
  const pb = ctx.mapping(root['plugboard'], 'plugboard', "'plugboard'");
  if (!pb) return undefined;
  ctx.forbidExtras(pb, ['process', 'tune'], 'plugboard', "'plugboard'");
  const tune = pb['tune'] ?? null;
  if (tune !== null && (typeof tune !== 'object' || Array.isArray(tune))) ctx.mapping(tune, 'plugboard.tune', "'tune'");
  if (!('process' in pb)) {
    ctx.missing('process', 'plugboard', "'plugboard'");
    return undefined;
  }
  const raw = pb['process'];
  if (typeof raw === 'string') {
    const process = resolveProcessRef(ctx, raw, options, depth);
    return process ? { process, tune, processRef: raw } : undefined;
  }
  const process = shapeProcess(ctx, raw, 'plugboard.process');
  return process ? { process, tune } : undefined;
}

/** Loads `plugboard.process` from a referenced file; its diagnostics carry that file's name. */
function resolveProcessRef(ctx: ShapeContext, ref: string, options: ParseOptions, depth: number): ProcessSpec | undefined {
  const text = depth < 4 ? options.resolveRef?.(ref) : undefined;
  if (text === undefined) {
    ctx.report('process-ref-unresolved', 'error', `'process' names the file '${ref}', which could not be read. Check the path (relative to this file) or inline the process mapping.`, 'plugboard.process');
    return undefined;
  }
  const read = readDocument(text, ref);
  ctx.diagnostics.push(...read.diagnostics);
  if (read.diagnostics.some((d) => d.code === 'yaml-syntax')) {
    ctx.fatal = true;
    return undefined;
  }
  const inner = new ShapeContext(read.ranges, ref);
  // Another file's content is never quoted in a message (it may not be a model at all: a secret).
  const isMapping = read.data !== null && typeof read.data === 'object' && !Array.isArray(read.data);
  const root = isMapping ? inner.mapping(read.data, '', `The referenced file '${ref}'`) : undefined;
  const pb = root && (root['plugboard'] as Obj | undefined);
  let process: ProcessSpec | undefined;
  if (!pb || typeof pb !== 'object' || !('process' in pb)) {
    inner.report('process-ref-invalid', 'error', `The referenced file '${ref}' has no 'plugboard.process' section; point 'process' at a Plugboard model file.`, '');
  } else if (typeof pb['process'] === 'string') {
    const nested = shapeRoot(inner, read.data, options, depth + 1);
    process = nested?.process;
  } else {
    process = shapeProcess(inner, pb['process'], join('plugboard', 'process'));
    ctx.refRanges = read.ranges;
  }
  ctx.diagnostics.push(...inner.diagnostics);
  if (inner.fatal) ctx.fatal = true;
  return process;
}
