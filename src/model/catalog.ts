/**
 * What the model layer knows about component types, without their code: ports and constructor
 * args. Validation, the JSON schema, the palette and the inspector read this. The runtime registry
 * (src/runtime) implements it from the registered component classes.
 */

export type ArgKind = 'number' | 'integer' | 'string' | 'boolean' | 'string-list' | 'number-list' | 'mapping' | 'any';

export interface ArgInfo {
  readonly name: string;
  readonly kind: ArgKind;
  readonly required: boolean;
  /** Default used when the arg is absent (undefined when required or no default). */
  readonly default?: unknown;
  readonly description?: string;
}

export interface ComponentTypeInfo {
  /** Canonical type string: 'plugboard.library.file_io.FileWriter', 'hello_ray.Sleep'. */
  readonly type: string;
  /** 'plugboard.library.file_io' */
  readonly module: string;
  /** 'FileWriter' */
  readonly className: string;
  /** One line for the palette. */
  readonly description: string;
  /** Declared ports for default args. Use `portsFor` for the ports of a configured instance. */
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly inputEvents: readonly string[];
  readonly outputEvents: readonly string[];
  readonly args: readonly ArgInfo[];
  /** False for types that exist only in Python (LLM, HTTP, SQL): parse/validate, never run. */
  readonly runnable: boolean;
  /** Where ports depend on args (FileWriter's field_names become inputs). */
  portsFor?(args: Readonly<Record<string, unknown>>): { inputs: readonly string[]; outputs: readonly string[] };
  /**
   * Input fields that event handlers declare they populate (`populates_fields`, spec §6.3); validation
   * rule 5.5(1) does not require them to be connected.
   */
  readonly eventPopulatedFields?: readonly string[];
  /** Event type → event class name (diagram labels); defaults to the PascalCase of the type. */
  readonly eventClasses?: Readonly<Record<string, string>>;
}

export interface TypeCatalog {
  /** Looks up a type string (canonical path or a documented alias). */
  lookup(type: string): ComponentTypeInfo | undefined;
  list(): readonly ComponentTypeInfo[];
}
