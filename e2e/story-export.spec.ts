// Story 3: every FileWriter offers its file for download, named from its path, during and after a run.
import { expect, test } from '@playwright/test';
import { csvRows, Editor, fastRay } from './pages/editor.ts';

test('export results as CSV during and after a run', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  // The Ray model (20 iterations, ray.csv saved in chunks of 1) plus a second writer on the fast
  // branch, which finishes while the slow branch is still running.
  const yaml = fastRay(0.2, 0.25)
    .replace('iters: 10', 'iters: 20')
    .replace('          - timestamp', '          - timestamp\n          chunk_size: 1\n      - type: plugboard.library.file_io.FileWriter\n        args:\n          name: "save-input"\n          path: "out/input.csv"\n          field_names: [x]')
    .replace('      connectors:', '      connectors:\n      - source: "input.x"\n        target: "save-input.x"');
  await ed.pasteYaml(yaml);
  await expect(ed.node('save-input')).toBeVisible();
  await ed.run('Parallel');

  // During the run: each writer's file is offered, named from its path, with what it has written so far.
  await expect(ed.button('Download input.csv')).toBeVisible({ timeout: 15_000 });
  await expect(ed.button('Download ray.csv')).toBeVisible();
  await expect(ed.button('Download input.csv')).toContainText('(20 rows)', { timeout: 15_000 });
  await expect(ed.button('Stop')).toBeEnabled();
  const input = await ed.download('input.csv');
  expect(input.name).toBe('input.csv');
  expect(csvRows(input.text)).toEqual({ header: 'x', rows: Array.from({ length: 20 }, () => '""') }); // Q2: x is null; a one-empty-field row is "" (pandas)
  // ray.csv mid-run: at least the rows its button already counts, fewer than all 20.
  await expect(ed.button('Download ray.csv')).toContainText(/\((?:[1-9]|1[0-9]) rows?\)/, { timeout: 15_000 });
  const shown = Number(/\((\d+) rows?\)/.exec((await ed.button('Download ray.csv').textContent())!)![1]);
  const partial = csvRows((await ed.download('ray.csv')).text);
  expect(partial.header).toBe('timestamp');
  expect(partial.rows.length).toBeGreaterThanOrEqual(shown);
  expect(partial.rows.length).toBeLessThan(20);
  for (const row of partial.rows) expect(row).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  await expect(ed.button('Stop')).toBeEnabled(); // still running after both downloads

  // After the run: the complete files, and the rows per file are shown.
  await ed.waitFinished(60_000);
  await expect(ed.button('Download ray.csv')).toContainText('(20 rows)');
  const after = await ed.download('ray.csv');
  expect(after.name).toBe('ray.csv');
  const csv = csvRows(after.text);
  expect(csv.header).toBe('timestamp');
  expect(csv.rows).toHaveLength(20);
  expect(csv.rows.slice(0, partial.rows.length)).toEqual(partial.rows); // the mid-run file was a true prefix
  expect(csvRows((await ed.download('input.csv')).text).rows).toHaveLength(20);
});
