import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../yaml/index.ts';
import { createRegistry } from '../library/index.ts';
import { cpuOf, explainPlacement, planPlacement, placementInput, poolSizeFor, type PlacementInput, type PlacementPlan } from './placement.ts';

const FIXTURES = new URL('../../fixtures/plugboard-yaml/', import.meta.url);

/** Properties every plan keeps. */
function checkPlan(input: PlacementInput, plan: PlacementPlan): void {
  const names = [...new Set(input.components.map((c) => c.name))];
  const placed = plan.groups.flatMap((g) => g.components);
  expect([...placed].sort()).toEqual([...names].sort()); // each component exactly once
  for (const g of plan.groups) expect(g.components.length).toBeGreaterThan(0);
  const shared = plan.groups.filter((g) => g.reason === 'shared');
  expect(shared.length).toBeLessThanOrEqual(Math.max(1, plan.poolSize));
  for (const c of input.components) if ((c.cpu ?? 0) >= 1) expect(plan.groups[plan.workerOf[c.name]!]!.components).toEqual([c.name]);
  plan.groups.forEach((g, i) => expect(g.worker).toBe(i));
}

const chain = (n: number): PlacementInput => ({
  components: Array.from({ length: n }, (_, i) => ({ name: `c${i}` })),
  links: Array.from({ length: n - 1 }, (_, i) => ({ from: `c${i}`, to: `c${i + 1}` })),
});
/** source → N branches of `depth` → join. */
const fanOut = (n: number, depth = 1): PlacementInput => {
  const components = [{ name: 'src' }, { name: 'join' }];
  const links: { from: string; to: string }[] = [];
  for (let b = 0; b < n; b++) {
    for (let d = 0; d < depth; d++) {
      components.push({ name: `b${b}_${d}` });
      links.push({ from: d === 0 ? 'src' : `b${b}_${d - 1}`, to: `b${b}_${d}` });
    }
    links.push({ from: `b${b}_${depth - 1}`, to: 'join' });
  }
  return { components, links };
};

describe('placement plan', () => {
  it('every fixture gets a plan that places each component once, for pools of 1 to 8', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const config = parseConfig(readFileSync(new URL(file, FIXTURES), 'utf8')).config;
      if (!config) continue;
      for (const input of [placementInput(config.process), placementInput(config.process, { library: createRegistry() })]) {
        for (const pool of [1, 2, 4, 8]) checkPlan(input, planPlacement(input, pool));
      }
    }
  });

  it("the tutorial's two Sleep branches run on different workers, even with a pool of 2", () => {
    const config = parseConfig(readFileSync(new URL('004_using_ray__model-ray.yaml', FIXTURES), 'utf8')).config!;
    for (const pool of [2, 4, 8]) {
      const plan = planPlacement(placementInput(config.process), pool);
      expect(plan.workerOf['slow-sleep']).not.toBe(plan.workerOf['very-slow-sleep']);
    }
  });

  it('resources.cpu >= 1 gets a worker of its own (numbers and Kubernetes-style strings)', () => {
    expect([cpuOf({ cpu: 1 }), cpuOf({ cpu: '500m' }), cpuOf({ cpu: '2' }), cpuOf(null), cpuOf({ cpu: 'x' })]).toEqual([1, 0.5, 2, 0, 0]);
    const config = parseConfig(readFileSync(new URL('004_using_ray__resources-example.yaml', FIXTURES), 'utf8')).config!;
    const plan = planPlacement(placementInput(config.process), 4);
    expect(plan.groups.find((g) => g.components.includes('producer'))).toMatchObject({ reason: 'own-cpu', components: ['producer'] });
    expect(plan.groups.find((g) => g.components.includes('cpu-task'))).toMatchObject({ reason: 'own-cpu', components: ['cpu-task'] });
    expect(plan.groups.find((g) => g.components.includes('gpu-task'))?.reason).toBe('shared'); // 500m
  });

  it("a built-in class's own resources count when the YAML gives none (CPUIntensiveTask declares cpu 2); the YAML's replace them", () => {
    const text = readFileSync(new URL('004_using_ray__resources-example.yaml', FIXTURES), 'utf8');
    const config = parseConfig(text).config!;
    const bare = { ...config.process, components: config.process.components.map((c) => ({ ...c, resources: null })) };
    const library = createRegistry();
    const withClass = planPlacement(placementInput(bare, { library }), 4);
    expect(withClass.groups.find((g) => g.components.includes('cpu-task'))).toMatchObject({ reason: 'own-cpu', components: ['cpu-task'] });
    expect(withClass.groups.find((g) => g.components.includes('producer'))?.reason).toBe('shared'); // DataProducer declares none
    expect(planPlacement(placementInput(bare), 4).groups.every((g) => g.reason === 'shared')).toBe(true); // no catalog: no class resources
    const halfCpu = { ...bare, components: bare.components.map((c) => (c.name === 'cpu-task' ? { ...c, resources: { cpu: 0.5 } } : c)) };
    expect(planPlacement(placementInput(halfCpu, { library }), 4).groups.find((g) => g.components.includes('cpu-task'))?.reason).toBe('shared');
    // Module classes come through `classResources` (read in a worker, see runParallel).
    const viaModule = planPlacement(placementInput(bare, { classResources: (type) => (type.endsWith('GPUTask') ? { cpu: 1 } : undefined) }), 4);
    expect(viaModule.groups.find((g) => g.components.includes('gpu-task'))?.reason).toBe('own-cpu');
  });

  it('a light short chain is fused into one worker; a long chain is cut into contiguous pieces (it pipelines)', () => {
    expect(planPlacement(chain(3), 8).groups).toHaveLength(1);
    for (const [n, pool, cpus] of [
      [200, 2, 2],
      [200, 4, 4],
      [500, 8, 8],
      [9, 2, 2],
      [200, 8, 2], // a pool larger than the CPUs: cut only into as many pieces as there are CPUs
    ] as const) {
      const input = chain(n);
      const plan = planPlacement(input, pool, cpus);
      checkPlan(input, plan);
      expect(plan.groups).toHaveLength(Math.min(pool, cpus));
      for (const g of plan.groups) {
        const idx = g.components.map((c) => Number(c.slice(1)));
        expect(idx[idx.length - 1]! - idx[0]!).toBe(idx.length - 1); // contiguous
        expect(g.components.length).toBeGreaterThanOrEqual(4);
      }
    }
  });

  it('fan-out branches are spread over different workers when the pool allows', () => {
    for (const [n, depth, pool] of [
      [2, 1, 3],
      [4, 1, 5],
      [8, 3, 9],
      [4, 2, 8],
    ] as const) {
      const input = fanOut(n, depth);
      const plan = planPlacement(input, pool);
      checkPlan(input, plan);
      const branchWorkers = Array.from({ length: n }, (_, b) => plan.workerOf[`b${b}_0`]);
      expect(new Set(branchWorkers).size).toBe(n);
      // A branch's own chain stays on one worker.
      for (let b = 0; b < n; b++) for (let d = 1; d < depth; d++) expect(plan.workerOf[`b${b}_${d}`]).toBe(plan.workerOf[`b${b}_0`]);
    }
    // The default pool on a 2-CPU machine still gives 8 blocking branches 8 workers (fan-out bench).
    const wide = planPlacement(fanOut(8), poolSizeFor(2), 2);
    expect(new Set(Array.from({ length: 8 }, (_, b) => wide.workerOf[`b${b}_0`])).size).toBe(8);
    // A small pool: branches share, but the plan stays valid and uses the whole pool.
    const plan = planPlacement(fanOut(8), 2);
    checkPlan(fanOut(8), plan);
    expect(plan.groups).toHaveLength(2);
  });

  it('loops and self-loops are placed (no endless chain walk)', () => {
    const loop: PlacementInput = {
      components: ['a', 'b', 'c', 'd'].map((name) => ({ name })),
      links: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
        { from: 'd', to: 'd' },
      ],
    };
    for (const pool of [1, 2, 4]) checkPlan(loop, planPlacement(loop, pool));
    const ring = { components: chain(40).components, links: [...chain(40).links, { from: 'c39', to: 'c0' }] };
    for (const pool of [2, 4]) checkPlan(ring, planPlacement(ring, pool));
  });

  it('results holders never share a worker with user code (a blocked worker is terminated on Stop); without user code they stay fused', () => {
    const library = createRegistry();
    const model = (middle: string) =>
      parseConfig(
        `plugboard:\n  process:\n    args:\n      components:\n      - type: hello_world.A\n        args: { name: a, iters: 5 }\n      - type: ${middle}\n        args: { name: m }\n` +
          `      - type: plugboard.library.file_io.FileWriter\n        args: { name: w, path: out.csv, field_names: ["y"] }\n      connectors:\n      - source: a.out_1\n        target: m.x\n      - source: m.y\n        target: w.y\n`,
      ).config!.process;
    const user = placementInput(model('my_module.Loop'), { library });
    expect(user.components.map((c) => c.role)).toEqual([undefined, 'user', 'results']);
    for (const pool of [1, 2, 8]) {
      const plan = planPlacement(user, pool);
      checkPlan(user, plan);
      expect(plan.groups[plan.workerOf['w']!]).toMatchObject({ components: ['w'], reason: 'results' });
      expect(plan.workerOf['a']).toBe(plan.workerOf['m']); // the rest of the chain stays fused
      expect(explainPlacement(plan)).toContain('(results kept apart from user code): w');
    }
    const builtIn = placementInput(model('components.Offset'), { library });
    expect(planPlacement(builtIn, 8).groups).toHaveLength(1);
    // Generated: chains with user code at any place and writers at the ends of branches.
    for (let n = 2; n < 12; n++) {
      for (let u = 0; u < n; u++) {
        const input: PlacementInput = {
          components: [...chain(n).components.map((c, i) => ({ ...c, ...(i === u ? { role: 'user' as const } : {}) })), { name: 'w1', role: 'results' }, { name: 'w2', role: 'results' }],
          links: [...chain(n).links, { from: `c${n - 1}`, to: 'w1' }, { from: `c${n - 1}`, to: 'w2' }],
        };
        for (const pool of [1, 2, 4]) {
          const plan = planPlacement(input, pool);
          checkPlan(input, plan);
          for (const g of plan.groups) {
            const roles = new Set(g.components.map((c) => input.components.find((x) => x.name === c)!.role));
            expect(roles.has('user') && roles.has('results')).toBe(false);
          }
        }
      }
    }
  });

  it('pool size follows the hardware within bounds; explain lists every worker', () => {
    expect([poolSizeFor(12), poolSizeFor(2), poolSizeFor(128), poolSizeFor(undefined), poolSizeFor(8, 3)]).toEqual([12, 8, 16, 8, 3]);
    const text = explainPlacement(planPlacement(fanOut(2), 3));
    expect(text).toMatch(/^Placement: 3 worker\(s\) from a pool of 3/);
    expect(text).toContain('worker 2');
  });
});
