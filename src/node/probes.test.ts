// Connector counters and probes through real worker_threads: a local run (one worker) and a parallel
// run (groups on a pool) report the same counts and probed values.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorCounter, RunEvent } from '../protocol/events.ts';
import { liveWorkerCount, runLocalInWorker, runParallel } from './runParallel.node.ts';

afterEach(() => {
  expect(liveWorkerCount()).toBe(0);
});

const n = 3000;
const yaml = `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder: { type: plugboard.connector.RayConnector }
    args:
      components:
      - type: hello_world.A
        args: { name: a, iters: ${n} }
      - type: plugboard.library.file_io.FileWriter
        args: { name: w, path: out.csv, field_names: ["out_1"] }
      - type: plugboard.library.file_io.FileWriter
        args: { name: w2, path: out2.csv, field_names: ["x"] }
      connectors:
      - { source: a.out_1, target: w.out_1 }
      - { source: a.out_1, target: w2.x }
`;

describe('connector counters and probes in both hosts', () => {
  for (const start of [runLocalInWorker, runParallel]) {
    it(start.name, async () => {
      const events: RunEvent[] = [];
      const handle = start({ yaml, probes: ['a.out_1', 'a.out_1..w2.x'] }, (batch) => {
        events.push(...batch);
      }, { seed: 1 });
      const result = await handle.done;
      expect(result.status).toBe('completed');
      const counters = new Map<string, ConnectorCounter>();
      const values = new Map<string, unknown[]>();
      for (const e of events)
        if (e.kind === 'connectors') {
          for (const c of e.counters) counters.set(c.key, c);
          for (const p of e.probes) values.set(p.key, [...(values.get(p.key) ?? []), ...p.values]);
        }
      expect(counters.get('a.out_1..w.out_1')?.count).toBe(n);
      expect(counters.get('a.out_1..w2.x')?.count).toBe(n);
      expect(counters.get('a.out_1..w.out_1')?.last).toBe(n - 1);
      const expected = Array.from({ length: n }, (_, i) => i);
      expect(values.get('a.out_1')).toEqual(expected);
      expect(values.get('a.out_1..w2.x')).toEqual(expected);
      // Batched with the other telemetry: far fewer 'connectors' events than values.
      expect(events.filter((e) => e.kind === 'connectors').length).toBeLessThan(n / 10);
    });
  }
});
