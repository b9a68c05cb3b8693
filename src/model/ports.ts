import type { ComponentTypeInfo, TypeCatalog } from './catalog.ts';
import type { ComponentSpec } from './spec.ts';

/** The IO of one configured component instance. */
export interface ComponentPorts {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly inputEvents: readonly string[];
  readonly outputEvents: readonly string[];
}

/**
 * Ports of a configured component: `portsFor(args)` when the type defines it (FileWriter's
 * `field_names` become inputs), else the declared ports. Undefined for unknown types.
 * @example portsOf(component, catalog)?.inputs
 */
export function portsOf(component: Pick<ComponentSpec, 'type' | 'args'>, catalog: TypeCatalog | undefined): ComponentPorts | undefined {
  const info = catalog?.lookup(component.type);
  return info ? portsOfType(info, component.args) : undefined;
}

/**
 * Ports of a type for the given args.
 * @example portsOfType(info, { field_names: ['x'] })
 */
export function portsOfType(info: ComponentTypeInfo, args: Readonly<Record<string, unknown>>): ComponentPorts {
  let io: { inputs: readonly string[]; outputs: readonly string[] } = { inputs: info.inputs, outputs: info.outputs };
  if (info.portsFor) {
    try {
      const found = info.portsFor(args);
      // Odd args (field_names: a string, a mapping…) must not turn into odd ports: arg checks report them.
      if (isNameList(found.inputs) && isNameList(found.outputs)) io = found;
    } catch {
      // A portsFor that cannot handle odd args falls back to the declared ports; arg checks report it.
    }
  }
  return { inputs: io.inputs, outputs: io.outputs, inputEvents: info.inputEvents, outputEvents: info.outputEvents };
}

function isNameList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
