/**
 * `process run FILE --steps N` (issue 10): Plugboard's `process.step()` in a script. The run starts
 * held at the first step boundaries; each of the N process steps lets every component that can step
 * run its step once, then prints each component's state and step count. Then the run ends (Stop:
 * files written so far are kept) — or earlier, when every component has finished.
 */
import type { NotSteppedReason, StepReport } from '../protocol/events.ts';
import { UsageError, stringOption, type OptionValues } from './args.ts';

/** `--steps N` as a positive integer, or undefined without the flag. Throws UsageError otherwise. */
export function stepsOption(values: OptionValues): number | undefined {
  const text = stringOption(values, 'steps');
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--steps must be a positive whole number, got '${text}'`);
  return n;
}

const REASON: Readonly<Record<NotSteppedReason, string>> = {
  'waiting-for-input': 'waiting for input',
  'waiting-to-send': 'waiting to send (channel full)',
  'waiting-for-events': 'waiting for events',
  finished: 'finished',
  'never-steps': 'never steps (no step)',
  busy: 'busy (inside a step)',
};

/**
 * The lines printed after one step: a header, then one line per component (model order).
 * @example formatStep(report, ['a', 'b']) // 'step 1: 1 of 2 components stepped\n  a  stepped  steps=1\n  b  waiting for input  steps=0\n'
 */
export function formatStep(report: StepReport, order: readonly string[]): string {
  const states = new Map<string, string>();
  for (const name of report.stepped) states.set(name, 'stepped');
  for (const { component, reason } of report.notStepped) states.set(component, REASON[reason]);
  const names = [...order.filter((n) => states.has(n)), ...[...states.keys()].filter((n) => !order.includes(n))];
  const width = Math.max(0, ...names.map((n) => n.length));
  const stateWidth = Math.max(0, ...names.map((n) => states.get(n)!.length));
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${states.get(n)!.padEnd(stateWidth)}  steps=${report.steps[n] ?? '?'}`);
  return `step ${report.index}: ${report.stepped.length} of ${names.length} components stepped\n${lines.join('\n')}\n`;
}

/** What `--steps` drives: a run's step, and whether the run already ended. */
export interface Steppable {
  step(): Promise<StepReport>;
}

/**
 * Runs up to `n` process steps, writing each report; stops early once every component finished.
 * Returns how many steps ran.
 */
export async function runSteps(run: Steppable, n: number, order: readonly string[], write: (text: string) => void, ended: () => boolean): Promise<number> {
  let done = 0;
  for (let i = 0; i < n; i++) {
    if (ended()) break;
    const report = await run.step();
    done++;
    write(formatStep(report, order));
    if (report.stepped.length === 0 && report.notStepped.every((s) => s.reason === 'finished')) break;
  }
  return done;
}
