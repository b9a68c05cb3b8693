// Run history (issue 10): runs are kept in IndexedDB; two runs with different args compare on one
// chart with a YAML diff; after a reload the last run's results reopen without running again.
import { expect, test } from '@playwright/test';
import { Editor, fastRay } from './pages/editor.ts';
import { legendEntry, productionLineWithWriter } from './pages/inspect.ts';

test('two runs with different args compare on one chart; the last run reopens after a reload', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(productionLineWithWriter(300, 30, 50));
  await expect(ed.node('save')).toBeVisible();
  await ed.run('Local');
  await ed.waitFinished();
  await ed.pasteYaml(productionLineWithWriter(300, 60, 20));
  await expect(page.locator('.canvas')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __editorStore: { getState(): { text: string } } }).__editorStore.getState().text.includes('threshold: 60'))).toBe(true);
  await ed.button('Run').click();
  await ed.waitFinished();
  const last = await ed.download('production.csv');
  expect(last.text.split('\n').filter(Boolean)).toHaveLength(301);

  await ed.output.getByRole('tab', { name: 'Runs' }).click();
  const runs = ed.output.getByRole('list', { name: 'Past runs' });
  await expect(runs.getByRole('listitem')).toHaveCount(2);
  await expect(runs.getByRole('listitem').first()).toHaveAccessibleName('Run #2');
  await runs.getByRole('checkbox', { name: 'Select run #1' }).check();
  await runs.getByRole('checkbox', { name: 'Select run #2' }).check();
  await ed.output.getByRole('button', { name: 'Compare' }).click();

  const dialog = page.getByRole('dialog', { name: 'Compare runs' });
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  const chart = dialog.getByRole('figure', { name: 'Comparison chart' });
  await expect(chart).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await expect(dialog.getByLabel('Column')).toHaveValue(/cost_per_unit$/);
  // One column from both runs: 300 rows each on one chart.
  await expect(chart).toHaveAttribute('data-source-points', '600');
  await expect(legendEntry(chart, '#1 cost_per_unit')).toBeVisible();
  await expect(legendEntry(chart, '#2 cost_per_unit')).toBeVisible();
  // Hover over time: both runs' values at the cursor, though each run's rows have their own times.
  await dialog.getByLabel('X axis').selectOption('time');
  await expect(chart).toHaveAttribute('data-source-points', '600');
  // The chart is drawn again for the new axis: hover once it is there (and again if it was redrawn
  // under the cursor).
  await expect(async () => {
    const box = await chart.locator('.u-over').boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.move(box!.x + box!.width * 0.5 + Math.random(), box!.y + box!.height / 2);
    await expect(legendEntry(chart, '#1 cost_per_unit').locator('.u-value')).toHaveText(/^\d+(\.\d+)?$/, { timeout: 1000 });
    await expect(legendEntry(chart, '#2 cost_per_unit').locator('.u-value')).toHaveText(/^\d+(\.\d+)?$/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const diff = dialog.getByRole('region', { name: 'YAML diff' });
  await expect(diff.locator('[data-kind="removed"]')).toHaveText(['-   threshold: 30', '-   threshold: 50'].map((t) => new RegExp(t.replace('-   ', '^- +'))));
  await expect(diff.locator('[data-kind="added"]')).toHaveText([/^\+ +threshold: 60/, /^\+ +threshold: 20/]);
  // Each component's steps in both runs (300 steps of the source, one per item).
  const components = dialog.getByRole('region', { name: 'Components compared' });
  await expect(components.locator('thead')).toContainText('steps run'); // the count names what it counts (issue 11 item 12)
  await expect(components.locator('tr[data-component="save"] td').nth(0)).toHaveText('300');
  await expect(components.locator('tr[data-component="save"] td').nth(2)).toHaveText('300');
  // Another column of the same file.
  await dialog.getByLabel('Column').selectOption({ label: 'production.csv · total_output' });
  await expect(legendEntry(chart, '#2 total_output')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(ed.output.getByRole('button', { name: 'Compare' })).toBeFocused();

  // Reload: the history is still there; open the last run's results without running.
  await page.reload();
  await ed.waitReady();
  await expect(page.getByLabel('Elapsed time')).toHaveCount(0);
  await ed.output.getByRole('tab', { name: 'Runs' }).click();
  await expect(runs.getByRole('listitem')).toHaveCount(2);
  await runs.getByRole('button', { name: 'Open run #2' }).click();
  await expect(ed.output.getByTestId('output-count')).toHaveText('300 rows');
  await expect(ed.output.getByRole('status')).toHaveText('run #2 from history');
  await expect(ed.output.getByRole('list', { name: 'Output rows' }).getByRole('listitem').first()).toContainText('cost_per_unit=');
  await expect(page.getByLabel('Elapsed time')).toContainText('Completed in');
  await expect(ed.nodeStatus('save')).toContainText('completed');
  await expect(ed.timeline.getByRole('img')).toHaveAttribute('data-lanes', 'worker:local');
  await expect(ed.timeline.getByRole('list', { name: 'Legend' })).toContainText('cost_per_unit');
  const again = await ed.download('production.csv');
  expect(again.text).toBe(last.text);
  // The chart of the reopened run.
  await ed.output.getByRole('tab', { name: 'Chart' }).click();
  await expect(ed.output.getByRole('figure', { name: 'Output chart' })).toHaveAttribute('data-source-points', '600', { timeout: 15_000 });

  // Delete a run.
  await ed.output.getByRole('tab', { name: 'Runs' }).click();
  await runs.getByRole('button', { name: 'Delete run #1' }).click();
  await expect(runs.getByRole('listitem')).toHaveCount(1);
  // A new run replaces the past one in the views.
  await ed.button('Run').click();
  await ed.waitFinished();
  await expect(ed.output.getByText('run #2 from history')).toHaveCount(0);
  await expect(runs.getByRole('listitem')).toHaveCount(2);
});

test('without IndexedDB the Runs view says so and runs still work', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
  const ed = new Editor(page);
  await ed.open();
  await ed.output.getByRole('tab', { name: 'Runs' }).click();
  await expect(ed.output.getByRole('status')).toContainText('Run history is not available');
  await ed.pasteYaml(fastRay());
  await expect(ed.node('save-results')).toBeVisible();
  await ed.run('Local');
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toContainText('completed');
  await ed.output.getByRole('tab', { name: 'Table' }).click();
  await expect(ed.output.getByTestId('output-count')).toHaveText('10 rows');
});
