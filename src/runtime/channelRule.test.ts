// The channel rule (issue 8): bounded channels that grow on an artificial deadlock, a hard bound
// for `maxsize`, and a located failure for a real deadlock — in one thread (LocalProcess).
import { describe, expect, it } from 'vitest';
import { csvRows, eventMismatchModel, fanInMismatchModel } from '../../bench/hostFixtures.ts';
import { createRegistry } from '../library/index.ts';
import { parseConfig } from '../yaml/index.ts';
import type { RunEvent, RunResult } from '../protocol/events.ts';
import { LocalProcess, type LocalProcessOptions } from './LocalProcess.ts';
import { expectMismatchFinishes, expectNamedDeadlock, misnamedSourceModel, type RunModel } from './channelRuleCases.node.ts';

async function run(yaml: string, options: LocalProcessOptions = {}): Promise<{ result: RunResult; events: RunEvent[] }> {
  const config = parseConfig(yaml).config;
  if (!config) throw new Error('model does not parse');
  const events: RunEvent[] = [];
  const process = new LocalProcess(config.process, createRegistry(), { recordSteps: false, ioReadTimeoutMs: 20, ...options, onEvents: (b) => events.push(...b) });
  const result = await process.execute();
  return { result, events };
}

const grewLogs = (events: readonly RunEvent[]) => events.filter((e) => e.kind === 'log' && /grew/.test(e.message));

const runModel: RunModel = (yaml, options) => run(yaml, options);

describe('channels never deadlock where Plugboard finishes', () => {
  for (const fastPath of [true, false]) {
    it(`the fan-in rate mismatch writes all 5000 rows, 50 runs (fast path ${fastPath ? 'on' : 'off'})`, async () => {
      await expectMismatchFinishes((yaml, options) => run(yaml, { fastPath, ...options }), fanInMismatchModel(5000), 5000, 50, (events, small) => {
        if (small) expect(grewLogs(events).length).toBeGreaterThan(0);
      });
    });
  }

  it('the event variant writes all 5000 rows, 50 runs', async () => {
    await expectMismatchFinishes(runModel, eventMismatchModel(5000), 5000, 50);
  });

  it('a channel that is full only because the sink is slower does not grow (bounded memory)', async () => {
    const yaml = `plugboard:
  process:
    args:
      components:
      - { type: hello_world.A, args: { name: a, iters: 20000 } }
      - { type: components.Offset, args: { name: o, offset: 1 } }
      - { type: plugboard.library.file_io.FileWriter, args: { name: w, path: out.csv, field_names: ["x"] } }
      connectors:
      - { source: a.out_1, target: o.a }
      - { source: o.x, target: w.x }
`;
    const { result, events } = await run(yaml, { channelCapacity: 16 });
    expect(result.status).toBe('completed');
    expect(csvRows(result.files['out.csv'])).toBe(20000);
    expect(grewLogs(events)).toEqual([]);
  });

  it('maxsize stays a hard bound: the mismatch is then a real deadlock, named', async () => {
    const { result, events } = await run(fanInMismatchModel(5000, { maxsize: 10 }));
    expect(result.status).toBe('failed');
    expect(result.error?.name).toBe('DeadlockError');
    expect(result.error?.message).toContain('tally.b (waiting for input)');
    expect(result.error?.message).toMatch(/s\.out_1 \(sending into a full channel\)/);
    expect(result.error?.message).toContain('tally.a (maxsize 10)');
    expect(grewLogs(events)).toEqual([]);
  });

  it('a true deadlock (a connector from a misnamed component) fails naming every waiting field; writers keep their rows', async () => {
    const { result } = await run(misnamedSourceModel(false));
    expectNamedDeadlock(result);
  });
});
