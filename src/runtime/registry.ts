/**
 * The component registry: component classes keyed by canonical Plugboard type path. It implements
 * the model's {@link TypeCatalog}, so validation, the palette and the inspector read the same
 * type info the runtime uses.
 */
import type { ComponentTypeInfo, TypeCatalog } from '../model/catalog.ts';
import type { ComponentClass } from './Component.ts';

/**
 * A registry of component types.
 *
 * Accepted type strings (spec §2.5, quirk Q1):
 * - the canonical path `<module>.<ClassName>` (`plugboard.library.file_io.FileWriter`, `hello_ray.Sleep`);
 * - documented extensions: for `plugboard.library.<sub>.<Class>` types also the re-exported
 *   `plugboard.library.<Class>`; the bare class name (`FileWriter`) when exactly one registered type
 *   has it (Plugboard's registry drops ambiguous bare aliases the same way); explicit `aliases`
 *   given at registration (the library registers `resources_example.<Class>` for the
 *   `examples.tutorials.004_using_ray.resources_example.*` types).
 * Lookups never rewrite the YAML: the string stays as written.
 *
 * @example
 * const registry = createRegistry();
 * registry.register(MyComponent);
 * registry.resolve('my_module.MyComponent'); // the class
 */
export interface ComponentRegistry extends TypeCatalog {
  /** Registers a runnable class under its `info.type` (replacing an earlier one of the same type). */
  register(cls: ComponentClass, options?: { readonly aliases?: readonly string[] }): void;
  /** Registers a type that exists only in Python (parse/validate/diagram, never run). */
  registerInfo(info: ComponentTypeInfo, options?: { readonly aliases?: readonly string[] }): void;
  /** The runnable class for a type string (canonical or alias), if any. */
  resolve(type: string): ComponentClass | undefined;
  /** Canonical type for a type string, if known. */
  canonical(type: string): string | undefined;
}

interface Entry {
  readonly info: ComponentTypeInfo;
  readonly cls?: ComponentClass;
}

/**
 * An empty registry. Use `createRegistry()` from `src/library` for one pre-loaded with the library.
 *
 * @example const registry = createEmptyRegistry(); registry.register(Sleep);
 */
export function createEmptyRegistry(): ComponentRegistry {
  const entries = new Map<string, Entry>();
  const aliases = new Map<string, string>();

  const canonical = (type: string): string | undefined => {
    if (entries.has(type)) return type;
    const explicit = aliases.get(type);
    if (explicit) return explicit;
    if (type.startsWith('plugboard.library.')) {
      const cls = type.slice('plugboard.library.'.length);
      if (!cls.includes('.')) {
        const hit = [...entries.keys()].filter((k) => k.startsWith('plugboard.library.') && k.endsWith(`.${cls}`));
        if (hit.length === 1) return hit[0];
      }
    }
    if (!type.includes('.')) {
      const hit = [...entries.values()].filter((e) => e.info.className === type);
      if (hit.length === 1) return hit[0]!.info.type;
    }
    return undefined;
  };

  const add = (entry: Entry, names: readonly string[] = []): void => {
    entries.set(entry.info.type, entry);
    for (const alias of names) aliases.set(alias, entry.info.type);
  };

  return {
    register: (cls, options) => add({ info: cls.info, cls }, options?.aliases),
    registerInfo: (info, options) => add({ info: { ...info, runnable: false } }, options?.aliases),
    resolve: (type) => {
      const key = canonical(type);
      return key === undefined ? undefined : entries.get(key)?.cls;
    },
    canonical,
    lookup: (type) => {
      const key = canonical(type);
      return key === undefined ? undefined : entries.get(key)?.info;
    },
    list: () => [...entries.values()].map((e) => e.info),
  };
}
