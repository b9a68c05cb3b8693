import type { ComponentTypeInfo, TypeCatalog } from './catalog.ts';

/**
 * A {@link TypeCatalog} over a fixed list of types, with optional aliases (alias → canonical type).
 * The runtime registry is the real catalog; this one serves tests, schemas and Python-only types.
 * @example createStaticCatalog([fileWriterInfo], { FileWriter: 'plugboard.library.file_io.FileWriter' })
 */
export function createStaticCatalog(types: readonly ComponentTypeInfo[], aliases: Readonly<Record<string, string>> = {}): TypeCatalog {
  const byType = new Map(types.map((t) => [t.type, t]));
  return {
    lookup: (type) => byType.get(type) ?? byType.get(aliases[type] ?? ''),
    list: () => types,
  };
}
