// The channel rule across workers (issue 8): the fan-in rate mismatch and its event variant finish
// with Plugboard's rows in parallel runs; a real deadlock fails naming the waiting fields; rows
// sent before a failure are kept (issue 13 item 6).
import { afterEach, describe, expect, it } from 'vitest';
import { csvRows, eventMismatchModel, fanInMismatchModel } from '../../bench/hostFixtures.ts';
import type { RunEvent, RunResult } from '../protocol/events.ts';
import type { RunRequest } from '../protocol/run.ts';
import { createNodeWorkerPool, liveWorkerCount, runLocalInWorker, runParallel } from './runParallel.node.ts';
import { expectMismatchFinishes, expectNamedDeadlock, misnamedSourceModel, type RunModel } from '../runtime/channelRuleCases.node.ts';

const RUNS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.CHANNEL_RULE_RUNS ?? 50);

async function run(start: typeof runParallel, request: RunRequest): Promise<{ result: RunResult; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  const result = await start(request, (b) => events.push(...b), { recordSteps: false, ioReadTimeoutMs: 20 }).done;
  return { result, events };
}

afterEach(() => {
  expect(liveWorkerCount()).toBe(0);
});

describe('parallel runs never deadlock where Plugboard finishes', () => {
  const parallel: RunModel = (yaml, options) => run(runParallel, { yaml, ...options });

  it(`the fan-in rate mismatch writes all 5000 rows, ${RUNS} parallel runs`, async () => {
    await expectMismatchFinishes(parallel, fanInMismatchModel(5000), 5000, RUNS);
  }, 600_000);

  it(`the event variant writes all 5000 rows, ${RUNS} parallel runs`, async () => {
    await expectMismatchFinishes(parallel, eventMismatchModel(5000), 5000, RUNS);
  }, 600_000);

  it('a worker pool of a given size runs the mismatch on at most that many workers', async () => {
    const pool = createNodeWorkerPool({ size: 2 });
    expect(pool.size).toBe(2);
    let workers = 0;
    const result = await pool.run({ yaml: fanInMismatchModel(2000), channelCapacity: 16 }, () => undefined, { onPlan: (p) => (workers = p.groups.length) }).done;
    expect(result.status).toBe('completed');
    expect(csvRows(result.files['tally.csv'])).toBe(2000);
    expect(workers).toBeGreaterThan(0);
    expect(workers).toBeLessThanOrEqual(2);
  });

  it('both also finish in a local run hosted in a worker', async () => {
    for (const yaml of [fanInMismatchModel(5000), eventMismatchModel(5000)]) {
      const { result } = await run(runLocalInWorker, { yaml, channelCapacity: 16 });
      expect(result.status).toBe('completed');
      expect(csvRows(result.files['tally.csv'])).toBe(5000);
    }
  });

  it('events run with RayConnector too (Plugboard has no event connectors there: a deliberate difference)', async () => {
    for (const start of [runParallel, runLocalInWorker]) {
      const { result } = await run(start, { yaml: eventMismatchModel(500, { ray: true }) });
      expect(result.error).toBeUndefined();
      expect(csvRows(result.files['tally.csv'])).toBe(500);
    }
  });

  it('maxsize is a hard bound in parallel too: the mismatch fails as a named deadlock', async () => {
    const { result } = await run(runParallel, { yaml: fanInMismatchModel(5000, { maxsize: 10 }) });
    expect(result.status).toBe('failed');
    expect(result.error?.name).toBe('DeadlockError');
    expect(result.error?.message).toContain('tally.b (waiting for input)');
    expect(result.error?.message).toMatch(/[st]\.out_1 \(sending into a full channel\)/);
  });

  it('a connector from a misnamed component does not hang a parallel run: the deadlock is named, writers keep their rows', async () => {
    const { result } = await run(runParallel, { yaml: misnamedSourceModel(true) });
    expectNamedDeadlock(result);
  });
});
