/**
 * Test helper (issue 8, the channel rule): the cases both hosts must pass — one thread
 * (`src/runtime/channelRule.test.ts`) and a worker pool (`src/node/channelRule.test.ts`).
 * Tests import this file, never a test file.
 */
import { expect } from 'vitest';
import { csvRows } from '../../bench/hostFixtures.ts';
import type { RunEvent, RunResult } from '../protocol/events.ts';

/** Runs a model on one host; `channelCapacity` overrides the default capacity. */
export type RunModel = (yaml: string, options: { readonly channelCapacity?: number }) => Promise<{ result: RunResult; events: RunEvent[] }>;

/**
 * Runs `yaml` `runs` times, every other run with capacity 16 (then `t`, first to run, fills
 * `tally.a` before `s` sends anything: the artificial deadlock is surely reached); each run must
 * complete with all `rows` rows of tally.csv. `check` sees each run's events.
 */
export async function expectMismatchFinishes(run: RunModel, yaml: string, rows: number, runs: number, check?: (events: readonly RunEvent[], small: boolean) => void): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const small = i % 2 === 0;
    const { result, events } = await run(yaml, small ? { channelCapacity: 16 } : {});
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('completed');
    expect(csvRows(result.files['tally.csv'])).toBe(rows);
    check?.(events, small);
  }
}

/** A connector from a component that does not exist (`ghost`): `sum` waits for `b` for ever. */
export function misnamedSourceModel(ray: boolean): string {
  return `plugboard:
  process:
${ray ? '    type: plugboard.process.RayProcess\n    connector_builder: { type: plugboard.connector.RayConnector }\n' : ''}    args:
      components:
      - { type: hello_world.A, args: { name: a, iters: 3 } }
      - { type: components.Sum, args: { name: sum } }
      - { type: plugboard.library.file_io.FileWriter, args: { name: w, path: out.csv, field_names: ["x"] } }
      - { type: plugboard.library.file_io.FileWriter, args: { name: copy, path: copy.csv, field_names: ["x"] } }
      connectors:
      - { source: a.out_1, target: copy.x }
      - { source: a.out_1, target: sum.a }
      - { source: ghost.out_1, target: sum.b }
      - { source: sum.x, target: w.x }
`;
}

/** The real deadlock of {@link misnamedSourceModel}: failed, every waiting field named, the other writer's rows kept. */
export function expectNamedDeadlock(result: RunResult): void {
  expect(result.status).toBe('failed');
  expect(result.error?.name).toBe('DeadlockError');
  expect(result.error?.message).toContain('sum.b (waiting for input)');
  expect(result.error?.message).toContain('w.x (waiting for input)');
  expect(result.error?.message).not.toContain('copy');
  expect(result.files['copy.csv']).toBe('x\n0\n1\n2\n');
}
