// The editor's one door into the document layer (src/yaml, src/model, src/runtime). Everything the
// app does to YAML text goes through these functions, so the store and views never depend on the
// exact shape of the src APIs.
import type { ComponentTypeInfo, ConfigSpec, Diagnostic, EditResult, PortRef, TypeCatalog } from '../../src/index.ts';
import {
  applyEdit,
  emptyDocumentText,
  LAYOUT_LINE,
  parseConfig,
  parsePortRef,
  plugboardJsonSchema,
  readLayout as srcReadLayout,
  writeLayout as srcWriteLayout,
} from '../../src/index.ts';
import type { ModelEdit } from '../../src/model/modelEdit.ts';
import { applyTuneEdit, type TuneEdit } from '../../src/yaml/tuneEdits.ts';
import { readNext, type IncrementalRead } from '../../src/yaml/incrementalRead.ts';
import { createRegistry } from '../../src/library/index.ts';

export interface Position {
  readonly x: number;
  readonly y: number;
}
export type Layout = Readonly<Record<string, Position>>;

/** The edits the editor makes are src's own {@link ModelEdit}s (no app-side copy). */
export type { ModelEdit } from '../../src/model/modelEdit.ts';
export type { TuneEdit } from '../../src/yaml/tuneEdits.ts';
/**
 * What the store applies to the text: a model edit or an edit of the `tune` section (src's own
 * types; their kinds do not overlap). Big texts get either in the parse worker.
 */
export type DocumentEdit = ModelEdit | TuneEdit;

const TUNE_EDIT_KINDS: ReadonlySet<string> = new Set<TuneEdit['kind']>(['create-tune', 'add-tune-parameter', 'set-tune-parameter', 'set-tune-objective', 'set-tune-arg']);
const isTuneEdit = (edit: DocumentEdit): edit is TuneEdit => TUNE_EDIT_KINDS.has(edit.kind);

export type { EditResult } from '../../src/index.ts';
export type { IncrementalRead } from '../../src/yaml/incrementalRead.ts';

export interface ParseResult {
  readonly config?: ConfigSpec;
  readonly diagnostics: readonly Diagnostic[];
}

// ---------------------------------------------------------------- catalog
let builtins: TypeCatalog | null = null;

/** The built-in library (runtime registry) as a catalog: palette, validation, schema and nodes read it. */
export function builtinCatalog(): TypeCatalog {
  builtins ??= createRegistry();
  return builtins;
}

/** A catalog over a list of types; later entries override earlier ones with the same type string. */
export function createCatalog(types: readonly ComponentTypeInfo[], base?: TypeCatalog): TypeCatalog {
  const byType = new Map<string, ComponentTypeInfo>();
  for (const info of base?.list() ?? []) byType.set(info.type, info);
  for (const info of types) byType.set(info.type, info);
  const list = [...byType.values()];
  return {
    list: () => list,
    lookup: (type) => byType.get(type) ?? base?.lookup(type),
  };
}

// ---------------------------------------------------------------- parse, edit, layout (src/yaml)
export function parse(text: string, catalog: TypeCatalog): ParseResult {
  const r = parseConfig(text, { catalog, file: 'model.yaml' });
  return r.config ? { config: r.config, diagnostics: r.diagnostics } : { diagnostics: r.diagnostics };
}

/**
 * Parses text after a typed edit re-reading only the list item the edit is in (src's `readNext`;
 * the whole text when the edit is not inside one item). Returns the read to pass to the next call.
 * @example const { result, read } = parseAfterEdit(previousRead, text, catalog)
 */
export function parseAfterEdit(previous: IncrementalRead | null, text: string, catalog: TypeCatalog): { result: ParseResult; read: IncrementalRead } {
  const read = readNext(previous, text);
  const labelled = { ...read, diagnostics: read.diagnostics.map((d) => ({ ...d, file: 'model.yaml' })) };
  const r = parseConfig(text, { catalog, file: 'model.yaml', read: labelled });
  return { result: r.config ? { config: r.config, diagnostics: r.diagnostics } : { diagnostics: r.diagnostics }, read };
}

/**
 * A port address the canvas built as `component.field`, read by src's `parsePortRef`. A component
 * whose name breaks the naming rule is still drawn (with an error diagnostic); its ports are split at
 * the first dot so such a connector can still be removed.
 */
export function toPortRef(text: string): PortRef {
  const ref = parsePortRef(text);
  if (ref) return ref;
  const i = text.indexOf('.');
  return { entity: text.slice(0, i), descriptor: text.slice(i + 1) };
}

/** An add- or remove-connector edit from two `component.field` addresses. */
export function connectorEdit(kind: 'add-connector' | 'remove-connector', source: string, target: string): ModelEdit {
  return { kind, source: toPortRef(source), target: toPortRef(target) };
}

/** Applies one edit; with `layout`, also writes the layout block (one syntax check of the result). */
export function applyDocEdit(text: string, edit: DocumentEdit, layout?: Layout): EditResult {
  if (!isTuneEdit(edit)) return applyEdit(text, edit, layout ? { layout } : {});
  const r = applyTuneEdit(text, edit);
  return r.ok && layout ? { ...r, text: writeLayout(r.text, layout) } : r;
}

/**
 * Applies edits in order, the last one writing `layout` too (one syntax check of the result); with
 * no edits, only the layout. The store (small models) and the parse worker (big ones) share it.
 * @example applyDocEdits(text, [{ kind: 'set-process-mode', mode: 'parallel' }])
 */
export function applyDocEdits(text: string, edits: readonly DocumentEdit[], layout?: Layout): { ok: true; text: string } | { ok: false; message: string } {
  let out = text;
  for (const [i, e] of edits.entries()) {
    const r = applyDocEdit(out, e, i === edits.length - 1 ? layout : undefined);
    if (!r.ok) return { ok: false, message: r.diagnostics[0]?.message ?? 'That edit is not possible.' };
    out = r.text;
  }
  if (layout && edits.length === 0) out = writeLayout(out, layout);
  return { ok: true, text: out };
}

/** What a canvas edit on text that does not parse into a model says. */
export const EDIT_NEEDS_VALID_TEXT = 'The YAML has errors: fix them before editing on the canvas.';

export function readLayout(text: string): Layout {
  return srcReadLayout(text);
}

export function writeLayout(text: string, layout: Layout): string {
  return srcWriteLayout(text, layout);
}

/** The text without its layout line(s) (src's `LAYOUT_LINE`). */
export function withoutLayout(text: string): string {
  return text.replace(LAYOUT_LINE, '');
}

/** The layout line `readLayout` reads (the last one), or undefined. */
export function lastLayoutLine(text: string): string | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(LAYOUT_LINE)) last = m[0];
  return last;
}

/** JSON schema of the Plugboard format for monaco-yaml (completion of keys, types and their args). */
export function jsonSchema(catalog: TypeCatalog): object {
  return plugboardJsonSchema(catalog);
}

export function emptyText(): string {
  return emptyDocumentText();
}
