import { describe, expect, it } from 'vitest';
import { closeMatches, editDistance } from './closeMatches.ts';
import { elementaryCycles, stronglyConnected } from './cycles.ts';
import { overrideProcessType } from './overrideProcessType.ts';
import { builtConnectors, plugboardValidate, pyList } from './plugboardRules.ts';
import { connectorId } from './portRef.ts';
import { RAY_CONNECTOR, RAY_PROCESS, type ConfigSpec } from './spec.ts';
import { RAY_STATE } from './constants.ts';
import { appendixCatalog } from './testing/appendixCatalog.ts';
import { comp, conn, proc } from './testing/specs.ts';
import { validateConfig } from './validateConfig.ts';

const catalog = appendixCatalog();

describe('plugboardValidate (upstream strings)', () => {
  it('reports unconnected inputs, sorted, Python list style', () => {
    const p = proc([comp('s', 'components.Sum'), comp('r', 'components.Random', { iters: 1 })], [conn('r.x->s.b')]);
    expect(plugboardValidate(p, catalog)).toEqual(["Component 's' has unconnected inputs: ['a']"]);
    expect(plugboardValidate(proc([comp('s', 'components.Sum')], []), catalog)).toEqual(["Component 's' has unconnected inputs: ['a', 'b']"]);
  });

  it('reports input events with no producer', () => {
    expect(plugboardValidate(proc([comp('c', 'hello_events.CollectHigh')], []), catalog)).toEqual(["Component 'c' has input events with no producer: ['high_event']"]);
  });

  it('reports cycles; Q8: only the last connector (id order) of a pair represents the edge', () => {
    const cyc = [conn('a.x->b.a'), conn('b.x->a.a')];
    expect(plugboardValidate(proc([comp('a', 'components.Scale'), comp('b', 'components.Scale')], cyc), catalog)).toEqual([
      'Circular connection detected without initial values: a -> b -> a. Set initial_values on a component input within the loop to resolve.',
    ]);
    // Sum b receives from a on both 'a' and 'b'; id order puts a.x..b.b last, so only 'b' counts.
    const twoEdges = [conn('a.x->b.a'), conn('a.x->b.b'), conn('b.x->a.a')];
    const withA = proc([comp('a', 'components.Scale'), comp('b', 'components.Sum', {}, { a: [0] })], twoEdges);
    expect(plugboardValidate(withA, catalog)).toHaveLength(1);
    const withB = proc([comp('a', 'components.Scale'), comp('b', 'components.Sum', {}, { b: [0] })], twoEdges);
    expect(plugboardValidate(withB, catalog)).toEqual([]);
  });

  it('ignores self-loops and requires one component', () => {
    expect(plugboardValidate(proc([comp('a', 'components.Scale')], [conn('a.x->a.a')]), catalog)).toEqual([]);
    expect(plugboardValidate(proc([], []), catalog)).toEqual(['process.args.components: List should have at least 1 item after validation, not 0']);
  });

  it('builds event connectors first-sorted, none for RayConnector (§2.7, Q15)', () => {
    const p = proc([comp('f', 'hello_events.FindHighLowValues'), comp('c', 'hello_events.CollectLow')], [conn('r.value->f.value')]);
    expect(builtConnectors(p, catalog).map(connectorId)).toEqual([
      'high_event.publishers..high_event.subscribers',
      'low_event.publishers..low_event.subscribers',
      'r.value..f.value',
      'system_stop.publishers..system_stop.subscribers',
    ]);
    expect(builtConnectors({ ...p, connectorBuilder: { type: RAY_CONNECTOR, args: {} } }, catalog).map(connectorId)).toEqual(['r.value..f.value']);
  });

  it('pyList quotes like Python repr', () => {
    expect(pyList(["it's", 'a'])).toBe(`["it's", 'a']`);
  });
});

describe('graph helpers', () => {
  it('finds every elementary cycle once, rotated to the earliest node', () => {
    const g = new Map([['a', ['b']], ['b', ['c', 'a']], ['c', ['a']]]);
    expect(elementaryCycles(g, ['a', 'b', 'c'])).toEqual([['a', 'b'], ['a', 'b', 'c']]);
    expect(elementaryCycles(new Map([['a', ['b']]]), ['a'])).toEqual([]);
  });

  it('agrees with brute force on random graphs, and finds SCCs', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 40; trial++) {
      const nodes = Array.from({ length: 2 + Math.floor(rnd() * 6) }, (_, i) => `n${i}`);
      const g = new Map(nodes.map((n) => [n, nodes.filter((m) => m !== n && rnd() < 0.35)]));
      const brute = new Set<string>();
      nodes.forEach((start, si) => {
        const walk = (v: string, path: string[]): void => {
          for (const w of g.get(v) ?? []) {
            if (w === start) brute.add(path.join(','));
            else if (!path.includes(w) && nodes.indexOf(w) > si) walk(w, [...path, w]);
          }
        };
        walk(start, [start]);
      });
      expect(new Set(elementaryCycles(g, nodes).map((c) => c.join(',')))).toEqual(brute);
    }
    expect(stronglyConnected(['a', 'b', 'c'], (n) => ({ a: ['b'], b: ['a'], c: ['a'] })[n] ?? []).map((s) => s.sort())).toEqual([['a', 'b'], ['c']]);
  });

  it('close matches by edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closeMatches('hello_world.AA', ['hello_world.A', 'hello_world.B', 'components.Sum'])).toEqual(['hello_world.A', 'hello_world.B']);
    expect(closeMatches('FileWriter', ['plugboard.library.file_io.FileWriter', 'x.y'])).toEqual(['plugboard.library.file_io.FileWriter']);
  });
});

describe('overrideProcessType (§2.3(3))', () => {
  const base: ConfigSpec = { process: proc([comp('a', 'hello_world.A', { iters: 1 })], []), tune: null };
  it('swaps defaults only', () => {
    const ray = overrideProcessType(base, 'ray');
    expect([ray.process.type, ray.process.connectorBuilder.type, ray.process.state.type]).toEqual([RAY_PROCESS, RAY_CONNECTOR, RAY_STATE]);
    const back = overrideProcessType(ray, 'local');
    expect(back.process).toEqual(base.process);
    const custom = { ...base, process: { ...base.process, connectorBuilder: { type: 'plugboard.connector.ZMQConnector', args: {} } } };
    expect(overrideProcessType(custom, 'ray').process.connectorBuilder.type).toBe('plugboard.connector.ZMQConnector');
  });
});

describe('validateConfig without ranges', () => {
  it('returns positionless diagnostics for specs built in code', () => {
    const cfg: ConfigSpec = { process: { ...proc([comp('a', 'hello_world.A', { iters: 1 })], []), type: RAY_PROCESS }, tune: null };
    const ds = validateConfig(cfg, catalog);
    expect(ds.map((d) => [d.code, d.path, d.range])).toEqual([['process-connector-mismatch', 'plugboard.process.connector_builder.type', undefined]]);
  });
});
