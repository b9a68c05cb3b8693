// Browser worker hosts (module workers, COOP/COEP): parallel = local for every runnable fixture,
// failure, stop and cleanup. Serves bench/browser with its own Vite config (no app change needed).
import { expect, test, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import config from '../bench/vite.bench.config.ts';
import { compareRunFiles, FAULTY_MODULE, faultyModel, runnableFixtures } from '../bench/hostFixtures.ts';
import type { RunEvent, RunResult } from '../src/protocol/events.ts';
import { COUNTING_MODULES, COUNTING_YAML } from '../src/python/countingFixture.ts';

const PORT = 4177;
/** The same page without COOP/COEP (a static host that does not send them). */
const PLAIN_PORT = 4176;
let server: PreviewServer;
let plain: PreviewServer;

interface Traced {
  readonly result: RunResult;
  readonly events: RunEvent[];
  readonly liveAfter: number;
}

test.beforeAll(async () => {
  await build({ ...config, configFile: false });
  server = await preview({ ...config, configFile: false, preview: { ...config.preview, port: PORT, strictPort: true } });
  plain = await preview({ ...config, configFile: false, preview: { port: PLAIN_PORT, strictPort: true, headers: {} } });
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  await new Promise<void>((resolve) => plain.httpServer.close(() => resolve()));
});

async function open(page: Page, port = PORT): Promise<void> {
  await page.goto(`http://localhost:${port}/bench/browser/index.html`);
  await page.waitForFunction(() => (globalThis as unknown as { __bench?: unknown }).__bench !== undefined);
}

function trace(page: Page, yaml: string, mode: 'local' | 'parallel', withModules = false, cancelAfterMs?: number): Promise<Traced> {
  const modules = withModules ? [{ file: 'faulty.ts', source: FAULTY_MODULE }] : undefined;
  return page.evaluate(
    ([y, m, mods, c]) =>
      (globalThis as unknown as { __bench: { trace(...a: unknown[]): Promise<Traced> } }).__bench.trace(y, m, mods, c),
    [yaml, mode, modules, cancelAfterMs] as const,
  );
}

test('the bench page is cross-origin isolated', async ({ page }) => {
  await open(page);
  expect(await page.evaluate(() => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated)).toBe(true);
});

test('parallel runs write the same files as local runs, and leave no worker behind', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  for (const [name, yaml] of Object.entries(runnableFixtures())) {
    const local = await trace(page, yaml, 'local');
    const parallel = await trace(page, yaml, 'parallel');
    expect(local.result.status, name).toBe('completed');
    expect(parallel.result.status, name).toBe('completed');
    expect(compareRunFiles(name, local.result.files, parallel.result.files), name).toEqual([]);
    expect(parallel.liveAfter, name).toBe(0);
    expect(local.liveAfter, name).toBe(0);
    const lanes = new Set(parallel.events.flatMap((e) => (e.kind === 'step' ? [e.lane] : [])));
    for (const lane of lanes) expect(lane).toMatch(/^worker:/);
  }
});

test('a throwing component fails the run with name, message, stack and module line', async ({ page }) => {
  await open(page);
  for (const mode of ['parallel', 'local'] as const) {
    const { result, liveAfter } = await trace(page, faultyModel('faulty.Boom'), mode, true);
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ name: 'RangeError', message: 'boom at 3', component: 'm', file: 'faulty.ts', line: 6 });
    // In one thread (local) the rows consumed before the failure depend on scheduling.
    if (mode === 'parallel') expect(result.files['out.csv']).toBe('y\n0\n1\n2\n');
    expect(liveAfter).toBe(0);
  }
});

test('stop ends a run whose component is stuck in a synchronous loop', async ({ page }) => {
  await open(page);
  for (const mode of ['parallel', 'local'] as const) {
    const { result, events, liveAfter } = await trace(page, faultyModel('faulty.Spin'), mode, true, 100);
    expect(result.status).toBe('stopped');
    expect(events.some((e) => e.kind === 'process-status' && e.status === 'stopped')).toBe(true);
    expect(liveAfter).toBe(0);
  }
});

test('without cross-origin isolation, blocking components busy-wait and the user is told once', async ({ page }) => {
  await open(page, PLAIN_PORT);
  expect(await page.evaluate(() => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated)).toBe(false);
  const yaml = faultyModel('hello_ray.Sleep', 3).replace('args: { name: m }', 'args: { name: m, sleep_seconds: 0.01 }');
  const warnings = (events: RunEvent[]) => events.filter((e) => e.kind === 'log' && e.level === 'warning' && /cross-origin|busy/.test(e.message));
  const first = await trace(page, yaml, 'parallel');
  expect(first.result.status).toBe('completed');
  expect(warnings(first.events)).toHaveLength(1);
  const second = await trace(page, yaml, 'local');
  expect(second.result.status).toBe('completed');
  expect(warnings(second.events)).toHaveLength(0);
});

test('Python: the first Python worker of the page makes the snapshot; later local and parallel workers start from it, same files', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  const yaml = COUNTING_YAML;
  const modules = COUNTING_MODULES;
  const runs: Traced[] = [];
  for (const mode of ['local', 'local', 'parallel'] as const) {
    runs.push(await page.evaluate(([y, m, mods]) => (globalThis as unknown as { __bench: { trace(...a: unknown[]): Promise<Traced> } }).__bench.trace(y, m, mods), [yaml, mode, modules] as const));
  }
  const loaded = runs.map((r) => r.events.flatMap((e) => (e.kind === 'log' && /loaded Python/.test(e.message) ? [e.message] : [])));
  expect(loaded[0]).toEqual([expect.stringMatching(/^worker:local loaded Python \(Pyodide\) in \d+ ms$/)]);
  expect(loaded[1]).toEqual([expect.stringMatching(/^worker:local loaded Python \(Pyodide\) in \d+ ms \(from the snapshot\)$/)]);
  expect(loaded[2]).toEqual([expect.stringMatching(/^worker:\d+ loaded Python \(Pyodide\) in \d+ ms \(from the snapshot\)$/)]);
  for (const r of runs) expect(r.result.status).toBe('completed');
  expect(runs[0]!.result.files['out.csv']).toMatch(/^x\n2\d\n1\d\n\d\n$/);
  expect(runs[1]!.result.files).toEqual(runs[0]!.result.files);
  expect(runs[2]!.result.files).toEqual(runs[0]!.result.files);
  expect(runs[2]!.liveAfter).toBe(0);
});
