/**
 * Shared by the Node host tests (src/node/runParallel.test.ts) and the browser ones
 * (e2e/bench-hosts.spec.ts): the runnable fixtures, adapted so that every result lands in a file,
 * and the file comparison (timestamps differ run to run).
 */
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../fixtures/plugboard-yaml/', import.meta.url);
export const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

/** Adds a FileWriter recording `source` (for models whose result is a component value, not a file). */
const probe =
  (source: string) =>
  (text: string): string =>
    text.replace(
      '      connectors:\n',
      '      - type: plugboard.library.file_io.FileWriter\n        args:\n          name: probe\n          path: probe.csv\n          field_names: ["v"]\n' +
        `      connectors:\n      - source: ${source}\n        target: probe.v\n`,
    );

const fast = (t: string): string => t.replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01').replace('sleep_seconds: 1', 'sleep_seconds: 0.02');

/** Every fixture the README marks RUN / RUN (local); sleeps of the Ray model scaled down 50×. */
export const RUNNABLE: Readonly<Record<string, (text: string) => string>> = {
  '001_hello_world__model.yaml': (t) => t,
  '002_complex_processes__branching.yaml': (t) => t,
  '002_complex_processes__loop.yaml': (t) => t,
  '002_complex_processes__parameters.yaml': (t) => t,
  '002_production_line_optimisation__production-line.yaml': probe('cost_per_unit.cost_per_unit'),
  '003_factory_simulation__factory-simulation.yaml': probe('factory.total_value'),
  '004_using_ray__model-ray.yaml': fast,
  '005_events__model.yaml': (t) => t,
  '006_optimisation__model-with-tuner.yaml': probe('max-height.max_y'),
  'tests_data__dynamic-param-process.yaml': (t) => t,
  'tests_data__minimal-process.yaml': (t) => t,
};

/** The runnable fixtures, adapted: name → YAML text. */
export function runnableFixtures(): Record<string, string> {
  return Object.fromEntries(Object.entries(RUNNABLE).map(([name, adapt]) => [name, adapt(fixture(name))]));
}

/** ISO timestamps (Timestamper) differ run to run; everything else must match byte for byte. */
export const normaliseFiles = (files: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(files).map(([p, t]) => [p, t.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?/g, '<time>')]));

/**
 * Differences between a local and a parallel run's files ([] when they agree). Event consumers
 * (005_events) step once per batch of events that arrived together, which depends on thread timing
 * (as on Ray): there each row must be one the local run also wrote, and the last rows agree.
 */
export function compareRunFiles(name: string, local: Readonly<Record<string, string>>, parallel: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const a = normaliseFiles(local);
  const b = normaliseFiles(parallel);
  if (Object.keys(a).sort().join() !== Object.keys(b).sort().join()) problems.push(`files differ: ${Object.keys(a)} vs ${Object.keys(b)}`);
  if (Object.keys(a).length === 0) problems.push('no files written');
  for (const [path, text] of Object.entries(b)) {
    const want = a[path] ?? '';
    if (!name.startsWith('005_events')) {
      if (text !== want) problems.push(`${path}: parallel ${JSON.stringify(text.slice(0, 200))} ≠ local ${JSON.stringify(want.slice(0, 200))}`);
      continue;
    }
    const localRows = want.trimEnd().split('\n');
    const rows = text.trimEnd().split('\n');
    for (const row of rows) if (!localRows.includes(row)) problems.push(`${path}: row ${row} not in the local run`);
    if (rows.at(-1) !== localRows.at(-1)) problems.push(`${path}: last rows differ`);
  }
  return problems;
}

/** A user module with a failing and a stuck component (failure and stop tests). */
export const FAULTY_MODULE = [
  "import { componentClass, port, arg, blockingSleep } from 'plugboard';",
  'export class Boom extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() }, args: { at: arg.number({ default: 3 }) } }) {',
  '  override step(): void {',
  '    if (this.in.x === this.args.at) {',
  '      blockingSleep(1000); // lets the values sent before reach the writer, even on a busy machine',
  "      throw new RangeError('boom at ' + this.in.x);",
  '    }',
  '    this.out.y = this.in.x;',
  '  }',
  '}',
  'export class Spin extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {',
  '  override step(): void {',
  '    for (;;) { /* stuck */ }',
  '  }',
  '}',
  '/** Passes 0, 1, 2 on, then throws at once (no pause for the rows to travel). */',
  'export class Throw extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {',
  '  override step(): void {',
  "    if (this.in.x === 3) throw new RangeError('thrown at 3');",
  '    this.out.y = this.in.x;',
  '  }',
  '}',
  '/** Passes 0, 1, 2 on, then loops forever (synchronously). */',
  'export class Loop extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {',
  '  override step(): void {',
  '    if (this.in.x === 3) for (;;) { /* stuck */ }',
  '    this.out.y = this.in.x;',
  '  }',
  '}',
  '/** Passes 0 … at-1 on (5 rows by default), then loops forever (synchronously). */',
  'export class LoopAt extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() }, args: { at: arg.number({ default: 5 }) } }) {',
  '  override step(): void {',
  '    if (this.in.x === this.args.at) for (;;) { /* stuck */ }',
  '    this.out.y = this.in.x;',
  '  }',
  '}',
  '/** Passes 0, 1, 2 on, then awaits timers forever. */',
  'export class AsyncLoop extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {',
  '  override async step(): Promise<void> {',
  '    if (this.in.x === 3) for (;;) await new Promise((r) => setTimeout(r, 1));',
  '    this.out.y = this.in.x;',
  '  }',
  '}',
].join('\n');

/** source (hello_world.A) → `middle` → FileWriter(out.csv), as a RayProcess. */
export const faultyModel = (middle: string, iters = 1000): string => `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder:
      type: plugboard.connector.RayConnector
    args:
      components:
      - type: hello_world.A
        args: { name: a, iters: ${iters} }
      - type: ${middle}
        args: { name: m }
      - type: plugboard.library.file_io.FileWriter
        args: { name: w, path: out.csv, field_names: ["y"] }
      connectors:
      - source: a.out_1
        target: m.x
      - source: m.y
        target: w.y
`;

/**
 * The fan-in rate mismatch (issue 8): `s` feeds both inputs of `tally`, `t` also feeds `tally.a`,
 * so `tally.a` receives two values per `tally.b` value. Plugboard (unbounded channels) writes `n`
 * rows; with fixed bounded channels `s` blocks on the full `tally.a` while `tally` waits for `b`.
 * `maxsize` sets Plugboard's hard bound (then it is a real deadlock).
 */
export const fanInMismatchModel = (n = 5000, options: { maxsize?: number; ray?: boolean } = {}): string => `plugboard:
  process:
${options.ray ? '    type: plugboard.process.RayProcess\n' : ''}    connector_builder:
      type: plugboard.connector.${options.ray ? 'RayConnector' : 'AsyncioConnector'}
${options.maxsize ? `      args: { maxsize: ${options.maxsize} }\n` : ''}    args:
      components:
      - type: hello_world.A
        args: { name: t, iters: ${n} }
      - type: hello_world.A
        args: { name: s, iters: ${n} }
      - type: components.Sum
        args: { name: tally }
      - type: plugboard.library.file_io.FileWriter
        args: { name: w, path: tally.csv, field_names: ["x"] }
      connectors:
      - { source: s.out_1, target: tally.a }
      - { source: t.out_1, target: tally.a }
      - { source: s.out_1, target: tally.b }
      - { source: tally.x, target: w.x }
`;

/**
 * The same mismatch made through events: `r` → `find` publishes a HighEvent per value (all values
 * are ≥ 0), `collect` (an event consumer) turns each batch of events into a value on `tally.a`,
 * which `s` also feeds; `s` alone feeds `tally.b`. `n` rows either way.
 */
export const eventMismatchModel = (n = 5000, options: { ray?: boolean } = {}): string => `plugboard:
  process:
${options.ray ? '    type: plugboard.process.RayProcess\n    connector_builder: { type: plugboard.connector.RayConnector }\n' : ''}    args:
      components:
      - type: hello_world.A
        args: { name: s, iters: ${n} }
      - type: hello_events.Random
        args: { name: r, iters: ${n + 1} }
      - type: hello_events.FindHighLowValues
        args: { name: find, low_limit: -1, high_limit: 0 }
      - type: hello_events.CollectHigh
        args: { name: collect }
      - type: components.Sum
        args: { name: tally }
      - type: plugboard.library.file_io.FileWriter
        args: { name: w, path: tally.csv, field_names: ["x"] }
      connectors:
      - { source: r.value, target: find.value }
      - { source: collect.value, target: tally.a }
      - { source: s.out_1, target: tally.a }
      - { source: s.out_1, target: tally.b }
      - { source: tally.x, target: w.x }
`;

/** Rows of a CSV text without its header. @example csvRows('x\n1\n2\n') // 2 */
export const csvRows = (text: string | undefined): number => (text ?? '').split('\n').filter((l) => l !== '').length - 1;
