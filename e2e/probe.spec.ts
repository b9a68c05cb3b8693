// Probes (issue 10): probe the tutorial's timestamper.timestamp connector, run, see its 10 values;
// every edge shows its last value and the inspector the component's step count and port values.
import { expect, test } from '@playwright/test';
import { Editor, fastRay } from './pages/editor.ts';

for (const mode of ['Local', 'Parallel'] as const) {
  test(`probe timestamper.timestamp in a ${mode.toLowerCase()} run and see its 10 values`, async ({ page }) => {
    const ed = new Editor(page);
    await ed.open();
    await ed.pasteYaml(fastRay());
    const edge = ed.edge('timestamper.timestamp', 'save-results.timestamp');
    await expect(edge).toBeVisible();
    await edge.click();
    const panel = page.getByRole('region', { name: 'Probes' });
    await panel.getByRole('button', { name: 'Probe' }).click();
    await expect(panel.getByRole('button', { name: 'Unprobe' })).toHaveAttribute('aria-pressed', 'true');
    await ed.run(mode);
    await ed.waitFinished();
    const probe = panel.getByRole('group', { name: 'Probe timestamper.timestamp..save-results.timestamp' });
    await expect(probe.getByLabel('Values recorded')).toHaveText('10 values (10 passed)');
    const rows = probe.getByRole('table').locator('tbody tr');
    await expect(rows).toHaveCount(10);
    await expect(rows.last().locator('td').nth(2)).toHaveText(/^\d{4}-\d\d-\d\dT/);
    // Every connector is counted: the edge names its last value and count.
    await expect(ed.edge('input.x', 'slow-sleep.x')).toHaveAttribute('aria-label', /last value None, 10 values/);
    // The inspector: step count and the last value on each port.
    await ed.selectNode('timestamper');
    const values = page.getByRole('group', { name: 'Run values' });
    await expect(values.getByLabel('Step count')).toHaveText('10');
    await expect(values).toContainText('Steps run: 10'); // the count names what it counts (issue 11 item 12)
    await expect(values.locator('tbody tr')).toHaveCount(3);
  });
}

test('probe a port from the inspector: the values through input.x', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(fastRay());
  await expect(ed.node('input')).toBeVisible();
  await ed.selectNode('input');
  await page.getByRole('button', { name: 'Probe input.x' }).click();
  await expect(page.getByRole('button', { name: 'Unprobe input.x' })).toHaveAttribute('aria-pressed', 'true');
  await ed.run('Parallel');
  await ed.waitFinished();
  const probe = page.getByRole('region', { name: 'Probes' }).getByRole('group', { name: 'Probe input.x' });
  // The tutorial's Iterator never assigns x (bug Q2): ten None values, recorded once despite the fan-out.
  await expect(probe.getByLabel('Values recorded')).toHaveText('10 values');
  await expect(probe.getByRole('table').locator('tbody tr')).toHaveCount(10);
});
