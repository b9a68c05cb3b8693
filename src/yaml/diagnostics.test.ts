import { describe, expect, it } from 'vitest';
import { appendixCatalog } from '../model/testing/appendixCatalog.ts';
import { parseConfig } from './parseConfig.ts';

const catalog = appendixCatalog();

/** [code, severity, path, line, column] of every diagnostic (optionally only one code). */
function diags(text: string, code?: string, withCatalog = true) {
  const r = parseConfig(text, withCatalog ? { catalog, resolveRef: (ref) => (ref === 'other.yaml' ? 'plugboard:\n  tune: {}\n' : undefined) } : {});
  return r.diagnostics.filter((d) => code === undefined || d.code === code).map((d) => [d.code, d.severity, d.path, d.range?.start.line, d.range?.start.column]);
}

/** A hello_world model with optional extra lines; line numbers below refer to this layout. */
const base = (opts: { head?: string; a?: string; b?: string; conns?: string } = {}) =>
  `plugboard:
  process:${opts.head ?? ''}
    args:
      components:
      - type: hello_world.A
        args:
          name: a
          iters: 3${opts.a ?? ''}
      - type: hello_world.B
        args:
          name: b
          path: b.txt${opts.b ?? ''}
      connectors:
${opts.conns ?? '      - source: a.out_1\n        target: b.in_1'}
`;

describe('parse diagnostics', () => {
  it('baseline is clean', () => {
    expect(diags(base())).toEqual([]);
  });

  it('yaml-syntax with exact position, and no config', () => {
    const r = parseConfig('plugboard:\n  process: [1, 2\n');
    expect(r.config).toBeUndefined();
    expect(diags('plugboard:\n  process: [1, 2\n')).toEqual([['yaml-syntax', 'error', '', 3, 1]]);
    expect(r.diagnostics[0]?.message).toContain('end with a ]');
    expect(diags('a:\n\tb: 1\n')).toEqual([['yaml-syntax', 'error', '', 2, 1]]);
    expect(diags('a: 1\n b: 2\n')[0]).toEqual(['yaml-syntax', 'error', '', 1, 4]);
  });

  it('duplicate-key warns and keeps the last value', () => {
    const text = base({ a: '\n          iters: 4' });
    expect(diags(text, 'duplicate-key')).toEqual([['duplicate-key', 'warning', 'plugboard.process.args.components[0].args.iters', 9, 11]]);
    expect(parseConfig(text).config?.process.components[0]?.args['iters']).toBe(4);
  });

  it('unknown-key where Plugboard forbids extras, pointing at the key', () => {
    expect(diags(base({ head: '\n    typo: 1' }), 'unknown-key')).toEqual([['unknown-key', 'error', 'plugboard.process.typo', 3, 5]]);
    expect(diags('plugboard:\n  process:\n    args:\n      components:\n      - type: hello_world.A\n        arg: {}\n', 'unknown-key')).toEqual([['unknown-key', 'error', 'plugboard.process.args.components[0].arg', 6, 9]]);
  });

  it('missing-required name and invalid-type components; config undefined', () => {
    const r = parseConfig('plugboard:\n  process:\n    args:\n      components:\n      - type: hello_world.A\n        args:\n          iters: 3\n');
    expect(r.config).toBeUndefined();
    expect(diags('plugboard:\n  process:\n    args:\n      components:\n      - type: hello_world.A\n        args:\n          iters: 3\n', 'missing-required')).toEqual([['missing-required', 'error', 'plugboard.process.args.components[0].args', 6, 9]]);
    expect(diags('plugboard:\n  process:\n    args:\n      components: 3\n', 'invalid-type')).toEqual([['invalid-type', 'error', 'plugboard.process.args.components', 4, 19]]);
  });

  it('connectors: null is an error; parameters/state null are defaults', () => {
    expect(diags(base({ conns: '      parameters:\n      state:' }).replace('connectors:\n', 'connectors: null\n'), 'invalid-type')).toEqual([['invalid-type', 'error', 'plugboard.process.args.connectors', 13, 19]]);
    const ok = parseConfig(base().replace('      connectors:', '      parameters: null\n      state: null\n      connectors:'));
    expect(ok.config?.process.parameters).toEqual({});
    expect(ok.config?.process.state.type).toBe('plugboard.state.DictStateBackend');
  });

  it('invalid-process-type; long names are normalised', () => {
    expect(diags(base({ head: '\n    type: LocalProcess' }), 'invalid-process-type')).toEqual([['invalid-process-type', 'error', 'plugboard.process.type', 3, 11]]);
    expect(parseConfig(base({ head: '\n    type: plugboard.process.local_process.LocalProcess' })).config?.process.type).toBe('plugboard.process.LocalProcess');
  });

  it('RayProcess with the default connector is an error; Ray state default swap', () => {
    const text = base({ head: '\n    type: plugboard.process.ray_process.RayProcess' });
    expect(diags(text, 'process-connector-mismatch')).toEqual([['process-connector-mismatch', 'error', 'plugboard.process.type', 3, 11]]);
    const explicit = base({ head: '\n    type: plugboard.process.RayProcess\n    connector_builder:\n      type: plugboard.connector.AsyncioConnector' });
    expect(diags(explicit, 'process-connector-mismatch')).toEqual([['process-connector-mismatch', 'error', 'plugboard.process.connector_builder.type', 5, 13]]);
    const keep = parseConfig(base({ head: '\n    type: plugboard.process.RayProcess\n    connector_builder: {type: plugboard.connector.RayConnector}' }).replace('      connectors:', '      state: {type: plugboard.state.SqliteStateBackend}\n      connectors:'));
    expect(keep.config?.process.state.type).toBe('plugboard.state.SqliteStateBackend');
  });

  it('LocalProcess with RayConnector is an info', () => {
    expect(diags(base({ head: '\n    connector_builder:\n      type: plugboard.connector.RayConnector' }), 'process-connector-mismatch')).toEqual([['process-connector-mismatch', 'info', 'plugboard.process.connector_builder.type', 4, 13]]);
  });

  it('invalid-name keeps the config', () => {
    const text = base().replace('name: a\n', 'name: 1a\n').replace('source: a.out_1', 'source: b.in_1');
    expect(diags(text, 'invalid-name')).toEqual([['invalid-name', 'error', 'plugboard.process.args.components[0].args.name', 7, 17]]);
    expect(parseConfig(text).config).toBeDefined();
  });

  it('invalid-port-ref for malformed strings; mapping form only warns (Q21)', () => {
    expect(diags(base({ conns: '      - source: a.out-1\n        target: b.in_1' }), 'invalid-port-ref')).toEqual([['invalid-port-ref', 'error', 'plugboard.process.args.connectors[0].source', 14, 17]]);
    expect(diags(base({ conns: '      - source: "a.b.c"\n        target: b.in_1' }), 'invalid-port-ref')[0]?.[0]).toBe('invalid-port-ref');
    const mapped = base({ conns: '      - source: {entity: a, descriptor: out-1}\n        target: b.in_1' });
    expect(diags(mapped, 'port-ref-pattern')).toEqual([['port-ref-pattern', 'warning', 'plugboard.process.args.connectors[0].source', 14, 17]]);
  });

  it('invalid-connector-mode and invalid-job-id', () => {
    expect(diags(base({ conns: '      - source: a.out_1\n        target: b.in_1\n        mode: fast' }), 'invalid-connector-mode')).toEqual([['invalid-connector-mode', 'error', 'plugboard.process.args.connectors[0].mode', 16, 15]]);
    expect(diags(base().replace('      connectors:', '      state:\n        args: {job_id: job1}\n      connectors:'), 'invalid-job-id')).toEqual([['invalid-job-id', 'error', 'plugboard.process.args.state.args.job_id', 14, 24]]);
  });

  it('process-ref-unresolved and process-ref-invalid', () => {
    expect(diags('plugboard:\n  process: missing.yaml\n', 'process-ref-unresolved')).toEqual([['process-ref-unresolved', 'error', 'plugboard.process', 2, 12]]);
    const r = parseConfig('plugboard:\n  process: other.yaml\n', { resolveRef: () => 'plugboard:\n  tune: {}\n' });
    expect(r.config).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([['process-ref-invalid', 'other.yaml']]);
  });

  it('initial-values-not-array (Q10)', () => {
    expect(diags(base({ b: '\n          initial_values:\n            in_1: 0' }), 'initial-values-not-array')).toEqual([['initial-values-not-array', 'error', 'plugboard.process.args.components[1].args.initial_values.in_1', 14, 19]]);
    expect(diags(base({ b: '\n          initial_values:\n            in_1: "ab"' }), 'initial-values-not-array')).toHaveLength(1);
  });

  it('extra process args are accepted but reported as ignored', () => {
    expect(diags(base().replace('      connectors:', '      foo: 1\n      connectors:'), 'ignored-key')).toEqual([['ignored-key', 'info', 'plugboard.process.args.foo', 13, 7]]);
  });

  it('never throws on odd input', () => {
    for (const t of ['', '~', '[]', '42', 'plugboard: 1', 'plugboard:\n  process: {}', '*x', 'a: &a [*a]', 'plugboard:\n  process:\n    args:\n      components: [1, null, {type: 1, args: []}]']) {
      const r = parseConfig(t, { catalog });
      expect(r.config).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe('semantic diagnostics', () => {
  it('duplicate-component-name is a warning (Q7)', () => {
    const text = base().replace('name: b\n', 'name: a\n');
    expect(diags(text, 'duplicate-component-name')).toEqual([['duplicate-component-name', 'warning', 'plugboard.process.args.components[1].args.name', 11, 17]]);
  });

  it('unknown-component in a connector is a warning; unknown-port is an error', () => {
    expect(diags(base({ conns: '      - source: a.out_1\n        target: b.in_1\n      - source: a.out_1\n        target: zz.in_1' }), 'unknown-component')).toEqual([['unknown-component', 'warning', 'plugboard.process.args.connectors[1].target', 17, 17]]);
    expect(diags(base({ conns: '      - source: a.out_2\n        target: b.in_1' }), 'unknown-port')).toEqual([['unknown-port', 'error', 'plugboard.process.args.connectors[0].source', 14, 17]]);
  });

  it('unknown-port uses portsFor (FileWriter field_names are inputs)', () => {
    const text = base().replace('type: hello_world.B', 'type: plugboard.library.file_io.FileWriter').replace('path: b.txt', 'path: b.csv\n          field_names: [x]');
    expect(diags(text, 'unknown-port')).toEqual([['unknown-port', 'error', 'plugboard.process.args.connectors[0].target', 16, 17]]);
    expect(diags(text.replace('target: b.in_1', 'target: b.x'))).toEqual([]);
  });

  it('unknown-component-type names the type and close matches', () => {
    const r = parseConfig(base().replace('hello_world.B', 'hello_world.BB'), { catalog });
    const d = r.diagnostics.find((x) => x.code === 'unknown-component-type');
    expect([d?.path, d?.range?.start.line, d?.range?.start.column, d?.component]).toEqual(['plugboard.process.args.components[1].type', 9, 15, 'b']);
    expect(d?.message).toContain("Unknown component type 'hello_world.BB'");
    expect(d?.message).toContain("'hello_world.B'");
  });

  it('unconnected-inputs with the upstream message', () => {
    const r = parseConfig(base({ conns: '      []' }).replace('connectors:\n      []', 'connectors: []'), { catalog });
    const d = r.diagnostics.find((x) => x.code === 'unconnected-inputs');
    expect(d?.message.startsWith("Component 'b' has unconnected inputs: ['in_1']")).toBe(true);
    expect([d?.path, d?.range?.start.line, d?.range?.start.column, d?.field]).toEqual(['plugboard.process.args.components[1].args.name', 11, 17, 'in_1']);
  });

  it('input-event-no-producer', () => {
    const text = 'plugboard:\n  process:\n    args:\n      components:\n      - type: hello_events.CollectLow\n        args: {name: c}\n';
    expect(diags(text, 'input-event-no-producer')).toEqual([['input-event-no-producer', 'error', 'plugboard.process.args.components[0].type', 5, 15]]);
  });

  it('cycle-without-initial-values, resolved by initial_values, plus self-loop warning', () => {
    const loop = (iv: string) => `plugboard:
  process:
    args:
      components:
      - type: components.Scale
        args: {name: s${iv}}
      - type: components.Offset
        args: {name: o}
      connectors:
      - source: s.x
        target: o.a
      - source: o.x
        target: s.a
`;
    expect(diags(loop(''), 'cycle-without-initial-values')).toEqual([['cycle-without-initial-values', 'error', 'plugboard.process.args.connectors[0]', 10, 9]]);
    expect(parseConfig(loop(''), { catalog }).diagnostics.find((d) => d.code === 'cycle-without-initial-values')?.message).toBe(
      'Circular connection detected without initial values: s -> o -> s. Set initial_values on a component input within the loop to resolve.',
    );
    expect(diags(loop(', initial_values: {a: [0]}'))).toEqual([]);
    expect(diags(loop(', initial_values: {a: []}'))).toEqual([]); // Q10: an empty list resolves
    const self = 'plugboard:\n  process:\n    args:\n      components:\n      - type: components.Scale\n        args: {name: s}\n      connectors:\n      - source: s.x\n        target: s.a\n';
    expect(diags(self, 'self-loop')).toEqual([['self-loop', 'warning', 'plugboard.process.args.connectors[0]', 8, 9]]);
    expect(diags(self, 'cycle-without-initial-values')).toEqual([]);
    // The loop's input has an initial value: it starts by itself, so no "may wait forever".
    expect(diags(self.replace('{name: s}', '{name: s, initial_values: {a: [1]}}'), 'self-loop')).toEqual([]);
  });

  it('initial-values-unknown-input', () => {
    expect(diags(base({ b: '\n          initial_values: {nope: [1]}' }), 'initial-values-unknown-input')).toEqual([['initial-values-unknown-input', 'error', 'plugboard.process.args.components[1].args.initial_values.nope', 13, 34]]);
  });

  it('missing-arg, arg-type and unknown-arg against ArgInfo', () => {
    expect(diags(base().replace('          iters: 3\n', ''), 'missing-arg')).toEqual([['missing-arg', 'error', 'plugboard.process.args.components[0].args', 6, 9]]);
    expect(diags(base().replace('iters: 3', 'iters: "3"'), 'arg-type')).toEqual([['arg-type', 'warning', 'plugboard.process.args.components[0].args.iters', 8, 18]]);
    expect(diags(base({ a: '\n          speed: 2' }), 'unknown-arg')).toEqual([['unknown-arg', 'warning', 'plugboard.process.args.components[0].args.speed', 9, 11]]);
  });

  it('invalid-resources (spec §11)', () => {
    expect(diags(base({ a: '\n          resources: {cpu: "-1", disk: 3}' }), 'invalid-resources')).toEqual([
      ['invalid-resources', 'error', 'plugboard.process.args.components[0].args.resources.disk', 9, 40],
      ['invalid-resources', 'error', 'plugboard.process.args.components[0].args.resources.cpu', 9, 28],
    ]);
  });

  it('semantic rules without a catalog skip type checks', () => {
    expect(diags(base().replace('hello_world.B', 'x.Y'), undefined, false)).toEqual([]);
  });
});

describe('referenced process files', () => {
  it('semantic diagnostics point into the referenced file', () => {
    const inner = base().replace('hello_world.B', 'hello_world.BB');
    const r = parseConfig('plugboard:\n  process: inner.yaml\n', { catalog, resolveRef: (ref) => (ref === 'inner.yaml' ? inner : undefined) });
    const d = r.diagnostics.find((x) => x.code === 'unknown-component-type');
    expect([d?.file, d?.path, d?.range?.start.line, d?.range?.start.column]).toEqual(['inner.yaml', 'plugboard.process.args.components[1].type', 9, 15]);
    const bad = parseConfig('plugboard:\n  process: inner.yaml\n', { resolveRef: () => 'plugboard:\n  process:\n    args: 3\n' });
    expect(bad.diagnostics.map((x) => [x.code, x.file, x.range?.start.line])).toEqual([['invalid-type', 'inner.yaml', 3]]);
  });
});

describe('tune diagnostics', () => {
  const withTune = (tune: string) => `${base()}  tune:\n${tune}`;
  it('flags unknown components, Q18 initial_value overrides and bad shapes', () => {
    const t = withTune('    args:\n      objective: {object_name: zz, field_name: x}\n      parameters:\n      - {type: ray.tune.randint, object_name: a, field_type: initial_value, field_name: iters, lower: 1, upper: 2}\n      - {type: ray.tune.randint, object_name: a, field_type: arg, field_name: nope, lower: 1, upper: 2}\n      num_samples: 0\n');
    expect(diags(t).filter((d) => String(d[0]).startsWith('tune'))).toEqual([
      ['tune-invalid', 'error', 'plugboard.tune.args.num_samples', 22, 20],
      ['tune-unknown-component', 'warning', 'plugboard.tune.args.objective.object_name', 18, 32],
      ['tune-initial-value', 'warning', 'plugboard.tune.args.parameters[0].field_type', 20, 62],
      ['tune-unknown-field', 'warning', 'plugboard.tune.args.parameters[1].field_name', 21, 79],
    ]);
    expect(diags(withTune('    foo: 1\n'), 'tune-invalid')).toEqual([['tune-invalid', 'error', 'plugboard.tune', 17, 5]]);
  });

  it('tune in a file that references its process keeps positions in the main file', () => {
    const r = parseConfig('plugboard:\n  process: inner.yaml\n  tune:\n    args: {objective: {object_name: q, field_name: x}, parameters: [{object_name: a, field_type: arg, field_name: iters}], num_samples: 1}\n', { catalog, resolveRef: () => base() });
    expect(r.diagnostics.map((d) => [d.code, d.file, d.range?.start.line])).toEqual([['tune-unknown-component', undefined, 4]]);
  });
});
