import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { createNodeTuneExecutor } from '../node/tuneExecutor.node.ts';
import { liveWorkerCount, allWorkersExited } from '../node/spawnWorker.node.ts';
import { createCancel } from '../runtime/index.ts';
import { parseConfig } from '../yaml/index.ts';
import { createInThreadExecutor, readTuneConfig, runStudy } from './index.ts';

const TUTORIAL = readFileSync(new URL('../../fixtures/plugboard-yaml/006_optimisation__model-with-tuner.yaml', import.meta.url), 'utf8');

function load(text: string) {
  const parsed = parseConfig(text, { catalog: createRegistry(), file: 'm.yaml' });
  const read = readTuneConfig(parsed.config!, parsed.ranges);
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics));
  return { config: parsed.config!, tune: read.tune };
}

const PICKY = `import { arg, componentClass, port } from 'plugboard';

export class Picky extends componentClass({ inputs: { y: port<number>() }, args: { limit: arg.number({ default: 40 }), hang: arg.boolean({ default: false }) } }) {
  override step(): void {
    if (this.in.y > this.args.limit) {
      if (this.args.hang) for (;;) {}
      throw new Error('too high: ' + this.in.y);
    }
  }
}
`;
const withPicky = (args: string): string =>
  TUTORIAL.replace('      connectors:', `      - type: picky.Picky\n        args: {name: picky, ${args}}\n      connectors:\n      - source: trajectory.y\n        target: picky.y`);

afterEach(async () => {
  await allWorkersExited();
});

describe('tune worker pool (worker_threads)', () => {
  it('runs the tutorial study on 4 workers with the same trials as in-thread, then releases them', async () => {
    const { config, tune } = load(TUTORIAL);
    const executor = createNodeTuneExecutor({ config }, 4);
    const pooled = await runStudy({ tune, process: config.process, executor, seed: 5, numSamples: 16 });
    expect(executor.spawned).toBe(4);
    await executor.dispose();
    expect(liveWorkerCount()).toBe(0);
    const local = await runStudy({ tune, process: config.process, executor: createInThreadExecutor(createRegistry(), 4), seed: 5, numSamples: 16 });
    expect(pooled.trials.map((t) => [t.config, t.metric])).toEqual(local.trials.map((t) => [t.config, t.metric]));
  });

  it('loads user modules in the workers; a failing trial carries its error and module line', async () => {
    const { config, tune } = load(withPicky('limit: 40'));
    const executor = createNodeTuneExecutor({ config, modules: [{ file: 'picky.ts', source: PICKY }] }, 2);
    const result = await runStudy({ tune, process: config.process, executor, seed: 2, numSamples: 12, algorithm: 'random' });
    await executor.dispose();
    const failed = result.trials.filter((t) => t.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(result.trials.some((t) => t.status === 'completed')).toBe(true);
    expect(failed[0]!.error).toMatchObject({ component: 'picky', file: 'picky.ts', line: 7 });
    expect(failed[0]!.error!.message).toMatch(/too high/);
  });

  it.each([1, 2])('Stop ends a study whose trial is stuck in a loop (the worker is terminated), %i workers', async (workers) => {
    const { config, tune } = load(withPicky('limit: -1, hang: true'));
    const executor = createNodeTuneExecutor({ config, modules: [{ file: 'picky.ts', source: PICKY }] }, workers);
    const cancel = createCancel();
    const study = runStudy({
      tune,
      process: config.process,
      executor,
      seed: 1,
      numSamples: 10,
      signal: cancel.signal,
      onTrial: (t) => {
        if (t.status === 'running' && t.index === 3) setTimeout(() => cancel.cancel(), 300);
      },
    });
    const result = await study;
    expect(result.stopped).toBe(true);
    expect(result.trials.length).toBe(4); // max_concurrent 4: the others wait for a worker
    expect(executor.spawned).toBe(workers);
    expect(result.trials.every((t) => t.status === 'stopped')).toBe(true);
    await executor.dispose();
    expect(liveWorkerCount()).toBe(0);
  });
});
