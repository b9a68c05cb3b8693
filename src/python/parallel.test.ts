// Python components on real worker_threads: the Ray tutorial with the upstream hello_ray.py, one
// worker (and one Pyodide) per component, and a local-in-worker run for comparison.
import { describe, expect, it } from 'vitest';
import { normaliseFiles } from '../../bench/hostFixtures.ts';
import type { RunEvent } from '../protocol/events.ts';
import { runLocalInWorker, runParallel } from '../node/runParallel.node.ts';
import { pythonFixture, yamlFixture } from './testing.node.ts';

type StepEvent = Extract<RunEvent, { kind: 'step' }>;

describe('Ray tutorial with hello_ray.py in workers', () => {
  // 4 rows instead of 10, same sleeps (0.5 s and 1 s), so the test stays short.
  const yaml = yamlFixture('004_using_ray__model-ray.yaml').replace('iters: 10', 'iters: 4');
  const modules = [pythonFixture('004_using_ray__hello_ray.py')];

  it('parallel: one row per input, and the two Python Sleep branches run at the same time', async () => {
    const events: RunEvent[] = [];
    const handle = runParallel({ yaml, modules }, (batch) => events.push(...batch), { recordSteps: true });
    const result = await handle.done;
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');
    const rows = result.files['ray.csv']!.trimEnd().split('\n');
    expect(rows).toHaveLength(5);
    const steps = (name: string) => events.filter((e): e is StepEvent => e.kind === 'step' && e.component === name);
    const slow = steps('slow-sleep');
    const slower = steps('very-slow-sleep');
    expect(slow).toHaveLength(4);
    expect(slower).toHaveLength(4);
    for (const s of slow) expect(s.end - s.start).toBeGreaterThanOrEqual(490);
    for (const s of slower) expect(s.end - s.start).toBeGreaterThanOrEqual(990);
    // Different workers, overlapping in time: each 0.5 s step runs while a 1 s step runs.
    expect(new Set([...slow, ...slower].map((s) => s.lane)).size).toBe(2);
    const overlapping = slow.filter((a) => slower.some((b) => a.start < b.end && b.start < a.end));
    expect(overlapping.length).toBeGreaterThanOrEqual(3);
  }, 180_000);

  it('local in a worker: same rows (timestamps aside); the Sleep steps take turns', async () => {
    const events: RunEvent[] = [];
    const handle = runLocalInWorker({ yaml, modules }, (batch) => events.push(...batch), { recordSteps: true });
    const result = await handle.done;
    expect(result.error).toBeUndefined();
    expect(normaliseFiles(result.files)).toEqual({ 'ray.csv': `timestamp\n${'<time>\n'.repeat(4)}` });
    const sleeps = events.filter((e): e is StepEvent => e.kind === 'step' && e.component.includes('sleep')).sort((a, b) => a.start - b.start);
    expect(sleeps).toHaveLength(8);
    for (let i = 1; i < sleeps.length; i++) expect(sleeps[i]!.start).toBeGreaterThanOrEqual(sleeps[i - 1]!.end);
  }, 180_000);
});

describe('a mixed model in workers: Python only where a Python type runs', () => {
  const DOUBLE = `from plugboard.component import Component, IOController as IO


class Double(Component):
    io = IO(inputs=["a"], outputs=["x"])

    async def step(self) -> None:
        print("doubling", self.a)
        self.x = 2 * self.a
`;
  // TS factory_simulation.Iterator → Python Double → TS Offset → TS FileWriter.
  const yaml = `plugboard:
  process:
    args:
      components:
      - { type: factory_simulation.Iterator, args: { name: input, num_days: 4 } }
      - { type: doubler.Double, args: { name: double, resources: { cpu: 1 } } }
      - { type: components.Offset, args: { name: offset, offset: 1 } }
      - { type: plugboard.library.file_io.FileWriter, args: { name: save, path: out.csv, field_names: [x] } }
      connectors:
      - { source: input.day, target: double.a }
      - { source: double.x, target: offset.a }
      - { source: offset.x, target: save.x }
`;
  const modules = [{ file: 'doubler.py', source: DOUBLE }];
  type LogEvent = Extract<RunEvent, { kind: 'log' }>;
  type PlacementEvent = Extract<RunEvent, { kind: 'placement' }>;

  it('only the worker hosting the Python component loads Pyodide; results match a local run; print() is logged', async () => {
    const events: RunEvent[] = [];
    const result = await runParallel({ yaml, modules }, (batch) => events.push(...batch)).done;
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');
    const placement = events.find((e): e is PlacementEvent => e.kind === 'placement')!;
    const pythonLane = placement.workers.find((w) => w.components.includes('double'))!.lane;
    expect(placement.workers.length).toBeGreaterThan(1);
    expect(placement.workers.filter((w) => !w.components.includes('double')).length).toBeGreaterThan(0);
    const logs = events.filter((e): e is LogEvent => e.kind === 'log');
    const loaded = logs.filter((e) => / loaded Python \(Pyodide\) in \d+ ms( \(from the snapshot\))?$/.test(e.message));
    expect(loaded.map((e) => e.message.split(' ')[0])).toEqual([pythonLane]);
    expect(logs.filter((e) => e.component === 'double').map((e) => e.message)).toEqual(['doubling 0', 'doubling 1', 'doubling 2', 'doubling 3']);

    const local = await runLocalInWorker({ yaml, modules }, () => undefined).done;
    expect(local.error).toBeUndefined();
    expect(result.files).toEqual(local.files);
    expect(result.files['out.csv']).toBe('x\n1\n3\n5\n7\n');
  }, 180_000);
});

describe('a TypeScript subscriber of events only a Python component (in another worker) publishes', () => {
  const PUB = `import typing as _t
from pydantic import BaseModel
from plugboard.component import Component, IOController as IO
from plugboard.events import Event


class ExtremeValue(BaseModel):
    value: float
    extreme_type: str


class HighEvent(Event):
    type: _t.ClassVar[str] = "high_event"
    data: ExtremeValue


class Publish(Component):
    io = IO(inputs=["day"], output_events=[HighEvent])

    async def step(self) -> None:
        if self.day >= 2:
            self.io.queue_event(HighEvent(source=self.name, data=ExtremeValue(value=self.day, extreme_type="high")))
`;
  const yaml = `plugboard:
  process:
    args:
      components:
      - { type: factory_simulation.Iterator, args: { name: input, num_days: 5 } }
      - { type: pub.Publish, args: { name: publish, resources: { cpu: 1 } } }
      - { type: hello_events.CollectHigh, args: { name: collect, resources: { cpu: 1 } } }
      - { type: plugboard.library.file_io.FileWriter, args: { name: save, path: high.csv, field_names: [value] } }
      connectors:
      - { source: input.day, target: publish.day }
      - { source: collect.value, target: save.value }
`;
  const modules = [{ file: 'pub.py', source: PUB }];

  it('the TypeScript-only workers do not load Pyodide, and validation still sees the Python publisher', async () => {
    const events: RunEvent[] = [];
    const result = await runParallel({ yaml, modules }, (batch) => events.push(...batch)).done;
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');
    const placement = events.find((e): e is Extract<RunEvent, { kind: 'placement' }> => e.kind === 'placement')!;
    const pythonLane = placement.workers.find((w) => w.components.includes('publish'))!.lane;
    const loaded = events.filter((e) => e.kind === 'log' && / loaded Python \(Pyodide\) in \d+ ms( \(from the snapshot\))?$/.test(e.message));
    expect(loaded.map((e) => (e as { message: string }).message.split(' ')[0])).toEqual([pythonLane]);
    const local = await runLocalInWorker({ yaml, modules }, () => undefined).done;
    expect(local.error).toBeUndefined();
    const rows = (files: Readonly<Record<string, string>>) => files['high.csv']!.trimEnd().split('\n').slice(1).map(Number);
    expect(rows(local.files)).toEqual([2, 3, 4]);
    // Across workers, CollectHigh steps once per batch of events that arrived together (docs/plugboard-semantics.md §6.6), so
    // under load two events can share a step: the rows are the latest value of each batch, in order,
    // ending with the last high day.
    const parallel = rows(result.files);
    expect(parallel.at(-1)).toBe(4);
    expect(parallel.every((v, i) => [2, 3, 4].includes(v) && (i === 0 || v > parallel[i - 1]!))).toBe(true);
  }, 180_000);

  it('a subscriber with no publisher anywhere is still an error', async () => {
    const noPublisher = yaml.replace('pub.Publish', 'pub.Quiet');
    const quiet = `${PUB}\n\nclass Quiet(Component):\n    io = IO(inputs=["day"])\n`;
    const result = await runParallel({ yaml: noPublisher, modules: [{ file: 'pub.py', source: quiet }] }, () => undefined).done;
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain("Component 'collect' has input events with no producer: ['high_event']");
  }, 180_000);
});

describe('Pause, Step and a probe added mid-run on Python components, in both hosts', () => {
  const yaml = yamlFixture('004_using_ray__model-ray.yaml')
    .replace('iters: 10', 'iters: 4')
    .replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01')
    .replace('sleep_seconds: 1', 'sleep_seconds: 0.02');
  const modules = [pythonFixture('004_using_ray__hello_ray.py')];
  for (const start of [runParallel, runLocalInWorker]) {
    it(`${start.name}: Steps advance the Python classes as TypeScript ones; a probe on a Python output records its values`, async () => {
      const events: RunEvent[] = [];
      const handle = start({ yaml, modules, startPaused: true }, (batch) => events.push(...batch));
      const control = handle.control!;
      const counts: Record<string, number>[] = [];
      for (let i = 0; i < 2; i++) counts.push({ ...(await control.step()).steps });
      await control.setProbe('timestamper.timestamp', {});
      for (let i = 0; i < 2; i++) counts.push({ ...(await control.step()).steps });
      // One hop per Step, whichever worker each component is on (the Step barrier).
      expect(counts.map((c) => [c['input'], c['slow-sleep'], c['very-slow-sleep'], c['timestamper'], c['save-results']])).toEqual([
        [1, 0, 0, 0, 0],
        [2, 1, 1, 0, 0],
        [3, 2, 2, 1, 0],
        [4, 3, 3, 2, 1],
      ]);
      const probed = (): unknown[] => events.flatMap((e) => (e.kind === 'connectors' ? e.probes.filter((p) => p.key === 'timestamper.timestamp').flatMap((p) => p.values) : []));
      for (let i = 0; i < 400 && probed().length < 2; i++) await new Promise((r) => setTimeout(r, 5));
      expect(probed()).toHaveLength(2);
      for (const v of probed()) expect(v).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/); // Python's datetime.isoformat()
      await control.resume();
      const result = await handle.done;
      expect(result.status).toBe('completed');
      expect(result.files['ray.csv']!.trimEnd().split('\n')).toHaveLength(5);
    }, 180_000);
  }
});

