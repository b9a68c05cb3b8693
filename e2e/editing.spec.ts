// Editing behaviours: invalid YAML, undo/redo, autosave across reloads, refused connections.
import { expect, test } from '@playwright/test';
import { Editor, fastRay } from './pages/editor.ts';

test('invalid YAML shows a marker at the place and keeps the graph', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await expect(ed.node('timestamper')).toBeVisible();
  // Break the YAML: an unclosed flow sequence on the last line.
  await ed.typeYamlAtEnd('\n          - [oops');
  const problems = ed.page.getByRole('region', { name: 'Problems' });
  await expect(problems.locator('.problem--error').first()).toBeVisible();
  // Picking the problem reveals its line, where Monaco draws the error squiggle.
  await problems.locator('.problem--error button').first().click();
  await expect(ed.yaml.locator('.squiggly-error').first()).toBeVisible();
  await expect(ed.canvas.getByRole('status')).toContainText('read-only');
  // The canvas still shows the last valid model.
  for (const n of ['input', 'slow-sleep', 'very-slow-sleep', 'timestamper', 'save-results']) await expect(ed.node(n)).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  // The problem points at the line the user typed.
  const where = await problems.locator('.problem--error .problem__where').first().textContent();
  const lines = (await ed.page.evaluate(() => (window as unknown as { __editorStore: { getState(): { text: string } } }).__editorStore.getState().text)).split('\n');
  const line = lines.findIndex((l) => l.includes('[oops')) + 1;
  expect(Number(where!.split(':')[0])).toBeGreaterThanOrEqual(line);
  // Deleting the broken line (the cursor is on it after picking the problem) makes the canvas editable again.
  await ed.page.keyboard.press('ControlOrMeta+Shift+k');
  await expect(ed.canvas.getByRole('status')).toHaveCount(0);
  await expect(problems.locator('.problem--error')).toHaveCount(0);
});

test('undo and redo of a connector', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(fastRay().replace(/      - source: "timestamper.timestamp"\n        target: "save-results.timestamp"\n?/, ''));
  await expect(ed.node('save-results')).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(4);
  await ed.connect('timestamper.timestamp', 'save-results.timestamp');
  await expect(ed.edge('timestamper.timestamp', 'save-results.timestamp')).toBeVisible();
  await expect(ed.yaml).toContainText('target: "save-results.timestamp"');

  await ed.button('Undo').click();
  await expect(ed.edge('timestamper.timestamp', 'save-results.timestamp')).toHaveCount(0);
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(4);
  await ed.button('Redo').click();
  await expect(ed.edge('timestamper.timestamp', 'save-results.timestamp')).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  // Keyboard shortcuts on the canvas do the same.
  await ed.canvas.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await ed.page.keyboard.press('ControlOrMeta+z');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(4);
  await ed.page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
});

test('refuses output-to-output connections with a visible reason', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.connect('slow-sleep.y', 'very-slow-sleep.y output' as string);
  await expect(ed.page.getByRole('alert').filter({ hasText: 'output to an output' })).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
});

test('reload keeps the model (autosave)', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.rename('timestamper', 'stamp');
  await ed.setField('name', 'stamp'); // no-op, commits
  await ed.node('stamp').locator('.component-node__header').hover();
  const box = (await ed.node('stamp').boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + 120, { steps: 6 });
  await page.mouse.up();
  const moved = (await ed.node('stamp').boundingBox())!;
  expect(moved.y - box.y).toBeGreaterThan(50);
  // Where the dragged node sits relative to another, in node heights (independent of the zoom).
  const offset = async () => {
    const stamp = (await ed.node('stamp').boundingBox())!;
    const input = (await ed.node('input').boundingBox())!;
    return { dx: (stamp.x - input.x) / input.height, dy: (stamp.y - input.y) / input.height };
  };
  const before = await offset();
  await page.waitForTimeout(600); // autosave debounce
  await page.reload();
  await ed.waitReady();
  await expect(ed.node('stamp')).toBeVisible();
  await expect(ed.node('timestamper')).toHaveCount(0);
  await expect(ed.edge('stamp.timestamp', 'save-results.timestamp')).toBeVisible();
  // The dragged node kept its place relative to the others (the layout block is in the YAML).
  const after = await offset();
  expect(Math.abs(after.dx - before.dx)).toBeLessThan(0.2);
  expect(Math.abs(after.dy - before.dy)).toBeLessThan(0.2);
});

test('copy/paste, delete with the keyboard, undo, and auto layout', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.selectNode('slow-sleep');
  await page.keyboard.press('ControlOrMeta+c');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(ed.node('slow-sleep-2')).toBeVisible();
  await ed.node('slow-sleep-2').locator('.component-node__header').click();
  await page.keyboard.press('Delete');
  await expect(ed.node('slow-sleep-2')).toHaveCount(0);
  await ed.node('timestamper').locator('.component-node__header').click();
  await page.keyboard.press('Delete');
  await expect(ed.node('timestamper')).toHaveCount(0);
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(2); // its connectors went with it
  await ed.button('Undo').click();
  await expect(ed.node('timestamper')).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  // Auto layout writes positions into the YAML's layout block (one undo step).
  await ed.button('Auto layout').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __editorStore: { getState(): { text: string } } }).__editorStore.getState().text)).toContain('# plugboard-studio:layout');
  const a = (await ed.node('input').boundingBox())!;
  const b = (await ed.node('save-results').boundingBox())!;
  expect(a.x).toBeLessThan(b.x);
});

test('the YAML pane completes component types from the Plugboard schema', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.yaml.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('plugboard:\n  process:\n    args:\n      components:\n      - type: hello_ray.');
  await page.keyboard.press('Control+Space');
  await expect(ed.yaml.locator('.suggest-widget')).toContainText('hello_ray.Sleep', { timeout: 15_000 });
});
