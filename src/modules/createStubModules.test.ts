import { describe, expect, it } from 'vitest';
import type { TypeCatalog } from '../model/catalog.ts';
import type { ComponentSpec, ConfigSpec, ConnectorSpec } from '../model/spec.ts';
import { createEmptyRegistry } from '../runtime/registry.ts';
import { createStubModules, stubClassSource } from './createStubModules.ts';
import { inferUnresolvedTypes, toUnresolvedTypeInfos, type InferredType } from './inferTypes.ts';
import { loadModules } from './loadModules.ts';

const component = (name: string, type: string, args: Record<string, unknown> = {}, initialValues: Record<string, unknown[]> = {}): ComponentSpec => ({
  type,
  name,
  args: { name, ...args },
  initialValues,
  parameters: {},
  constraints: {},
  resources: null,
});
const wire = (source: string, target: string): ConnectorSpec => {
  const [se = '', sd = ''] = source.split('.');
  const [te = '', td = ''] = target.split('.');
  return { source: { entity: se, descriptor: sd }, target: { entity: te, descriptor: td }, mode: 'pipeline' };
};
const config = (components: ComponentSpec[], connectors: ConnectorSpec[]): ConfigSpec => ({
  process: {
    type: 'plugboard.process.LocalProcess',
    connectorBuilder: { type: 'plugboard.connector.AsyncioConnector', args: {} },
    name: null,
    components,
    connectors,
    parameters: {},
    state: { type: 'plugboard.state.DictStateBackend', args: {} },
  },
  tune: null,
});
const known: TypeCatalog = {
  lookup: (t) => (t === 'plugboard.library.file_io.FileWriter' ? ({ type: t } as never) : undefined),
  list: () => [],
};

const model = config(
  [
    component('input', 'production_line.Input', { items_per_step: 10 }),
    component('stock', 'production_line.InputStockpile', {}, { machine1_running: [false] }),
    component('ctrl', 'production_line.Controller', { threshold: 30 }),
    component('ctrl2', 'production_line.Controller', { threshold: 40.5, label: 'b' }),
    component('save', 'plugboard.library.file_io.FileWriter', { path: 'x.csv', field_names: ['size'] }),
    component('deep', 'examples.tutorials.res.Task'),
  ],
  [
    wire('input.items', 'stock.incoming_items'),
    wire('stock.size', 'ctrl.stockpile_size'),
    wire('stock.size', 'ctrl2.stockpile_size'),
    wire('ctrl.should_run', 'stock.machine1_running'),
    wire('stock.size', 'save.size'),
  ],
);

describe('unresolved types', () => {
  it('infer ports from connectors and initial values, args from uses', () => {
    const types = inferUnresolvedTypes(model, known);
    expect(types.map((t) => t.type)).toEqual(['production_line.Input', 'production_line.InputStockpile', 'production_line.Controller', 'examples.tutorials.res.Task']);
    const controller = types.find((t) => t.className === 'Controller')!;
    expect(controller).toMatchObject({ inputs: ['stockpile_size'], outputs: ['should_run'], components: ['ctrl', 'ctrl2'] });
    expect(controller.args).toEqual([
      { name: 'threshold', kind: 'number', required: true },
      { name: 'label', kind: 'string', required: false },
    ]);
    expect(types.find((t) => t.className === 'InputStockpile')).toMatchObject({ inputs: ['incoming_items', 'machine1_running'], outputs: ['size'] });
    expect(toUnresolvedTypeInfos(types)[0]).toMatchObject({ runnable: false, type: 'production_line.Input', outputs: ['items'] });
  });

  it('create one stub module per module name that compiles and registers the same ports', () => {
    const plan = createStubModules(inferUnresolvedTypes(model, known), []);
    expect(plan.modules.map((m) => m.file)).toEqual(['production_line.ts']);
    expect(plan.skipped.map((s) => s.type)).toEqual(['examples.tutorials.res.Task']);
    const registry = createEmptyRegistry();
    const { diagnostics, types } = loadModules(plan.modules, registry);
    expect(diagnostics).toEqual([]);
    expect(types.map((t) => t.type)).toEqual(['production_line.Input', 'production_line.InputStockpile', 'production_line.Controller']);
    expect(registry.lookup('production_line.Controller')).toMatchObject({ inputs: ['stockpile_size'], outputs: ['should_run'] });
    expect(registry.lookup('production_line.Controller')?.args.map((a) => [a.name, a.required])).toEqual([['threshold', true], ['label', false]]);
  });

  it('append missing stubs to an existing module without touching its imports', () => {
    const existing = { file: 'production_line.ts', source: "import { componentClass } from 'plugboard';\nexport class Input extends componentClass({ outputs: ['items'] }) {}\n" };
    const plan = createStubModules(inferUnresolvedTypes(model, known), [existing]);
    const source = plan.modules[0]!.source;
    expect(source.startsWith(existing.source)).toBe(true);
    expect(source.match(/export class Input\b/g)).toHaveLength(1);
    const { diagnostics, types } = loadModules(plan.modules, createEmptyRegistry());
    expect(diagnostics).toEqual([]);
    expect(types).toHaveLength(3);
  });
});

describe('stubs from untrusted text (issue 11 item 1)', () => {
  const hostile = (overrides: Partial<InferredType>): InferredType => ({
    type: 'evil.Thing',
    module: 'evil',
    className: 'Thing',
    inputs: ['a'],
    outputs: ['x'],
    args: [],
    components: ['thing'],
    ...overrides,
  });
  const pwned = () => (globalThis as { __pwned?: number }).__pwned;

  it('never turns user text into code: names, types and arg keys end up as string literals', () => {
    delete (globalThis as { __pwned?: number }).__pwned;
    const type = hostile({
      type: 'evil.Thing */ globalThis.__pwned = 1; /*',
      components: ['a */ globalThis.__pwned = 2; /*', "b'\n globalThis.__pwned = 3; //"],
      args: [{ name: "k'\n}); globalThis.__pwned = 4; ({", kind: 'number', required: true }],
    });
    const plan = createStubModules([type], []);
    expect(plan.skipped).toEqual([]);
    const { diagnostics, types } = loadModules(plan.modules, createEmptyRegistry());
    expect(diagnostics).toEqual([]);
    expect(types.map((t) => t.type)).toEqual(['evil.Thing']);
    expect(pwned()).toBeUndefined();
    // The only user text outside string literals is the validated class and port names.
    expect(plan.modules[0]!.source).not.toMatch(/^\s*globalThis/m);
  });

  it('refuse ports that are not identifiers (the pasted-YAML injection) and say which', () => {
    const types = inferUnresolvedTypes(
      config([component('t', 'evil.Thing', {}, { "a\nglobalThis.__pwned = 5; //": [1] })], []),
      known,
    );
    const plan = createStubModules(types, []);
    expect(plan.modules).toEqual([]);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]!.reason).toContain('is not an identifier');
    expect(plan.skipped[0]!.reason).toContain('"a\\nglobalThis.__pwned = 5; //"');
    expect(() => stubClassSource(hostile({ outputs: ['x; globalThis.__pwned = 6'] }))).toThrow(/not an identifier/);
    expect(createStubModules([hostile({ className: 'class' })], []).skipped[0]!.reason).toContain('not a valid class name');
  });
});
