/**
 * The component authoring API: the {@link Component} base class, the {@link componentClass}
 * declaration helper and the function-style {@link defineComponent} (Plugboard's `@component`).
 */
import type { ComponentTypeInfo } from '../model/catalog.ts';
import type { Status } from '../protocol/events.ts';
import { COMMON_ARGS, resolveArgs, toArgInfos, type ArgDecls, type ArgsOf } from './args.ts';
import { StopEvent, type EventType, type EventTypeInfo, type PlugboardEvent } from './events.ts';
import { createFileStore, type FileStore } from './files.ts';

/** Phantom marker giving a port its value type. @example inputs: { x: port<number>() } */
export interface Port<T = unknown> {
  readonly __port?: T;
}
/** @example outputs: { timestamp: port<string>() } */
export function port<T = unknown>(): Port<T> {
  return {};
}

/** Ports as a list of names (values typed `unknown`) or as a map of typed {@link Port}s. */
export type PortDecls = readonly string[] | Readonly<Record<string, Port<unknown>>>;
/** The value type of declared ports: `{ x: number }` for `{ x: port<number>() }`. */
export type PortsOf<D> = D extends readonly (infer K extends string)[]
  ? { -readonly [P in K]: unknown }
  : { -readonly [P in keyof D]: D[P] extends Port<infer T> ? T : unknown };

/** What a component class declares (spec §3.1); also the source of its catalog entry. */
export interface ComponentDeclaration<I extends PortDecls = PortDecls, O extends PortDecls = PortDecls, A extends ArgDecls = ArgDecls> {
  /** Canonical Plugboard type path: '<module>.<ClassName>', e.g. 'hello_ray.Sleep'. */
  readonly type: string;
  /** One line for the palette. */
  readonly description: string;
  readonly inputs?: I;
  readonly outputs?: O;
  readonly inputEvents?: readonly EventTypeInfo[];
  readonly outputEvents?: readonly EventTypeInfo[];
  readonly args?: A;
  /** Ports of a configured instance, when they depend on its args (FileWriter's field_names). */
  readonly portsFor?: (args: Readonly<Record<string, unknown>>) => { inputs: readonly string[]; outputs: readonly string[] };
  /** Class-level resources (spec §11); replaced wholesale by instance resources (Q6). */
  readonly resources?: Readonly<Record<string, unknown>>;
  /** Input fields event handlers populate (Plugboard's `populates_fields`; validation only, §6.3). */
  readonly eventPopulatedFields?: readonly string[];
  /** Plugboard's own name for {@link eventPopulatedFields} (either may be given). */
  readonly populates_fields?: readonly string[];
}

/** Catalog entry plus what the runtime needs: arg declarations and event types. */
export interface ComponentInfo extends ComponentTypeInfo {
  readonly argDecls: ArgDecls;
  readonly inputEventTypes: readonly EventTypeInfo[];
  readonly outputEventTypes: readonly EventTypeInfo[];
  readonly resources?: Readonly<Record<string, unknown>>;
}

/** Constructor input: a ComponentSpec's `args` (name, initial_values, parameters and extras). */
export type ComponentArgs = Readonly<Record<string, unknown>> & { readonly name: string };

/** A registrable component class. */
export interface ComponentClass {
  new (args: ComponentArgs): Component;
  readonly info: ComponentInfo;
}

/** Services the runtime gives a component (files, logs). */
export interface ComponentContext {
  readonly files: FileStore;
  log(level: 'info' | 'warning' | 'error', message: string): void;
}

/** Raised inside a step by IO operations on a closed IO; ends the component's run normally. */
export class IOStreamClosedError extends Error {
  override name = 'IOStreamClosedError';
  constructor(component: string) {
    super(`IO stream closed for component '${component}'`);
  }
}

/** `this.io`: the component's declared IO plus close and event queueing (spec §3.1, §3.10, §6.2). */
export interface ComponentIO {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly inputEvents: readonly string[];
  readonly outputEvents: readonly string[];
  readonly isClosed: boolean;
  /** Closes the component's IO: its outputs close and values of the current step are not sent (Q3). */
  close(): void;
  /** Queues an event sent at the end of this step (to every subscriber of its type). */
  queueEvent(event: PlugboardEvent<unknown>): void;
}

type Handler = (event: PlugboardEvent<never>) => PlugboardEvent<unknown> | void | Promise<PlugboardEvent<unknown> | void>;

function portNames(decl: PortDecls | undefined): string[] {
  if (!decl) return [];
  return Array.isArray(decl) ? [...(decl as readonly string[])] : Object.keys(decl);
}

/** Builds the catalog/runtime info of a declaration. */
export function componentInfo(decl: ComponentDeclaration<PortDecls, PortDecls, ArgDecls>, hasStep = true): ComponentInfo {
  const dot = decl.type.lastIndexOf('.');
  const inputEvents = decl.inputEvents ?? [];
  const outputEvents = decl.outputEvents ?? [];
  return {
    type: decl.type,
    module: dot > 0 ? decl.type.slice(0, dot) : '',
    className: dot > 0 ? decl.type.slice(dot + 1) : decl.type,
    description: decl.description,
    inputs: portNames(decl.inputs),
    outputs: portNames(decl.outputs),
    inputEvents: [StopEvent.type, ...inputEvents.map((e) => e.type)],
    outputEvents: [StopEvent.type, ...outputEvents.map((e) => e.type)],
    args: toArgInfos(decl.args ?? {}),
    runnable: hasStep,
    ...(decl.portsFor ? { portsFor: decl.portsFor } : {}),
    ...(inputEvents.length + outputEvents.length > 0 ? { eventClasses: Object.fromEntries([...inputEvents, ...outputEvents].map((e) => [e.type, e.className])) } : {}),
    ...((decl.eventPopulatedFields ?? decl.populates_fields) ? { eventPopulatedFields: decl.eventPopulatedFields ?? decl.populates_fields } : {}),
    argDecls: decl.args ?? {},
    inputEventTypes: inputEvents,
    outputEventTypes: outputEvents,
    ...(decl.resources ? { resources: decl.resources } : {}),
  };
}

/**
 * Base class of every component. Prefer extending {@link componentClass}, which types
 * `this.in`, `this.out` and `this.args` from one declaration.
 *
 * Semantics (spec §3): inputs and outputs persist across steps; an output never assigned is sent
 * as `null`; every output is re-sent after every step; assigning an input field (e.g. in an event
 * handler) counts as receiving it this cycle; `this.io.close()` ends the component.
 *
 * @example
 * class Double extends componentClass({ type: 'my.Double', description: 'x → 2x',
 *   inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {
 *   override step() { this.out.y = 2 * this.in.x; }
 * }
 */
export abstract class Component<In extends object = Record<string, unknown>, Out extends object = Record<string, unknown>, Args extends object = Record<string, unknown>> {
  /** Set by {@link componentClass}; read by the registry. */
  static readonly info: ComponentInfo;

  readonly name: string;
  /** Resolved constructor args (declared defaults applied). */
  readonly args: Args;
  /** Current input values (`null` until first received). Values may be `null` if upstream sent `null`. */
  readonly in: In;
  /** Current output values, sent after every step (`null` if never assigned). */
  readonly out: Out;
  /** Process parameters merged with this component's own (component wins, spec §5.6). */
  parameters: Record<string, unknown>;
  readonly initialValues: Readonly<Record<string, readonly unknown[]>>;
  readonly constraints: Readonly<Record<string, unknown>>;
  readonly resources: unknown;
  readonly io: ComponentIO;
  /** Optional user step; a class without it never steps (spec §3.8 rule 1). */
  step?(): void | Promise<void>;
  /**
   * Optional override of can-step rule 4 (spec §3.8 rule 5, DataWriter): gets the input fields
   * received this cycle (already bound to `this.in`) and decides whether `step` runs.
   */
  canStep?(received: readonly string[]): boolean;

  /** @internal steps taken so far (step events may be sampled; the final status carries this count). */
  stepsTaken = 0;
  /** @internal values behind `this.in`. */
  readonly inputValues: Record<string, unknown> = {};
  /** @internal input fields assigned outside the runtime's read this cycle (handlers, init). */
  readonly assignedInputs = new Set<string>();
  /** @internal events queued this step. */
  readonly queuedEvents: PlugboardEvent<unknown>[] = [];
  /** @internal */
  readonly handlers = new Map<string, Handler>();
  private context: ComponentContext = { files: createFileStore(), log: () => undefined };
  private currentStatus: Status = 'created';
  /** @internal true once the IO is closed (read directly by the loop: cheaper than `io.isClosed`). */
  ioClosed = false;
  /** @internal status listener installed by the runtime. */
  statusListener: ((status: Status, error?: unknown) => void) | null = null;

  constructor(args: ComponentArgs) {
    const info = (this.constructor as ComponentClass).info;
    if (!info) throw new Error(`${this.constructor.name} has no static info: extend componentClass({...})`);
    this.name = args.name;
    this.args = resolveArgs(info.argDecls, args, info.type) as Args;
    this.initialValues = (args.initial_values ?? {}) as Record<string, readonly unknown[]>;
    this.parameters = { ...((args.parameters ?? {}) as Record<string, unknown>) };
    this.constraints = (args.constraints ?? {}) as Record<string, unknown>;
    this.resources = args.resources ?? info.resources ?? null;
    const ports = info.portsFor ? info.portsFor(this.args as Record<string, unknown>) : info;
    const inputs = [...ports.inputs];
    const outputs = [...ports.outputs];
    for (const field of Object.keys(this.initialValues)) {
      if (!inputs.includes(field)) throw new Error(`Component '${this.name}': initial_values key '${field}' is not an input field`);
    }
    const inBox = {} as Record<string, unknown>;
    for (const field of inputs) {
      this.inputValues[field] = null;
      Object.defineProperty(inBox, field, {
        enumerable: true,
        get: () => this.inputValues[field],
        set: (v: unknown) => {
          this.inputValues[field] = v;
          this.assignedInputs.add(field);
        },
      });
    }
    this.in = inBox as In;
    const outBox: Record<string, unknown> = {};
    for (const field of outputs) outBox[field] = null;
    this.out = outBox as Out;
    const self = this;
    const outputEvents = new Set(info.outputEvents);
    this.io = {
      inputs,
      outputs,
      inputEvents: info.inputEvents,
      outputEvents: info.outputEvents,
      get isClosed() {
        return self.ioClosed;
      },
      close: () => {
        this.ioClosed = true;
      },
      queueEvent: (event) => {
        if (this.ioClosed) throw new IOStreamClosedError(this.name);
        if (!outputEvents.has(event.type)) throw new Error(`Component '${this.name}' does not declare output event '${event.type}'`);
        this.queuedEvents.push(event);
      },
    };
    this.on(StopEvent, () => {
      this.io.close();
      this.setStatus('stopped');
    });
  }

  /** The component's type info (catalog entry). */
  get info(): ComponentInfo {
    return (this.constructor as ComponentClass).info;
  }

  get status(): Status {
    return this.currentStatus;
  }

  /** @internal Sets the status and notifies the runtime. */
  setStatus(status: Status, error?: unknown): void {
    this.currentStatus = status;
    this.statusListener?.(status, error);
  }

  /** Files of the current run. */
  get files(): FileStore {
    return this.context.files;
  }

  /** @internal Attaches runtime services. */
  attach(context: ComponentContext): void {
    this.context = context;
  }

  /** Logs a message into the run's event stream. */
  log(message: string, level: 'info' | 'warning' | 'error' = 'info'): void {
    this.context.log(level, message);
  }

  /**
   * Registers the handler of an event type (call it in the constructor or `init`). A handler may
   * assign input fields and may return an event to queue (spec §6.3).
   *
   * @example this.on(HighEvent, (e) => { this.latest = e.data; });
   */
  on<D>(type: EventType<D>, handler: (event: PlugboardEvent<D>) => PlugboardEvent<unknown> | void | Promise<PlugboardEvent<unknown> | void>): void {
    this.handlers.set(type.type, handler as Handler);
  }

  /** Called once before the run (may be async). */
  init(): void | Promise<void> {}

  /** Called once after the run ends, whatever the outcome (writers flush here). */
  onRunEnd(_status: 'completed' | 'failed' | 'stopped'): void | Promise<void> {}

  /** Called when the process is destroyed. */
  destroy(): void | Promise<void> {}
}

/** Instance type of a class made by {@link componentClass}. */
export type ComponentOf<I extends PortDecls, O extends PortDecls, A extends ArgDecls> = Component<PortsOf<I>, PortsOf<O>, ArgsOf<A>>;

/** The abstract base class {@link componentClass} returns. */
export type DeclaredComponentClass<I extends PortDecls, O extends PortDecls, A extends ArgDecls> = (abstract new (args: ComponentArgs) => ComponentOf<I, O, A>) & {
  readonly info: ComponentInfo;
};

/**
 * Declares a component type and returns a base class typed from the declaration.
 *
 * @example
 * export class Sleep extends componentClass({
 *   type: 'hello_ray.Sleep', description: 'Blocks, then passes x on as y.',
 *   inputs: { x: port() }, outputs: { y: port() },
 *   args: { sleep_seconds: arg.number() },
 * }) {
 *   override step() { blockingSleep(this.args.sleep_seconds * 1000); this.out.y = this.in.x; }
 * }
 */
export function componentClass<const I extends PortDecls = readonly [], const O extends PortDecls = readonly [], const A extends ArgDecls = {}>(
  decl: ComponentDeclaration<I, O, A>,
): DeclaredComponentClass<I, O, A> {
  abstract class Declared extends Component<PortsOf<I>, PortsOf<O>, ArgsOf<A>> {
    static override readonly info: ComponentInfo = componentInfo(decl);
  }
  return Declared;
}

/** What a function component's step receives besides its inputs. */
export interface StepContext<Args> {
  readonly name: string;
  readonly args: Args;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly io: ComponentIO;
  readonly files: FileStore;
}

/**
 * Function-style component (Plugboard's `@component`, spec §3.15): `step` gets the inputs and
 * returns a mapping of outputs to assign (returning nothing leaves outputs unchanged).
 *
 * @example
 * export const Offset = defineComponent({
 *   type: 'my_module.Offset', description: 'x = a + offset',
 *   inputs: { a: port<number>() }, outputs: { x: port<number>() }, args: { offset: arg.number({ default: 0 }) },
 *   step: ({ a }, { args }) => ({ x: a + args.offset }),
 * });
 */
export function defineComponent<const I extends PortDecls = readonly [], const O extends PortDecls = readonly [], const A extends ArgDecls = {}>(
  decl: ComponentDeclaration<I, O, A> & {
    step: (inputs: PortsOf<I>, context: StepContext<ArgsOf<A>>) => Partial<PortsOf<O>> | void | Promise<Partial<PortsOf<O>> | void>;
    init?: (context: StepContext<ArgsOf<A>>) => void | Promise<void>;
  },
): ComponentClass {
  const Base = componentClass<I, O, A>(decl) as unknown as new (args: ComponentArgs) => Component;
  class FunctionComponent extends Base {
    private stepContext(): StepContext<ArgsOf<A>> {
      return { name: this.name, args: this.args as ArgsOf<A>, parameters: this.parameters, io: this.io, files: this.files };
    }
    override init(): void | Promise<void> {
      return decl.init?.(this.stepContext());
    }
    override step(): void | Promise<void> {
      const result = decl.step({ ...this.inputValues } as PortsOf<I>, this.stepContext());
      const assign = (r: unknown): void => {
        if (r === undefined) return;
        if (r === null || typeof r !== 'object') throw new Error(`${decl.type}: step must return a mapping of outputs`);
        Object.assign(this.out, r);
      };
      if (result && typeof (result as Promise<unknown>).then === 'function') return (result as Promise<unknown>).then(assign);
      assign(result);
    }
  }
  return FunctionComponent as unknown as ComponentClass;
}

/** Keys of a ComponentSpec's args that are not constructor args of the class. */
export const isCommonArg = (key: string): boolean => COMMON_ARGS.has(key);
