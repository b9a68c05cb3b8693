import type { Diagnostic } from '../model/spec.ts';
import type { ModuleSource } from '../protocol/run.ts';
import { moduleFileProblem } from './moduleFile.ts';

/** Identifies a Plugboard Studio project file among other JSON. */
export const PROJECT_FORMAT = 'plugboard-studio-project';
export const PROJECT_VERSION = 1;
/** Suggested extension for Save/Open: `model-ray.plugboard.json`. */
export const PROJECT_EXTENSION = '.plugboard.json';

/** One file holding a model's YAML and the modules its types come from. */
export interface Project {
  /** The YAML file name the model is saved as when exported alone (`model-ray.yaml`). */
  readonly modelFile: string;
  readonly yaml: string;
  readonly modules: readonly ModuleSource[];
}

export type ParseProjectResult =
  | { readonly ok: true; readonly project: Project; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * The project file text: pretty JSON, modules sorted by file name so saves diff cleanly.
 * @example download('model.plugboard.json', serializeProject({ modelFile: 'model.yaml', yaml, modules }))
 */
export function serializeProject(project: Project): string {
  const modules = [...project.modules]
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((m) => ({ file: m.file, source: m.source }));
  const data = { format: PROJECT_FORMAT, version: PROJECT_VERSION, model: { file: project.modelFile, yaml: project.yaml }, modules };
  return `${JSON.stringify(data, null, 2)}\n`;
}

function problem(code: string, message: string, path: string): Diagnostic {
  return { code, severity: 'error', message, path };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the `modules` list; bad entries are dropped with a warning, so the rest still opens. */
function parseModules(value: unknown, diagnostics: Diagnostic[]): ModuleSource[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    diagnostics.push({ ...problem('project-shape', '"modules" must be a list of { file, source }; it was ignored.', 'modules'), severity: 'warning' });
    return [];
  }
  const modules: ModuleSource[] = [];
  value.forEach((entry, i) => {
    const path = `modules[${i}]`;
    const fileProblem = isRecord(entry) && typeof entry.file === 'string' ? moduleFileProblem(entry.file) : 'each module needs "file" and "source" strings';
    if (!isRecord(entry) || typeof entry.source !== 'string' || fileProblem) {
      diagnostics.push({ ...problem('project-module', `${path} was skipped: ${fileProblem ?? 'each module needs "file" and "source" strings'}.`, path), severity: 'warning' });
    } else if (modules.some((m) => m.file === entry.file)) {
      diagnostics.push({ ...problem('project-module', `${path} was skipped: "${String(entry.file)}" appears twice; the first copy is kept.`, path), severity: 'warning' });
    } else {
      modules.push({ file: entry.file as string, source: entry.source });
    }
  });
  return modules;
}

/**
 * Reads a project file. Never throws; a file that is not a project comes back as diagnostics. Opening
 * a project does not run any module code.
 * @example
 * const result = parseProject(text);
 * if (result.ok) openModel(result.project.yaml, result.project.modules);
 */
export function parseProject(text: string): ParseProjectResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, diagnostics: [problem('project-json', `Not a project file: ${(error as Error).message}.`, '')] };
  }
  // Early saves of the editor wrote `{ yaml, fileName, modules }`; still read them.
  if (isRecord(data) && data.format === undefined && typeof data.yaml === 'string') {
    data = { format: PROJECT_FORMAT, version: PROJECT_VERSION, model: { file: data.fileName, yaml: data.yaml }, modules: data.modules };
  }
  if (!isRecord(data) || data.format !== PROJECT_FORMAT) {
    return { ok: false, diagnostics: [problem('project-format', `Not a project file: expected "format": "${PROJECT_FORMAT}".`, 'format')] };
  }
  if (typeof data.version !== 'number' || data.version > PROJECT_VERSION) {
    return { ok: false, diagnostics: [problem('project-version', `Project version ${String(data.version)} is not supported (this app reads version ${PROJECT_VERSION}).`, 'version')] };
  }
  const model = data.model;
  if (!isRecord(model) || typeof model.yaml !== 'string') {
    return { ok: false, diagnostics: [problem('project-shape', 'The project has no model: expected "model": { "file", "yaml" }.', 'model')] };
  }
  const diagnostics: Diagnostic[] = [];
  const modules = parseModules(data.modules, diagnostics);
  const modelFile = typeof model.file === 'string' && model.file !== '' ? model.file : 'model.yaml';
  return { ok: true, project: { modelFile, yaml: model.yaml, modules }, diagnostics };
}

/**
 * True when a file's text looks like a project rather than YAML (Open accepts both).
 * @example isProjectText('{"format":"plugboard-studio-project"...}') // true
 */
export function isProjectText(text: string): boolean {
  return /^\s*\{/.test(text) && (text.includes(PROJECT_FORMAT) || /"yaml"\s*:/.test(text));
}

/**
 * The project file name for a model file: `model-ray.yaml` → `model-ray.plugboard.json`.
 * @example projectFileName('model-ray.yaml') // 'model-ray.plugboard.json'
 */
export function projectFileName(modelFile: string): string {
  return `${modelFile.replace(/\.(ya?ml|json)$/i, '').replace(/\.plugboard$/, '')}${PROJECT_EXTENSION}`;
}
