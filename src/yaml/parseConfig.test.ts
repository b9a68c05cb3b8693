import { describe, expect, it } from 'vitest';
import { appendixCatalog } from '../model/testing/appendixCatalog.ts';
import { DICT_STATE, RAY_STATE } from '../model/constants.ts';
import { RAY_CONNECTOR, RAY_PROCESS } from '../model/spec.ts';
import { parseConfig } from './parseConfig.ts';
import { fixtureNames, readFixture, resolveFixtureRef } from './fixtures.node.ts';

const catalog = appendixCatalog();

describe('parseConfig on the fixtures', () => {
  it.each(fixtureNames())('%s parses without errors or warnings', (name) => {
    const { config, diagnostics } = parseConfig(readFixture(name), { catalog, file: name, resolveRef: resolveFixtureRef });
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(config).toBeDefined();
  });

  it('applies defaults to hello_world', () => {
    const { config } = parseConfig(readFixture('001_hello_world__model.yaml'));
    expect(config?.process.type).toBe('plugboard.process.LocalProcess');
    expect(config?.process.state.type).toBe(DICT_STATE);
    expect(config?.process.name).toBeNull();
    expect(config?.process.components.map((c) => c.name)).toEqual(['a', 'b']);
    expect(config?.process.connectors).toEqual([{ source: { entity: 'a', descriptor: 'out_1' }, target: { entity: 'b', descriptor: 'in_1' }, mode: 'pipeline' }]);
    expect(config?.tune).toBeNull();
  });

  it('swaps the state default for RayProcess (§2.3(2))', () => {
    const { config } = parseConfig(readFixture('004_using_ray__model-ray.yaml'));
    expect(config?.process.type).toBe(RAY_PROCESS);
    expect(config?.process.connectorBuilder.type).toBe(RAY_CONNECTOR);
    expect(config?.process.state.type).toBe(RAY_STATE);
  });

  it('resolves process file references and keeps tune', () => {
    const ref = parseConfig(readFixture('tests_data__minimal-process-with-tune.yaml'), { resolveRef: resolveFixtureRef });
    const direct = parseConfig(readFixture('tests_data__minimal-process.yaml'));
    expect(ref.config?.processRef).toBe('tests/data/minimal-process.yaml');
    expect(ref.config?.process).toEqual(direct.config?.process);
    expect((ref.config?.tune as { args: { num_samples: number } }).args.num_samples).toBe(10);
  });

  it('reads the long mapping connector form like the string form', () => {
    const { config } = parseConfig(readFixture('002_complex_processes__parameters.yaml'));
    expect(config?.process.connectors[0]).toEqual({ source: { entity: 'random', descriptor: 'x' }, target: { entity: 'save-input', descriptor: 'value_to_save' }, mode: 'pipeline' });
    expect(config?.process.parameters).toEqual({ scale: 0.5 });
  });
});
