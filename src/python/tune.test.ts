// A study over Plugboard's own tuner tutorial module (verbatim Python) on a pool of tune workers:
// the first worker makes the host's Pyodide snapshot, the others start from it (as the workers of a
// parallel run do), and the trials give what the TypeScript library gives.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PythonStart } from '../host/loadModel.ts';
import { createRegistry } from '../library/index.ts';
import { allWorkersExited } from '../node/spawnWorker.node.ts';
import { createNodeTuneExecutor } from '../node/tuneExecutor.node.ts';
import { createInThreadExecutor, readTuneConfig, runStudy } from '../tune/index.ts';
import { parseConfig } from '../yaml/index.ts';
import { resetHostPythonBoot } from './pythonBoot.ts';
import { pythonFixture } from './testing.node.ts';

const TUTORIAL = readFileSync(new URL('../../fixtures/plugboard-yaml/006_optimisation__model-with-tuner.yaml', import.meta.url), 'utf8');

afterEach(async () => {
  await allWorkersExited();
});

describe('tuning a model of Python components', () => {
  it('3 workers: one fresh Pyodide start, two from its snapshot; the trials match the TypeScript library', async () => {
    resetHostPythonBoot();
    const parsed = parseConfig(TUTORIAL, { catalog: createRegistry(), file: 'model.yaml' });
    const read = readTuneConfig(parsed.config!, parsed.ranges);
    if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
    const { tune } = read;
    const config = parsed.config!;
    const starts: { worker: number; start: Omit<PythonStart, 'made'> }[] = [];
    const executor = createNodeTuneExecutor({ config, modules: [pythonFixture('006_optimisation__hello_tuner.py')] }, 3, {
      onPythonStart: (worker, start) => starts.push({ worker, start }),
    });
    const python = await runStudy({ tune, process: config.process, executor, seed: 3, numSamples: 9, algorithm: 'random' });
    await executor.dispose();
    expect(starts.map((s) => s.worker).sort()).toEqual([0, 1, 2]);
    expect(starts.filter((s) => s.start.from === 'fresh')).toHaveLength(1);
    expect(starts.filter((s) => s.start.from === 'snapshot')).toHaveLength(2);
    expect(starts.every((s) => s.start.snapshotError === undefined)).toBe(true);
    const ts = await runStudy({ tune, process: config.process, executor: createInThreadExecutor(createRegistry(), 3), seed: 3, numSamples: 9, algorithm: 'random' });
    expect(python.trials.every((t) => t.status === 'completed')).toBe(true);
    expect(python.trials.map((t) => t.config)).toEqual(ts.trials.map((t) => t.config));
    // Python's math and JavaScript's may differ in the last bit.
    python.trials.forEach((t, i) => expect(t.metric).toBeCloseTo(ts.trials[i]!.metric!, 9));
  }, 120_000);
});
