import type { ArgInfo, ArgKind, ComponentTypeInfo, TypeCatalog } from '../model/catalog.ts';
import type { ConfigSpec } from '../model/spec.ts';

/** Keys of `args` every component accepts (spec §3.2); never component-specific args. */
const COMMON_ARGS: ReadonlySet<string> = new Set(['name', 'initial_values', 'parameters', 'constraints', 'resources']);

/** What a YAML tells about a type nobody has defined: ports from its connectors, args from its uses. */
export interface InferredType {
  readonly type: string;
  readonly module: string;
  readonly className: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly args: readonly ArgInfo[];
  /** Component names in the model using this type. */
  readonly components: readonly string[];
}

function kindOf(value: unknown): ArgKind {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return 'string-list';
    if (value.every((v) => typeof v === 'number')) return 'number-list';
    return 'any';
  }
  if (value !== null && typeof value === 'object') return 'mapping';
  return 'any';
}

function mergeKind(a: ArgKind, b: ArgKind): ArgKind {
  if (a === b) return a;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'any';
}

/** Splits 'production_line.Controller' into module and class; undefined for a bare name. */
export function splitTypeName(type: string): { module: string; className: string } | undefined {
  const dot = type.lastIndexOf('.');
  if (dot <= 0 || dot === type.length - 1) return undefined;
  return { module: type.slice(0, dot), className: type.slice(dot + 1) };
}

interface Accumulator {
  inputs: Set<string>;
  outputs: Set<string>;
  args: Map<string, { kind: ArgKind; uses: number }>;
  components: string[];
}

/**
 * Types the model uses that the catalog does not know, with ports inferred from the connectors
 * (targets → inputs, sources → outputs, `initial_values` keys → inputs) and args from the values
 * given (an arg every use sets is required). Library types (`plugboard.*`) are never inferred.
 * @example inferUnresolvedTypes(config, catalog).map((t) => t.type) // ['production_line.Controller']
 */
export function inferUnresolvedTypes(config: ConfigSpec, catalog: TypeCatalog): InferredType[] {
  const byType = new Map<string, Accumulator>();
  const typeOfComponent = new Map<string, Accumulator>();
  for (const component of config.process.components) {
    if (catalog.lookup(component.type) || component.type.startsWith('plugboard.') || !splitTypeName(component.type)) continue;
    let acc = byType.get(component.type);
    if (!acc) {
      acc = { inputs: new Set(), outputs: new Set(), args: new Map(), components: [] };
      byType.set(component.type, acc);
    }
    acc.components.push(component.name);
    typeOfComponent.set(component.name, acc);
    for (const field of Object.keys(component.initialValues)) acc.inputs.add(field);
    for (const [name, value] of Object.entries(component.args)) {
      if (COMMON_ARGS.has(name)) continue;
      const seen = acc.args.get(name);
      acc.args.set(name, { kind: seen ? mergeKind(seen.kind, kindOf(value)) : kindOf(value), uses: (seen?.uses ?? 0) + 1 });
    }
  }
  for (const connector of config.process.connectors) {
    if (connector.mode !== 'pipeline') continue;
    typeOfComponent.get(connector.source.entity)?.outputs.add(connector.source.descriptor);
    typeOfComponent.get(connector.target.entity)?.inputs.add(connector.target.descriptor);
  }
  return [...byType].map(([type, acc]) => {
    const { module, className } = splitTypeName(type)!;
    const args = [...acc.args].map(([name, a]) => ({ name, kind: a.kind, required: a.uses === acc.components.length }));
    return { type, module, className, inputs: [...acc.inputs].sort(), outputs: [...acc.outputs].sort(), args, components: acc.components };
  });
}

/**
 * Catalog entries for unresolved types, so the canvas can draw their nodes with the inferred ports.
 * They are not runnable; `description` says so.
 * @example const merged = [...catalog.list(), ...toUnresolvedTypeInfos(inferUnresolvedTypes(config, catalog))]
 */
export function toUnresolvedTypeInfos(types: readonly InferredType[]): ComponentTypeInfo[] {
  return types.map((t) => ({
    type: t.type,
    module: t.module,
    className: t.className,
    description: `Unresolved: no module defines ${t.type}; ports inferred from the connectors.`,
    inputs: t.inputs,
    outputs: t.outputs,
    inputEvents: [],
    outputEvents: [],
    args: t.args,
    runnable: false,
  }));
}
