/**
 * A Python component class as a TypeScript runtime component: the TS runtime keeps the step
 * cycle, channels, closing and event delivery; each step binds the inputs in Python, runs the
 * class's `step` coroutine and reads the outputs back. A step that finishes without awaiting
 * anything is one synchronous call; one that awaits (e.g. `asyncio.sleep`) returns a promise.
 */
import type { ArgDecl, ArgDecls } from '../runtime/args.ts';
import { Component, componentClass, type ComponentArgs, type ComponentClass } from '../runtime/Component.ts';
import { defineEvent, type EventType, type PlugboardEvent } from '../runtime/events.ts';
import type { ArgKind } from '../model/catalog.ts';
import { toPythonError, type PythonErrorInfo } from './pythonErrors.ts';
import type { PyProxy, PythonRuntime } from './pythonRuntime.ts';

/** What `_plugboard_bridge.describe` reports about a class. */
export interface PythonClassInfo {
  readonly className: string;
  readonly description: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly inputEvents: readonly { type: string; className: string }[];
  readonly outputEvents: readonly { type: string; className: string }[];
  readonly handlers: readonly string[];
  readonly populated: readonly string[];
  readonly args: readonly { name: string; kind: ArgKind; required: boolean; default?: unknown }[];
  readonly resources: Readonly<Record<string, unknown>> | null;
  readonly hasStep: boolean;
}

interface Collected {
  readonly error: boolean;
  readonly closed: boolean;
  readonly events: readonly PlugboardEvent[];
  readonly assigned: Readonly<Record<string, unknown>>;
  readonly outputs: readonly unknown[];
}

interface ConvertibleProxy {
  toJs(options: object): unknown;
  destroy(): void;
}

function argDecl(a: PythonClassInfo['args'][number]): ArgDecl {
  return { kind: a.kind, required: a.required, ...('default' in a ? { default: a.default } : {}) };
}

/** `None` inside converted lists/dicts arrives as undefined: make it null, as at the top level. */
function nullify(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(nullify);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullify(v)]));
  }
  return value;
}

/** Python value (primitive or proxy) → plain JS data; `None` → null. */
function fromPython(value: unknown): unknown {
  if (value === undefined) return null;
  const type = typeof value;
  if (type === 'object' || type === 'function') {
    if (value === null) return null;
    const proxy = value as ConvertibleProxy;
    if (typeof proxy.toJs !== 'function') return value;
    const converted = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
    proxy.destroy();
    return nullify(converted);
  }
  return type === 'bigint' ? Number(value) : value;
}

/**
 * Builds the runtime class for one Python component class.
 * @example registry.register(createPythonComponentClass(python, 'hello_ray', info, pyClass));
 */
export function createPythonComponentClass(python: PythonRuntime, module: string, info: PythonClassInfo, pyClass: PyProxy): ComponentClass {
  const { bridge, mark, pyodide } = python;
  const eventTypes = new Map<string, EventType>();
  const eventType = (e: { type: string; className: string }): EventType => {
    const existing = eventTypes.get(e.type) ?? defineEvent(e.type, e.className);
    eventTypes.set(e.type, existing);
    return existing;
  };
  const args: Record<string, ArgDecl> = {};
  for (const a of info.args) args[a.name] = argDecl(a);
  const Base = componentClass({
    type: `${module}.${info.className}`,
    description: info.description || `${info.className} from ${module}.py`,
    inputs: info.inputs,
    outputs: info.outputs,
    inputEvents: info.inputEvents.map(eventType),
    outputEvents: info.outputEvents.map(eventType),
    args: args as ArgDecls,
    ...(info.resources ? { resources: info.resources } : {}),
    ...(info.populated.length ? { eventPopulatedFields: info.populated } : {}),
  }) as unknown as new (args: ComponentArgs) => Component;
  const stepper = info.hasStep ? (bridge.make_stepper(pyClass) as PyProxy) : undefined;
  const inputs = info.inputs;
  const outputs = info.outputs;
  const single = outputs.length === 1 ? outputs[0]! : undefined;
  const toPy = (pyodide as unknown as { toPy(v: unknown): ConvertibleProxy }).toPy;

  class PythonComponent extends Base {
    /** @internal the Python instance. */
    readonly py: PyProxy;
    private readonly callArgs: unknown[];
    private readonly buf: unknown[] = outputs.map(() => null);
    /** Log lines from `__init__` (print, self._logger), kept until the run attaches its log. */
    private early: [string, 'info' | 'warning' | 'error'][] | undefined = [];

    constructor(componentArgs: ComponentArgs) {
      super(componentArgs);
      const host = {
        log: (level: string, text: string) => {
          const entry: [string, 'info' | 'warning' | 'error'] = [text, level === 'error' || level === 'warning' ? level : 'info'];
          if (this.early) this.early.push(entry);
          else this.log(...entry);
        },
        truncateFile: (path: string) => this.files.truncate(path, this.name),
        appendFile: (path: string, text: string) => this.files.append(path, this.name, text),
        readFile: (path: string) => this.files.read(path),
      };
      const created = bridge.construct(pyClass, JSON.stringify(componentArgs), host);
      if (created === mark) throw toPythonError(JSON.parse(bridge.take_construct_error() as string) as PythonErrorInfo);
      this.py = created as PyProxy;
      this.callArgs = [this.py, ...inputs.map(() => undefined), ...(single === undefined ? [this.buf] : [])];
      for (const type of info.handlers) {
        const declared = info.inputEvents.find((e) => e.type === type);
        if (!declared) continue;
        this.on(eventType(declared), (event) => {
          const result = bridge.handle_event(this.py, JSON.stringify(event));
          return result === mark ? this.finishSpecial() : undefined;
        });
      }
    }

    override attach(context: Parameters<Component['attach']>[0]): void {
      super.attach(context);
      const early = this.early ?? [];
      this.early = undefined;
      for (const entry of early) this.log(...entry);
    }

    override init(): void | Promise<void> {
      bridge.set_parameters(this.py, JSON.stringify(this.parameters));
      return bridge.call(this.py, 'init') === mark ? this.finishSpecial() : undefined;
    }

    override destroy(): void | Promise<void> {
      const done = (): void => this.py.destroy();
      if (bridge.call(this.py, 'destroy') !== mark) return done();
      const finished = this.finishSpecial();
      return finished ? finished.then(done) : done();
    }

    /** Slow path: awaits a suspended coroutine, then applies error/events/closing/outputs. */
    finishSpecial(): Promise<void> | undefined {
      const pending = bridge.take_pending(this.py) as (PromiseLike<unknown> & { destroy(): void }) | undefined;
      if (pending === undefined || pending === null) {
        this.applyCollected();
        return undefined;
      }
      return Promise.resolve(pending).then(() => {
        pending.destroy();
        this.applyCollected();
      });
    }

    private applyCollected(): void {
      const state = JSON.parse(bridge.collect(this.py) as string) as Collected;
      if (state.error) throw toPythonError(JSON.parse(bridge.take_error(this.py) as string) as PythonErrorInfo);
      const out = this.out as Record<string, unknown>;
      outputs.forEach((name, k) => (out[name] = state.outputs[k] ?? null));
      const inBox = this.in as Record<string, unknown>;
      for (const [name, value] of Object.entries(state.assigned)) inBox[name] = value;
      for (const event of state.events) this.io.queueEvent(event);
      if (state.closed && !this.ioClosed) this.io.close();
    }

    /** @internal one step (see class doc). */
    pythonStep(): void | Promise<void> {
      const callArgs = this.callArgs;
      const values = this.inputValues;
      const proxies: ConvertibleProxy[] = [];
      for (let k = 0; k < inputs.length; k++) {
        const v = values[inputs[k]!];
        if (v === null || v === undefined) callArgs[k + 1] = undefined;
        else if (typeof v === 'object') {
          const proxy = toPy(v);
          proxies.push(proxy);
          callArgs[k + 1] = proxy;
        } else callArgs[k + 1] = v;
      }
      const result = stepper!(...callArgs);
      for (const proxy of proxies) proxy.destroy();
      if (result === mark) return this.finishSpecial();
      const out = this.out as Record<string, unknown>;
      if (single !== undefined) out[single] = fromPython(result);
      else for (let k = 0; k < outputs.length; k++) out[outputs[k]!] = fromPython(this.buf[k]);
    }
  }
  if (stepper) (PythonComponent.prototype as { step?: () => void | Promise<void> }).step = PythonComponent.prototype.pythonStep;
  return PythonComponent as unknown as ComponentClass;
}
