// Issue 11 item 13: typed YAML of a big model is parsed off the main thread.
import { expect, test } from '@playwright/test';
import { Editor, fastRay } from './pages/editor.ts';

test('pasting a big model parses it in a worker; the canvas follows', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // ~400 kB: the Ray model under a long comment block (parse cost grows with the text).
  const big = `${Array.from({ length: 8000 }, (_, i) => `# note ${i}: ${'x'.repeat(40)}`).join('\n')}\n${fastRay().replace('name: "input"', 'name: "big-input"')}`;
  await ed.pasteYaml(big);
  await expect(ed.node('big-input')).toBeVisible({ timeout: 30_000 });
  expect(workers.some((u) => /parse\.worker/.test(u))).toBe(true);
});

/** `n` independent sources (hello_ray.Iterator, one step each). */
const sources = (n: number) =>
  `plugboard:\n  process:\n    args:\n      components:\n${Array.from({ length: n }, (_, i) => `      - type: hello_ray.Iterator\n        args:\n          name: "src-${i}"\n          iters: 1\n`).join('')}      connectors: []\n`;

test('a model too big to draw shows a summary with a notice instead of the canvas', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(sources(1600));
  const summary = page.getByTestId('model-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary.getByRole('status')).toContainText('1,600 components');
  await expect(summary).toContainText('hello_ray.Iterator');
  await expect(page.locator('.react-flow')).toHaveCount(0);
});

test('the Timeline legend does not list every component of a big run', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(sources(30));
  await expect(ed.node('src-29')).toBeVisible();
  await ed.run('Local');
  await ed.waitFinished();
  const legend = ed.timeline.getByRole('list', { name: 'Legend' });
  await expect(legend.getByRole('listitem')).toHaveCount(13);
  await expect(legend).toContainText('+18 more');
  // Issue 11 item 12: every count says what it counts (lanes, steps on the timeline, bars drawn when
  // they differ; steps run on the nodes).
  await expect(ed.timeline.getByTestId('timeline-counts')).toHaveText(/^1 lane · [\d,]+ steps? on the timeline \(sampled\)( · [\d,]+ bars? drawn \(close steps share a bar\))?$/);
  await expect(ed.timeline.getByTestId('timeline-counts')).toHaveAttribute('title', /lower than the steps run/);
  await expect(ed.nodeStatus('src-0')).toHaveText(/^completed · \d+ steps? run$/);
  await expect(ed.nodeStatus('src-0')).toHaveAttribute('title', /step\(\) ran/);
});

test('thousands of problems do not stall the page: the list shows the first 200 and a count', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  // 250 Sleep components with nothing connected: one unconnected-input error each.
  const text = `plugboard:\n  process:\n    args:\n      components:\n${Array.from({ length: 250 }, (_, i) => `      - type: hello_ray.Sleep\n        args:\n          name: "s-${i}"\n          sleep_seconds: 0.1\n`).join('')}      connectors: []\n`;
  await ed.pasteYaml(text);
  const problems = ed.yaml.getByRole('region', { name: 'Problems' });
  await expect(problems.locator('.problems__title')).toContainText('250', { timeout: 30_000 });
  await expect(problems.locator('.problem')).toHaveCount(200);
  await expect(problems).toContainText('… and 50 more');
});
