// Running: a failing component shows its error; Stop ends a long run at once.
import { expect, test } from '@playwright/test';
import { Editor, fastRay } from './pages/editor.ts';

test('a failing component turns red with its error message', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  // FileWriter only writes CSV: a .txt path fails when the component is built.
  await ed.pasteYaml(fastRay().replace('path: "ray.csv"', 'path: "ray.txt"'));
  await expect(ed.node('save-results')).toBeVisible();
  await ed.run('Local');
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toHaveText('failed');
  await expect(ed.node('save-results').locator('.component-node')).toHaveAttribute('data-status', 'failed');
  await expect(ed.node('save-results').getByRole('alert')).toContainText("unsupported file format '.txt'");
  await expect(ed.output.getByRole('alert')).toContainText("Component 'save-results'");
  await expect(ed.page.getByLabel('Elapsed time')).toContainText('Failed after');
  // The editor stays usable: fix the path in the inspector and run again.
  await ed.selectNode('save-results');
  await ed.setField('path', 'ray.csv');
  await ed.button('Run').click();
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toContainText('completed');
});

test('Stop ends a run that would take minutes', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(fastRay(30, 60)); // ten 60-second steps: ten minutes
  await expect(ed.node('very-slow-sleep')).toBeVisible();
  await ed.run('Parallel');
  await expect(ed.button('Stop')).toBeEnabled();
  await expect(ed.nodeStatus('input')).toContainText('step', { timeout: 15_000 }); // the sleeps are busy now
  await page.waitForTimeout(1000);
  await ed.button('Stop').click();
  // A run with minutes left is over as soon as the UI can show it (not a performance assertion:
  // anything short of the minutes the run would take proves Stop ended it).
  await expect(ed.button('Run')).toBeEnabled({ timeout: 10_000 });
  await expect(ed.page.getByLabel('Elapsed time')).toContainText('Stopped after');
  await expect(ed.nodeStatus('very-slow-sleep')).toHaveText('stopped');
  // The page stays responsive and can run again right away.
  await ed.pasteYaml(fastRay());
  await ed.button('Run').click();
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toContainText('completed');
});
