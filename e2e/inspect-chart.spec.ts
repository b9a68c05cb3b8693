// Output chart (issue 10): numeric FileWriter columns of the production-line model plotted, with
// zoom, hover values and legend toggles; uPlot loads only when the chart is first shown.
import { expect, test } from '@playwright/test';
import { Editor } from './pages/editor.ts';
import { legendEntry, productionLineWithWriter, showChart } from './pages/inspect.ts';

test('the chart shows numeric columns of the production-line model', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(productionLineWithWriter(300));
  await expect(ed.node('save')).toBeVisible();
  await ed.run('Local');
  await ed.waitFinished();
  await expect(ed.output.getByTestId('output-count')).toHaveText('300 rows');
  expect(requested.some((u) => u.includes('uplotChart'))).toBe(false); // not in the initial bundle

  const chart = await showChart(page);
  expect(requested.some((u) => u.includes('uplotChart'))).toBe(true);
  // Both columns are numeric: 300 rows each.
  await expect(chart).toHaveAttribute('data-source-points', '600');
  await expect(legendEntry(chart, 'cost_per_unit')).toBeVisible();
  await expect(legendEntry(chart, 'total_output')).toBeVisible();
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(100);

  // Hover: the legend shows the values under the cursor.
  const plot = chart.locator('.u-over');
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await expect(legendEntry(chart, 'total_output').locator('.u-value')).toHaveText(/^\d+(\.\d+)?$/);

  // Legend toggle hides a series and shows it again.
  await legendEntry(chart, 'total_output').click();
  await expect(legendEntry(chart, 'total_output')).toHaveClass(/u-off/);
  await legendEntry(chart, 'total_output').click();
  await expect(legendEntry(chart, 'total_output')).not.toHaveClass(/u-off/);
  // … and from the keyboard: each legend entry is a toggle button.
  const toggle = chart.getByRole('button', { name: 'cost_per_unit', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(legendEntry(chart, 'cost_per_unit')).toHaveClass(/u-off/);
  await page.keyboard.press(' ');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // Drag to zoom into the x range, then reset.
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(chart).toHaveAttribute('data-zoomed', 'true');
  await chart.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(chart).toHaveAttribute('data-zoomed', 'false');

  // Lines of very different sizes: each has its own y axis (left and right) until switched off.
  await expect(chart.locator('.u-axis')).toHaveCount(3);
  await ed.output.getByLabel('Own y range per line').uncheck();
  await expect(chart.locator('.u-axis')).toHaveCount(2);
  await expect(legendEntry(chart, 'cost_per_unit')).toBeVisible();

  // Row as the x axis.
  await ed.output.getByLabel('X axis').selectOption('row');
  await expect(chart.locator('.u-legend .u-series').first()).toContainText('row');
  // Back to the table: the rows are still there.
  await ed.output.getByRole('tab', { name: 'Table' }).click();
  await expect(ed.output.getByRole('list', { name: 'Output rows' })).toBeVisible();
});
