// The editor's one door into the document layer (src/yaml, src/model, src/runtime). Everything the
// app does to YAML text goes through these functions, so the store and views never depend on the
// exact shape of the src APIs.
import type { ComponentTypeInfo, ConfigSpec, Diagnostic, EditResult, PortRef, TypeCatalog } from '../../src/index.ts';
import { applyEdit, emptyDocumentText, parseConfig, plugboardJsonSchema, readLayout as srcReadLayout, writeLayout as srcWriteLayout } from '../../src/index.ts';
import type { ModelEdit } from '../../src/model/modelEdit.ts';
import { createRegistry } from '../../src/library/index.ts';

export interface Position {
  readonly x: number;
  readonly y: number;
}
export type Layout = Readonly<Record<string, Position>>;

export type DocEdit =
  | { readonly kind: 'add-component'; readonly type: string; readonly name: string; readonly args?: Readonly<Record<string, unknown>> }
  | { readonly kind: 'remove-component'; readonly name: string }
  | { readonly kind: 'rename-component'; readonly from: string; readonly to: string }
  | { readonly kind: 'set-arg'; readonly component: string; readonly arg: string; readonly value: unknown }
  | { readonly kind: 'add-connector'; readonly source: string; readonly target: string }
  | { readonly kind: 'remove-connector'; readonly source: string; readonly target: string }
  | { readonly kind: 'set-process-mode'; readonly mode: 'local' | 'parallel' }
  | { readonly kind: 'set-process-name'; readonly name: string | null };

export type { EditResult } from '../../src/index.ts';

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

function ref(s: string): PortRef {
  const i = s.indexOf('.');
  return { entity: s.slice(0, i), descriptor: s.slice(i + 1) };
}

function toModelEdit(e: DocEdit): ModelEdit {
  switch (e.kind) {
    case 'add-component':
      return { kind: 'add-component', type: e.type, args: { name: e.name, ...e.args } };
    case 'set-arg':
      return { kind: 'set-arg', component: e.component, key: e.arg, value: e.value };
    case 'add-connector':
    case 'remove-connector':
      return { kind: e.kind, source: ref(e.source), target: ref(e.target) };
    default:
      return e;
  }
}

/** Applies one edit; with `layout`, also writes the layout block (one syntax check of the result). */
export function applyDocEdit(text: string, edit: DocEdit, layout?: Layout): EditResult {
  return applyEdit(text, toModelEdit(edit), layout ? { layout } : {});
}

export function readLayout(text: string): Layout {
  return srcReadLayout(text);
}

export function writeLayout(text: string, layout: Layout): string {
  return srcWriteLayout(text, layout);
}

/** JSON schema of the Plugboard format for monaco-yaml (completion of keys, types and their args). */
export function jsonSchema(catalog: TypeCatalog): object {
  return plugboardJsonSchema(catalog);
}

export function emptyText(): string {
  return emptyDocumentText();
}
