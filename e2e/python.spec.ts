// Issue 14: users' own Python components (Plugboard's API, run by Pyodide in the run's workers).
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { csvRows, Editor } from './pages/editor.ts';

const HELLO_RAY = readFileSync(new URL('../fixtures/plugboard-python/004_using_ray__hello_ray.py', import.meta.url), 'utf8');
const RAY_YAML = readFileSync(new URL('../fixtures/plugboard-yaml/004_using_ray__model-ray.yaml', import.meta.url), 'utf8');
const HELLO_TUNER = readFileSync(new URL('../fixtures/plugboard-python/006_optimisation__hello_tuner.py', import.meta.url), 'utf8');

class ModulesView {
  constructor(readonly page: Page) {}
  get region() {
    return this.page.getByRole('region', { name: 'Modules' });
  }
  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Modules' }).click();
    await expect(this.region).toBeVisible();
  }
  /** New module `file`, then its whole text replaced by `source` (as a paste would). */
  async add(file: string, source: string): Promise<void> {
    await this.region.getByRole('button', { name: 'New module', exact: true }).click();
    await this.region.getByLabel('Module file name').fill(file);
    await this.region.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(this.region.getByRole('button', { name: file, exact: true })).toBeVisible();
    await expect(this.region.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
    await this.setText(source);
  }
  async setText(source: string): Promise<void> {
    // An edit (not setValue, which the editor treats as a reload): saved to the project like typing.
    await this.page.evaluate((text) => {
      type Ed = { getModel(): { getFullModelRange(): unknown }; executeEdits(source: string, edits: { range: unknown; text: string }[]): void };
      const editor = (globalThis as unknown as { __moduleEditor: { editor: Ed } }).__moduleEditor.editor;
      editor.executeEdits('e2e', [{ range: editor.getModel().getFullModelRange(), text }]);
    }, source);
  }
  markers(file: string) {
    return this.page.evaluate(
      (f) => (globalThis as unknown as { __moduleEditor: { markers(f: string): { line: number; message: string; severity: number }[] } }).__moduleEditor.markers(f),
      file,
    );
  }
}

/** Per-step bars the Timeline draws (as the workers measured them). */
function stepBars(page: Page) {
  return page.evaluate(() => {
    type Bar = { component: string; start: number; end: number; steps: number; lane: string };
    const store = (window as unknown as { __editorStore: { getState(): { run: { buffers: { steps: Bar[] } } } } }).__editorStore;
    return store.getState().run.buffers.steps.map((b) => ({ component: b.component, start: b.start, end: b.end, steps: b.steps }));
  });
}

test('the Ray tutorial with the upstream hello_ray.py: Python classes, parallel run, overlapping sleeps', async ({ page }) => {
  test.setTimeout(240_000);
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(RAY_YAML);
  await expect(ed.node('slow-sleep')).toBeVisible();
  const modules = new ModulesView(page);
  await modules.open();
  await modules.add('hello_ray.py', HELLO_RAY);
  // Python is loaded in the analysis worker, then the module's classes are known.
  await expect(modules.region).toContainText('hello_ray.py defines Iterator, Sleep, Timestamper', { timeout: 120_000 });
  // The palette shows the Python class (its docstring, ports and args).
  const sleep = await ed.paletteItem('hello_ray', 'Sleep');
  await expect(sleep).toContainText('Passes through input to output after a delay.');
  await expect(sleep).toContainText('in: x');
  await expect(sleep).toContainText('out: y');

  await ed.run('Parallel');
  await ed.waitFinished(180_000);
  await expect(ed.nodeStatus('save-results')).toContainText('completed');
  const csv = csvRows((await ed.download('ray.csv')).text);
  expect(csv.header).toBe('timestamp');
  expect(csv.rows).toHaveLength(10);
  for (const row of csv.rows) expect(row).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
  // The two Python Sleep branches ran at the same time (one worker each): their steps overlap.
  const bars = await stepBars(page);
  const slow = bars.filter((b) => b.component === 'slow-sleep');
  const slower = bars.filter((b) => b.component === 'very-slow-sleep');
  expect(slow.reduce((n, b) => n + b.steps, 0)).toBe(10);
  for (const b of slower) expect((b.end - b.start) / b.steps).toBeGreaterThanOrEqual(990); // time.sleep(1) really blocks
  expect(slow.filter((a) => slower.some((b) => a.start < b.end && b.start < a.end)).length).toBeGreaterThanOrEqual(8);
  // The analysis worker loaded Pyodide first and made the page's snapshot: every Python worker of the run started from it.
  const loaded = await page.evaluate(() => {
    const store = (window as unknown as { __editorStore: { getState(): { run: { buffers: { logs: { message: string }[] } } } } }).__editorStore;
    return store.getState().run.buffers.logs.map((l) => l.message).filter((m) => m.includes('loaded Python'));
  });
  expect(loaded.length).toBeGreaterThanOrEqual(2);
  for (const message of loaded) expect(message).toMatch(/^worker:\d+ loaded Python \(Pyodide\) in \d+ ms \(from the snapshot\)$/);
});

test('a syntax error in a .py module is marked at its line', async ({ page }) => {
  test.setTimeout(180_000);
  const ed = new Editor(page);
  await ed.open();
  const modules = new ModulesView(page);
  await modules.open();
  const broken = HELLO_RAY.replace('class Sleep(Component):', 'class Sleep(Component)');
  const line = broken.split('\n').findIndex((l) => l.startsWith('class Sleep(Component)')) + 1;
  await modules.add('hello_ray.py', broken);
  await expect
    .poll(async () => (await modules.markers('hello_ray.py')).filter((m) => m.severity === 8).map((m) => m.line), { timeout: 120_000 })
    .toEqual([line]);
  await expect(modules.region).toContainText('SyntaxError');
});

test('a Python exception in step shows on the node with the .py line', async ({ page }) => {
  test.setTimeout(240_000);
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(RAY_YAML.replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01').replace('sleep_seconds: 1', 'sleep_seconds: 0.02'));
  await expect(ed.node('timestamper')).toBeVisible();
  const modules = new ModulesView(page);
  await modules.open();
  const failing = HELLO_RAY.replace(
    '        self.timestamp = datetime.datetime.now().isoformat()',
    '        self.timestamp = datetime.datetime.now().isoformat()\n        raise ValueError("no timestamps today")',
  );
  const line = failing.split('\n').findIndex((l) => l.includes('no timestamps today')) + 1;
  await modules.add('hello_ray.py', failing);
  await expect(modules.region).toContainText('hello_ray.py defines Iterator, Sleep, Timestamper', { timeout: 120_000 });
  await ed.run('Local');
  await ed.waitFinished(180_000);
  const error = ed.node('timestamper').getByRole('alert');
  await expect(error).toContainText('no timestamps today');
  await expect(error).toContainText(`hello_ray.py:${line}`);
  await expect(modules.region.getByRole('alert')).toContainText(`hello_ray.py:${line}`);
});

test('tune the tuner tutorial with the upstream hello_tuner.py: every trial worker starts Python from the page snapshot', async ({ page }) => {
  test.setTimeout(240_000);
  const ed = new Editor(page);
  await ed.open();
  await ed.openExample('Optimisation: model with tuner', 'trajectory');
  const modules = new ModulesView(page);
  await modules.open();
  await modules.add('hello_tuner.py', HELLO_TUNER);
  // The analysis worker loaded Pyodide and made the page's snapshot while reading the classes.
  await expect(modules.region).toContainText('hello_tuner.py defines Iterator, Trajectory, MaxHeight', { timeout: 120_000 });
  await page.getByRole('tab', { name: 'Tune' }).click();
  const view = page.getByRole('region', { name: 'Tune' });
  await view.getByLabel('Samples', { exact: true }).fill('8');
  await expect(view.getByLabel('Samples', { exact: true })).toHaveValue('8');
  await view.getByRole('button', { name: '▶ Start tuning' }).click();
  await expect(view.getByTestId('tune-progress')).toHaveText('8/8 trials', { timeout: 180_000 });
  await expect(view.getByRole('button', { name: '▶ Start tuning' })).toBeVisible();
  await expect(view).not.toContainText('failed');
  await expect(view.getByLabel('Best trial', { exact: true })).toContainText(/Best #\d+: max_y = \d/);
  // The trials ran in Python: the tune workers loaded Pyodide, each from the snapshot.
  await expect(view.getByTestId('tune-python')).toHaveText(/^Python \(Pyodide\): \d+ workers? from the snapshot \([\d.–]+ s\)$/);
});

