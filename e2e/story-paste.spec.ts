// Story 2: paste a Plugboard YAML file, see the graph, run it, download the results.
import { expect, test } from '@playwright/test';
import { csvRows, Editor, fastRay } from './pages/editor.ts';

test('paste YAML to run: the Ray tutorial model appears, runs and downloads', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await expect(ed.node('input')).toHaveCount(0);

  await ed.pasteYaml(fastRay());
  for (const n of ['input', 'slow-sleep', 'very-slow-sleep', 'timestamper', 'save-results']) await expect(ed.node(n)).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  // Pasted YAML has no layout block: auto-layout places the nodes left to right.
  const xs = await Promise.all(['input', 'timestamper', 'save-results'].map(async (n) => (await ed.node(n).boundingBox())!.x));
  expect(xs[0]!).toBeLessThan(xs[1]!);
  expect(xs[1]!).toBeLessThan(xs[2]!);
  await expect(ed.button('Parallel')).toHaveAttribute('aria-pressed', 'true');

  await ed.button('Run').click();
  await expect(ed.button('Stop')).toBeEnabled();
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toContainText('completed');
  await expect(ed.page.getByLabel('Elapsed time')).toContainText('Completed in');
  await expect(ed.output.getByTestId('output-count')).toHaveText('10 rows');

  const file = await ed.download('ray.csv');
  const csv = csvRows(file.text);
  expect(csv.header).toBe('timestamp');
  expect(csv.rows).toHaveLength(10);
});
