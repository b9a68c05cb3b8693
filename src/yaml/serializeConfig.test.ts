import { describe, expect, it } from 'vitest';
import { appendixCatalog } from '../model/testing/appendixCatalog.ts';
import { parseConfig } from './parseConfig.ts';
import { emitUnchanged, serializeConfig } from './serializeConfig.ts';
import { fixtureNames, readFixture, resolveFixtureRef } from './fixtures.node.ts';
import { writeLayout } from './layout.ts';

const catalog = appendixCatalog();
const opts = { catalog, resolveRef: resolveFixtureRef };

describe('round trip', () => {
  it.each(fixtureNames())('%s: parse → serialize → parse gives an equal ConfigSpec', (name) => {
    const first = parseConfig(readFixture(name), opts);
    expect(first.config).toBeDefined();
    const text = serializeConfig(first.config!);
    const second = parseConfig(text, opts);
    expect(second.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(second.config).toEqual(first.config);
    const inlined = parseConfig(serializeConfig(first.config!, { inlineProcessRef: true }), { catalog });
    expect(inlined.config?.process).toEqual(first.config?.process);
  });

  it.each(fixtureNames())('%s: an unedited document re-emits byte for byte', (name) => {
    const text = readFixture(name);
    expect(emitUnchanged(text)).toBe(text);
    const withLayout = writeLayout(text, { a: { x: 1, y: 2 } });
    expect(emitUnchanged(withLayout)).toBe(withLayout);
  });

  it('writes the compact Plugboard style', () => {
    const text = serializeConfig(parseConfig(readFixture('002_complex_processes__loop.yaml')).config!);
    expect(text).toBe(`plugboard:
  process:
    args:
      components:
      - type: components.Random
        args:
          name: random
          iters: 5
          low: 0
          high: 10
      - type: components.Scale
        args:
          name: scale
          scale: 2
          initial_values:
            a: [0]
      - type: components.Sum
        args:
          name: sum
      - type: components.Save
        args:
          name: save-output
          path: cumulative-sum.txt
      connectors:
      - source: random.x
        target: sum.a
      - source: sum.x
        target: scale.a
      - source: scale.x
        target: sum.b
      - source: sum.x
        target: save-output.value_to_save
`);
  });

  it('keeps connector_builder for RayProcess (Q20) and quotes YAML 1.1 booleans', () => {
    const cfg = parseConfig(readFixture('004_using_ray__model-ray.yaml')).config!;
    const text = serializeConfig(cfg);
    expect(text).toContain('connector_builder:\n      type: plugboard.connector.RayConnector');
    expect(text).not.toContain('state:');
    const withYes = { ...cfg, process: { ...cfg.process, name: 'yes' } };
    expect(parseConfig(serializeConfig(withYes)).config?.process.name).toBe('yes');
  });
});
