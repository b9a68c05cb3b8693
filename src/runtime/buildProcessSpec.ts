/**
 * Builds a {@link ProcessSpec} in code (tests, programmatic runs) without YAML, applying the same
 * defaults as the YAML loader (spec §2.2).
 */
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS, RAY_CONNECTOR, RAY_PROCESS, type ComponentSpec, type ConnectorSpec, type ProcessSpec } from '../model/spec.ts';

export interface ComponentInput {
  readonly type: string;
  readonly name: string;
  /** Constructor args besides name/initial_values/parameters. */
  readonly args?: Readonly<Record<string, unknown>>;
  readonly initial_values?: Readonly<Record<string, readonly unknown[]>>;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface ProcessInput {
  readonly components: readonly ComponentInput[];
  /** `'a.out_1 -> b.in_1'` strings (pipeline connectors). */
  readonly connectors?: readonly string[];
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly name?: string;
  /** 'ray' gives a RayProcess with RayConnector (no event connectors). */
  readonly kind?: 'local' | 'ray';
}

function portRef(text: string): { entity: string; descriptor: string } {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Expected 'component.field', got '${text}'`);
  return { entity: text.slice(0, dot).trim(), descriptor: text.slice(dot + 1).trim() };
}

/**
 * @example
 * const spec = buildProcessSpec({
 *   components: [{ type: 'hello_world.A', name: 'a', args: { iters: 3 } }, { type: 'hello_world.B', name: 'b', args: { path: 'b.txt' } }],
 *   connectors: ['a.out_1 -> b.in_1'],
 * });
 */
export function buildProcessSpec(input: ProcessInput): ProcessSpec {
  const components: ComponentSpec[] = input.components.map((c) => ({
    type: c.type,
    name: c.name,
    args: { name: c.name, ...c.args, ...(c.initial_values ? { initial_values: c.initial_values } : {}), ...(c.parameters ? { parameters: c.parameters } : {}) },
    initialValues: c.initial_values ?? {},
    parameters: c.parameters ?? {},
    constraints: {},
    resources: null,
  }));
  const connectors: ConnectorSpec[] = (input.connectors ?? []).map((text) => {
    const [source, target] = text.split('->').map((s) => s.trim());
    if (!source || !target) throw new Error(`Expected 'a.x -> b.y', got '${text}'`);
    return { source: portRef(source), target: portRef(target), mode: 'pipeline' };
  });
  const ray = input.kind === 'ray';
  return {
    type: ray ? RAY_PROCESS : LOCAL_PROCESS,
    connectorBuilder: { type: ray ? RAY_CONNECTOR : ASYNCIO_CONNECTOR, args: {} },
    name: input.name ?? null,
    components,
    connectors,
    parameters: input.parameters ?? {},
    state: { type: ray ? 'plugboard.state.RayStateBackend' : 'plugboard.state.DictStateBackend', args: {} },
  };
}
