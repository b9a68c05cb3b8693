import type { ComponentSpec, ConnectorSpec, ProcessSpec } from '../spec.ts';
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS } from '../spec.ts';
import { DICT_STATE } from '../constants.ts';

/** Test helper: a component spec with defaults. */
export function comp(name: string, type: string, args: Record<string, unknown> = {}, initialValues: Record<string, unknown[]> = {}): ComponentSpec {
  return { type, name, args: { name, ...args }, initialValues, parameters: {}, constraints: {}, resources: null };
}

/** Test helper: `a.x->b.y` connector. */
export function conn(text: string): ConnectorSpec {
  const [s, t] = text.split('->') as [string, string];
  const [se, sd] = s.split('.') as [string, string];
  const [te, td] = t.split('.') as [string, string];
  return { source: { entity: se, descriptor: sd }, target: { entity: te, descriptor: td }, mode: 'pipeline' };
}

/** Test helper: a LocalProcess spec. */
export function proc(components: ComponentSpec[], connectors: ConnectorSpec[]): ProcessSpec {
  return {
    type: LOCAL_PROCESS,
    connectorBuilder: { type: ASYNCIO_CONNECTOR, args: { parameters: {} } },
    name: null,
    components,
    connectors,
    parameters: {},
    state: { type: DICT_STATE, args: { job_id: null, metadata: {} } },
  };
}
