/**
 * What `import { ... } from 'plugboard'` means inside a user module: the runtime's component
 * authoring API. Monaco's declarations are generated from this file (see plugboardTypes.test.ts), so
 * what users see in the editor is what the runtime gives them.
 *
 * Differences from the runtime's own helpers: `type` and `description` are optional here, because a
 * module's components are named by where they live — `<module file stem>.<export name>`, as Plugboard
 * names `hello_ray.Sleep` — and `loadModules` sets that name when it registers the export.
 */
import type { ArgDecls, ArgsOf } from '../../runtime/args.ts';
import type { Port, PortDecls } from '../../runtime/Component.ts';
import {
  componentClass as runtimeComponentClass,
  defineComponent as runtimeDefineComponent,
  type Component,
  type ComponentArgs,
  type ComponentClass,
  type ComponentDeclaration,
  type ComponentInfo,
  type StepContext,
} from '../../runtime/Component.ts';

export { arg } from '../../runtime/args.ts';
export type { ArgDecl, ArgDecls, ArgsOf } from '../../runtime/args.ts';
export { Component, IOStreamClosedError, port } from '../../runtime/Component.ts';
export type { ComponentArgs, ComponentClass, ComponentIO, ComponentInfo, Port, PortDecls, PortsOf, StepContext } from '../../runtime/Component.ts';
export { defineEvent, StopEvent } from '../../runtime/events.ts';
export type { EventType, PlugboardEvent } from '../../runtime/events.ts';
export type { FileStore } from '../../runtime/files.ts';
export { blockingSleep } from '../../runtime/blockingSleep.ts';
export { now } from '../../lib/clock.ts';
export { formatPython, formatPythonFloat, isoLocalTimestamp } from '../../runtime/python.ts';
export { PythonRandom } from '../../runtime/pythonRandom.ts';

/** Value types of declared ports, writable: `{ x: number }` for `{ x: port<number>() }` or `{ x: unknown }` for `['x']`. */
export type ModulePorts<D> = D extends readonly (infer K extends string)[]
  ? { -readonly [P in K]: unknown }
  : { -readonly [P in keyof D]: D[P] extends Port<infer T> ? T : unknown };

/** A component declaration in a module: like the runtime's, with `type` and `description` optional. */
export interface ModuleComponentDeclaration<I extends PortDecls, O extends PortDecls, A extends ArgDecls> {
  /** Ignored for exported components: the registered type is `<module>.<export name>`. */
  readonly type?: string;
  /** One line for the palette. */
  readonly description?: string;
  readonly inputs?: I;
  readonly outputs?: O;
  readonly args?: A;
  readonly inputEvents?: ComponentDeclaration['inputEvents'];
  readonly outputEvents?: ComponentDeclaration['outputEvents'];
  readonly portsFor?: ComponentDeclaration['portsFor'];
  readonly resources?: ComponentDeclaration['resources'];
}

/** The type placeholder until `loadModules` names the export. */
export const UNREGISTERED_TYPE = 'module.Unregistered';

function complete(decl: ModuleComponentDeclaration<PortDecls, PortDecls, ArgDecls>): ComponentDeclaration {
  return { ...decl, type: decl.type ?? UNREGISTERED_TYPE, description: decl.description ?? '' };
}

/**
 * Declares a component's IO and args and returns a base class typed from them: `this.in`,
 * `this.out` and `this.args`.
 *
 * @example
 * import { componentClass, port, arg } from 'plugboard';
 * export class Double extends componentClass({
 *   description: 'y = factor × x',
 *   inputs: { x: port<number>() }, outputs: { y: port<number>() },
 *   args: { factor: arg.number({ default: 2 }) },
 * }) {
 *   override step() { this.out.y = this.args.factor * this.in.x; }
 * }
 */
export function componentClass<const I extends PortDecls = readonly [], const O extends PortDecls = readonly [], const A extends ArgDecls = {}>(
  decl: ModuleComponentDeclaration<I, O, A>,
): (abstract new (args: ComponentArgs) => Component<ModulePorts<I>, ModulePorts<O>, ArgsOf<A>>) & { readonly info: ComponentInfo } {
  return runtimeComponentClass(complete(decl) as never) as never;
}

/**
 * A small stateless component as a function (Plugboard's `@component`): `step` gets the inputs and
 * returns the outputs to assign.
 *
 * @example
 * export const Offset = defineComponent({
 *   inputs: { a: port<number>() }, outputs: { x: port<number>() }, args: { offset: arg.number({ default: 0 }) },
 *   step: ({ a }, { args }) => ({ x: a + args.offset }),
 * });
 */
export function defineComponent<const I extends PortDecls = readonly [], const O extends PortDecls = readonly [], const A extends ArgDecls = {}>(
  decl: ModuleComponentDeclaration<I, O, A> & {
    step: (inputs: ModulePorts<I>, context: StepContext<ArgsOf<A>>) => Partial<ModulePorts<O>> | void | Promise<Partial<ModulePorts<O>> | void>;
    init?: (context: StepContext<ArgsOf<A>>) => void | Promise<void>;
  },
): ComponentClass {
  return runtimeDefineComponent(complete(decl) as never);
}
