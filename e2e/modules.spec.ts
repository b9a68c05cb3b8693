// Issue 5: components written in TypeScript in the Modules view, used like built-ins.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { csvRows, Editor } from './pages/editor.ts';

/** A model using a module type that does not exist yet: a counter → my_components.Double → a CSV. */
const MODEL = `plugboard:
  process:
    args:
      components:
      - type: hello_world.A
        args:
          name: "count"
          iters: 5
      - type: plugboard.library.file_io.FileWriter
        args:
          name: "save"
          path: "doubled.csv"
          field_names:
          - doubled
      connectors: []
`;

class ModulesView {
  constructor(readonly page: Page) {}
  get region() {
    return this.page.getByRole('region', { name: 'Modules' });
  }
  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Modules' }).click();
    await expect(this.region).toBeVisible();
  }
  async newModule(file: string): Promise<void> {
    await this.region.getByRole('button', { name: 'New module', exact: true }).click();
    await this.region.getByLabel('Module file name').fill(file);
    await this.region.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(this.region.getByRole('button', { name: file, exact: true })).toBeVisible();
    await expect(this.region.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  }
  async openExample(file: string): Promise<void> {
    await this.region.getByLabel('Open example module').selectOption(file);
    await expect(this.region.getByRole('button', { name: file, exact: true })).toBeVisible();
    await expect(this.region.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  }
  /** Replaces the first occurrence of `find` in the open module, as a user would with Find. */
  async replace(find: string, replacement: string): Promise<void> {
    await this.region.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+f');
    await this.page.keyboard.insertText(find);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.insertText(replacement);
  }
  markers(file: string) {
    return this.page.evaluate(
      (f) => (globalThis as unknown as { __moduleEditor: { markers(f: string): { line: number; message: string; severity: number }[] } }).__moduleEditor.markers(f),
      file,
    );
  }
}

/** Wires two ports by dragging; retried once if the canvas was still settling after a drop. */
async function connect(ed: Editor, source: string, target: string): Promise<void> {
  const [s, sp] = source.split('.') as [string, string];
  const [t, tp] = target.split('.') as [string, string];
  const edge = ed.edge(`${s}.${sp}`, `${t}.${tp}`);
  for (let attempt = 0; attempt < 3 && (await edge.count()) === 0; attempt++) {
    await ed.connect(source, target);
    await ed.page.waitForTimeout(200);
  }
  await expect(edge).toHaveCount(1);
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('write a component in the Modules view, use it from the palette, run it and download its CSV', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(MODEL);
  await expect(ed.node('count')).toBeVisible();

  const modules = new ModulesView(page);
  await modules.open();
  await modules.newModule('my_components.ts');
  await expect(modules.region).toContainText('my_components.ts defines Double');

  // The palette lists the module's component with its ports.
  const item = await ed.paletteItem('my_components', 'Double');
  await expect(item).toContainText('in: x');
  await expect(item).toContainText('out: y');
  await ed.dragFromPalette('my_components', 'Double', 360, 200);
  await expect(ed.node('double')).toBeVisible();
  // The pasted model is zoomed to fit, so the drop may cover a node: lay out before wiring.
  await ed.button('Auto layout').click();
  await page.waitForTimeout(800);
  await connect(ed, 'count.out_1', 'double.x');
  await connect(ed, 'double.y', 'save.doubled');
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(ed.yaml).toContainText('my_components.Double');

  await ed.run('Local');
  await ed.waitFinished();
  await expect(ed.nodeStatus('double')).toContainText('completed');
  const file = await ed.download('doubled.csv');
  const csv = csvRows(file.text);
  expect(csv.header).toBe('doubled');
  expect(csv.rows).toEqual(['0', '2', '4', '6', '8']);
});

test('a type error is marked at its line in the module', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  const modules = new ModulesView(page);
  await modules.open();
  await modules.newModule('my_components.ts');
  const source = await page.evaluate(() => (globalThis as unknown as { __moduleEditor: { editor: { getValue(): string } } }).__moduleEditor.editor.getValue());
  const line = lineOf(source, 'this.out.y = this.args.factor * this.in.x');
  expect(line).toBeGreaterThan(1);
  await modules.replace('this.args.factor * this.in.x', "'not a number'");
  await expect
    // Distinct lines: under load the same error was once reported as 4 identical markers (known, see
    // the session note); the place is what this test is about.
    .poll(async () => [...new Set((await modules.markers('my_components.ts')).filter((m) => m.severity === 8).map((m) => m.line))], { timeout: 20_000 })
    .toEqual([line]);
  // The squiggle is on screen too.
  await expect(modules.region.locator('.squiggly-error').first()).toBeVisible();
});

test('an error thrown in step shows on the node with the module line', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(MODEL.replace('connectors: []', 'connectors:\n      - source: "count.out_1"\n        target: "double.x"\n      - source: "double.y"\n        target: "save.doubled"').replace(
    '      - type: plugboard.library.file_io.FileWriter',
    '      - type: my_components.Double\n        args:\n          name: "double"\n      - type: plugboard.library.file_io.FileWriter',
  ));
  await expect(ed.node('double')).toBeVisible();
  const modules = new ModulesView(page);
  await modules.open();
  await modules.newModule('my_components.ts');
  const source = await page.evaluate(() => (globalThis as unknown as { __moduleEditor: { editor: { getValue(): string } } }).__moduleEditor.editor.getValue());
  const line = lineOf(source, 'this.out.y = this.args.factor * this.in.x');
  await modules.replace('this.out.y = this.args.factor * this.in.x;', "if (this.in.x === 3) throw new Error('three is not allowed');");
  await expect(modules.region.getByText('checking…')).toHaveCount(0);

  await ed.run('Local');
  await ed.waitFinished();
  const error = ed.node('double').getByRole('alert');
  await expect(error).toContainText('three is not allowed');
  await expect(error).toContainText(`my_components.ts:${line}`);
  // The Modules view points at the same line.
  await expect(modules.region.getByRole('alert')).toContainText(`my_components.ts:${line}`);
});

test("editing Sleep's duration logic in hello_ray.ts changes the next run", async ({ page }) => {
  test.setTimeout(120_000);
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  const yaml = readFileSync(new URL('../app/examples/004_using_ray__model-ray.yaml', import.meta.url), 'utf8');
  await ed.pasteYaml(yaml.replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01').replace('sleep_seconds: 1', 'sleep_seconds: 0.02'));
  const modules = new ModulesView(page);
  await modules.open();
  await modules.openExample('hello_ray.ts');
  await expect(modules.region).toContainText('hello_ray.ts defines Iterator, Sleep, Timestamper');
  await expect(ed.node('slow-sleep')).toBeVisible();

  // Step durations as the worker measured them (what the Timeline draws), per Sleep component.
  const stepMs = () =>
    page.evaluate(() => {
      type Bar = { component: string; start: number; end: number; steps: number };
      const store = (window as unknown as { __editorStore: { getState(): { run: { buffers: { steps: Bar[] } } } } }).__editorStore;
      const out: Record<string, number[]> = {};
      for (const bar of store.getState().run.buffers.steps) (out[bar.component] ??= []).push((bar.end - bar.start) / bar.steps);
      return out;
    });
  const run = async () => {
    await ed.run('Local');
    await ed.waitFinished(60_000);
    expect(csvRows((await ed.download('ray.csv')).text).rows).toHaveLength(10);
    return stepMs();
  };
  const before = await run();
  expect(before['slow-sleep']).toHaveLength(10);
  for (const ms of before['slow-sleep']!) expect(ms).toBeGreaterThanOrEqual(9.5); // blocks at least 0.01 s

  // Ten times longer sleeps: a blocking sleep never ends early, so every step now takes >= 0.1 s / 0.2 s.
  await modules.replace('this.args.sleep_seconds * 1000', 'this.args.sleep_seconds * 10000');
  await expect(modules.region.getByText('checking…')).toHaveCount(0);
  const after = await run();
  expect(after['slow-sleep']).toHaveLength(10);
  for (const ms of after['slow-sleep']!) expect(ms).toBeGreaterThanOrEqual(99);
  for (const ms of after['very-slow-sleep']!) expect(ms).toBeGreaterThanOrEqual(199);
});

test('a pasted model with unknown types renders with inferred ports, and one action creates stubs', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(`plugboard:
  process:
    args:
      components:
      - type: my_line.Source
        args:
          name: "src"
          iters: 3
      - type: my_line.Doubler
        args:
          name: "dbl"
      - type: plugboard.library.file_io.FileWriter
        args:
          name: "save"
          path: "out.csv"
          field_names:
          - value
      connectors:
      - source: "src.out"
        target: "dbl.inp"
      - source: "dbl.result"
        target: "save.value"
`);
  await expect(ed.node('dbl')).toBeVisible();
  await expect(ed.node('dbl')).toContainText('unresolved');
  await expect(ed.canvas.getByLabel('dbl.inp input', { exact: true })).toBeVisible();
  await expect(ed.canvas.getByLabel('dbl.result output', { exact: true })).toBeVisible();

  const modules = new ModulesView(page);
  await modules.open();
  await modules.region.getByRole('button', { name: 'Create stubs for 2 unresolved types' }).click();
  await expect(modules.region.getByRole('button', { name: 'my_line.ts', exact: true })).toBeVisible();
  // Generated code waits for approval like any other code (issue 11 item 1).
  await expect(modules.region).toContainText('Not loaded yet: my_line.ts');
  await modules.region.getByRole('button', { name: 'Load types now' }).click();
  await expect(modules.region).toContainText('my_line.ts defines Source, Doubler');
  await expect(ed.node('dbl')).not.toContainText('unresolved');
  await expect(ed.node('src')).not.toContainText('unresolved');
  const item = await ed.paletteItem('my_line', 'Doubler');
  await expect(item).toContainText('in: inp');
  await expect(item).toContainText('out: result');
  // The stub compiles and type-checks: no error markers.
  await expect.poll(async () => (await modules.markers('my_line.ts')).filter((m) => m.severity === 8)).toEqual([]);
});

test('modules that came with a loaded document do not run until the user agrees', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  const modules = new ModulesView(page);
  await modules.open();
  await modules.newModule('my_components.ts');
  await expect(modules.region).toContainText('my_components.ts defines Double');
  // Reload with the same module text coming from somewhere else (a project file) under a new name.
  const source = await page.evaluate(() => (globalThis as unknown as { __moduleEditor: { editor: { getValue(): string } } }).__moduleEditor.editor.getValue());
  await page.evaluate((s) => {
    const store = (globalThis as unknown as { __editorStore: { getState(): { text: string; loadDocument(t: string, f: string, m: { file: string; source: string }[]): void } } }).__editorStore;
    store.getState().loadDocument(store.getState().text, 'model.yaml', [{ file: 'shared.ts', source: s }]);
  }, source);
  await expect(modules.region.getByRole('status')).toContainText('Not loaded yet: shared.ts');
  await expect(modules.region).toContainText('shared.ts defines no components yet');
  await modules.region.getByRole('button', { name: 'Load types now' }).click();
  await expect(modules.region).toContainText('shared.ts defines Double');
  await expect(modules.region.getByRole('status')).toHaveCount(0);
});

test('nodes of a module type update their ports when the code changes', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  const modules = new ModulesView(page);
  await modules.open();
  await modules.newModule('my_components.ts');
  await ed.dragFromPalette('my_components', 'Double', 300, 200);
  await expect(ed.canvas.getByLabel('double.y output', { exact: true })).toBeVisible();
  await modules.replace('outputs: { y: port<number>() }', 'outputs: { y: port<number>(), half: port<number>() }');
  await expect(ed.canvas.getByLabel('double.half output', { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(ed.canvas.getByLabel('double.y output', { exact: true })).toBeVisible();
});

test('a module that does not compile stops Run with a message naming it', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(MODEL.replace('connectors: []', 'connectors:\n      - source: "count.out_1"\n        target: "double.x"\n      - source: "double.y"\n        target: "save.doubled"').replace(
    '      - type: plugboard.library.file_io.FileWriter',
    '      - type: my_components.Double\n        args:\n          name: "double"\n      - type: plugboard.library.file_io.FileWriter',
  ));
  const modules = new ModulesView(page);
  await modules.open();
  await modules.newModule('my_components.ts');
  await expect(modules.region).toContainText('my_components.ts defines Double');
  await modules.replace('this.out.y = this.args.factor * this.in.x;', 'this.out.y = ;');
  await expect(modules.region.getByRole('region', { name: 'Module problems' })).toContainText('my_components.ts:11');
  await ed.button('Run').click();
  await expect(page.getByRole('alert').filter({ hasText: 'my_components.ts' }).first()).toBeVisible();
  await expect(ed.button('Run')).toBeEnabled();
  await expect(ed.node('double')).toBeVisible(); // nothing went blank
});
