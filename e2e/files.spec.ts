// Files: Examples menu, Open (file picker and drop), Save.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Editor, RAY_YAML } from './pages/editor.ts';

const HELLO = readFileSync(new URL('../app/examples/001_hello_world__model.yaml', import.meta.url), 'utf8');

test('first start shows the Ray tutorial; the Examples menu loads and runs the loop tutorial', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  for (const n of ['input', 'slow-sleep', 'very-slow-sleep', 'timestamper', 'save-results']) await expect(ed.node(n)).toBeVisible();
  await expect(ed.page.getByTestId('file-name')).toHaveText('model-ray.yaml');

  await ed.button('Examples').click();
  await ed.page.getByRole('menuitem', { name: 'Complex processes: loop' }).click();
  for (const n of ['random', 'scale', 'sum', 'save-output']) await expect(ed.node(n)).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(4); // the feedback loop is drawn
  await ed.run('Local');
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-output')).toContainText('completed');
  const file = await ed.download('cumulative-sum.txt');
  expect(file.text.trim().split('\n')).toHaveLength(5);
});

test('Open loads a YAML file (picker and drop); Save downloads the YAML with its layout', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  const chooser = page.waitForEvent('filechooser');
  await ed.button('Open').click();
  await (await chooser).setFiles({ name: 'model.yaml', mimeType: 'application/yaml', buffer: Buffer.from(HELLO) });
  await expect(ed.node('a')).toBeVisible();
  await expect(ed.node('b')).toBeVisible();
  await expect(ed.node('input')).toHaveCount(0);

  // Drop a .yaml onto the window.
  const data = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'model-ray.yaml', { type: 'application/yaml' }));
    return dt;
  }, RAY_YAML);
  await page.dispatchEvent('.canvas-area', 'dragover', { dataTransfer: data });
  await page.dispatchEvent('.canvas-area', 'drop', { dataTransfer: data });
  await expect(ed.node('timestamper')).toBeVisible();
  await expect(ed.page.getByTestId('file-name')).toHaveText('model-ray.yaml');

  const [download] = await Promise.all([page.waitForEvent('download'), ed.button('Save').click()]);
  expect(download.suggestedFilename()).toBe('model-ray.yaml');
  const saved = readFileSync(await download.path(), 'utf8');
  expect(saved.startsWith(RAY_YAML.trimEnd())).toBe(true); // the user's text untouched, comments included
  expect(saved).toMatch(/# plugboard-studio:layout \{"input":\[/);
});

test('dark theme', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('Dark theme').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(ed.yaml.locator('.monaco-editor.vs-dark')).toBeVisible();
  await page.reload();
  await ed.waitReady();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
