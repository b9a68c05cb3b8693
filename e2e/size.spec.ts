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
