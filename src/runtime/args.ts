/**
 * Typed constructor-arg declarations. Each builder returns an {@link ArgDecl} that carries the
 * value type (for `this.args`) and the {@link ArgInfo} the catalog exposes to the editor.
 */
import type { ArgInfo, ArgKind } from '../model/catalog.ts';

/** One declared constructor arg; `T` is the type components see in `this.args`. */
export interface ArgDecl<T = unknown> {
  readonly kind: ArgKind;
  readonly required: boolean;
  readonly default?: T;
  readonly description?: string;
  /** Phantom field carrying the value type. */
  readonly __type?: T;
}

interface ArgOptions<T> {
  readonly default?: T;
  readonly description?: string;
}

type Decl<T, O> = O extends { default: unknown } ? ArgDecl<T> : ArgDecl<T>;

function make<T>(kind: ArgKind) {
  return <O extends ArgOptions<T>>(options?: O): Decl<T, O> =>
    ({
      kind,
      required: options === undefined || !('default' in options),
      ...(options && 'default' in options ? { default: options.default } : {}),
      ...(options?.description ? { description: options.description } : {}),
    }) as ArgDecl<T>;
}

function optional<T>(kind: ArgKind) {
  return (options?: { description?: string }): ArgDecl<T | null> => ({
    kind,
    required: false,
    default: null,
    ...(options?.description ? { description: options.description } : {}),
  });
}

/**
 * Arg builders. An arg without `default` is required; `arg.optional.x()` defaults to `null`.
 *
 * @example
 * args: { iters: arg.integer({ description: 'How many values to emit' }), low: arg.number({ default: 0 }) }
 */
export const arg = {
  number: make<number>('number'),
  integer: make<number>('integer'),
  string: make<string>('string'),
  boolean: make<boolean>('boolean'),
  stringList: make<readonly string[]>('string-list'),
  numberList: make<readonly number[]>('number-list'),
  mapping: make<Readonly<Record<string, unknown>>>('mapping'),
  any: make<unknown>('any'),
  optional: {
    number: optional<number>('number'),
    integer: optional<number>('integer'),
    string: optional<string>('string'),
    boolean: optional<boolean>('boolean'),
    stringList: optional<readonly string[]>('string-list'),
    mapping: optional<Readonly<Record<string, unknown>>>('mapping'),
    any: optional<unknown>('any'),
  },
} as const;

export type ArgDecls = Readonly<Record<string, ArgDecl>>;

/** The `this.args` type for a set of declarations. */
export type ArgsOf<D extends ArgDecls> = { readonly [K in keyof D]: D[K] extends ArgDecl<infer T> ? T : unknown };

/** Catalog view of declared args, in declaration order. */
export function toArgInfos(decls: ArgDecls): ArgInfo[] {
  return Object.entries(decls).map(([name, d]) => ({
    name,
    kind: d.kind,
    required: d.required,
    ...('default' in d ? { default: d.default } : {}),
    ...(d.description ? { description: d.description } : {}),
  }));
}

/** Keys of `args` every component accepts (spec §3.2); never passed to `this.args`. */
export const COMMON_ARGS: ReadonlySet<string> = new Set(['name', 'initial_values', 'parameters', 'constraints', 'resources']);

/**
 * Resolves the args of one instance: declared defaults, then the given values. Extra keys are kept
 * (Plugboard passes them to the constructor). Throws when a required arg is missing.
 */
export function resolveArgs(decls: ArgDecls, given: Readonly<Record<string, unknown>>, typeName: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, d] of Object.entries(decls)) {
    if (name in given && given[name] !== undefined) out[name] = given[name];
    else if ('default' in d) out[name] = d.default;
    else throw new Error(`${typeName}: missing required argument '${name}'`);
  }
  for (const [name, value] of Object.entries(given)) {
    if (!(name in out) && !COMMON_ARGS.has(name)) out[name] = value;
  }
  return out;
}
