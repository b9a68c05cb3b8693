import { expect, test } from '@playwright/test';
import { Editor, fastRay } from './pages/editor.ts';

// No network at run time: the page, Monaco (YAML and TypeScript workers), elkjs and the run workers
// all come from the app's own origin.
test('the app loads, edits and runs without a single request leaving localhost', async ({ page, context }) => {
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const ed = new Editor(page);
  await ed.open();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await ed.pasteYaml(fastRay(0.01, 0.02));
  await ed.button('Auto layout').click();
  await page.getByRole('tab', { name: 'Modules' }).click();
  await expect(page.getByRole('region', { name: 'Modules' })).toBeVisible();
  await page.getByRole('tab', { name: 'YAML' }).click();
  await ed.run('Parallel');
  await ed.waitFinished();
  await expect(ed.button('Download ray.csv')).toBeVisible();
  expect(requests.length).toBeGreaterThan(5);
  const outside = requests.filter((url) => !/^(https?:\/\/localhost[:/]|blob:|data:)/.test(url));
  expect(outside).toEqual([]);
});
