/**
 * Small components and helpers for runtime tests (and for anyone exercising a host): a list
 * source, a recorder, a pass-through. Registered under `testing.*`.
 */
import type { RunEvent, RunResult } from '../protocol/events.ts';
import type { ProcessSpec } from '../model/spec.ts';
import { arg } from './args.ts';
import { componentClass, port, type Component } from './Component.ts';
import { LocalProcess, type LocalProcessOptions } from './LocalProcess.ts';
import type { ComponentRegistry } from './registry.ts';

/** Emits each element of `values` (one per step), then closes. */
export class ListSource extends componentClass({
  type: 'testing.ListSource',
  description: 'Emits each element of values, then closes.',
  outputs: { out: port() },
  args: { values: arg.any({ default: [] }) },
}) {
  private index = 0;
  override step(): void {
    const values = this.args.values as readonly unknown[];
    if (this.index >= values.length) {
      this.io.close();
      return;
    }
    this.out.out = values[this.index++];
  }
}

/** Records a snapshot of its inputs at every step; inputs named by the `fields` arg. */
export class Recorder extends componentClass({
  type: 'testing.Recorder',
  description: 'Records its inputs at every step.',
  args: { fields: arg.stringList({ default: ['in_1'] }) },
  portsFor: (args) => ({ inputs: (args.fields as readonly string[] | undefined) ?? ['in_1'], outputs: [] }),
}) {
  readonly seen: Record<string, unknown>[] = [];
  override step(): void {
    this.seen.push({ ...this.inputValues });
  }
}

/** out_1 = in_1; out_2 = in_2 (the loop helper of Plugboard's topology tests). */
export class PassThrough extends componentClass({
  type: 'testing.PassThrough',
  description: 'Copies in_1/in_2 to out_1/out_2.',
  inputs: { in_1: port(), in_2: port() },
  outputs: { out_1: port(), out_2: port() },
}) {
  override step(): void {
    this.out.out_1 = this.in.in_1;
    this.out.out_2 = this.in.in_2;
  }
}

/** Runs a spec to the end and returns the result, the process (for component state) and every event. */
export async function runForTest(
  spec: ProcessSpec,
  registry: ComponentRegistry,
  options: LocalProcessOptions = {},
): Promise<{ result: RunResult; process: LocalProcess; events: RunEvent[]; component: <T extends Component = Component>(name: string) => T }> {
  const events: RunEvent[] = [];
  const process = new LocalProcess(spec, registry, { ioReadTimeoutMs: 20, maxStepEventsPerSecond: Infinity, ...options, onEvents: (batch) => events.push(...batch) });
  const result = await process.execute();
  return { result, process, events, component: <T extends Component>(name: string) => process.component(name) as T };
}
