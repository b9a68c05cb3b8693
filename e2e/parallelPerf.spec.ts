// Issue 8: starting, running and stopping a Parallel run of 300 components keeps the page
// responsive. Prints the longest main-thread task (Long Tasks API) and the Stop latency — figures,
// not asserts (the machine is shared); the asserts are behavioural (the run starts, steps, stops).
import { expect, test } from '@playwright/test';
import { Editor } from './pages/editor.ts';

/**
 * components.Random (a long run) → a 1 ms Sleep (about 1000 rows a second reach the page, so the
 * figures are about 300 components, not about streaming rows) → 297 × components.Offset → FileWriter.
 */
function offsetChain(n = 297, iters = 10_000_000): string {
  const lines = ['plugboard:', '  process:', '    type: plugboard.process.RayProcess', '    connector_builder:', '      type: plugboard.connector.RayConnector', '    args:', '      components:'];
  lines.push('      - type: components.Random', '        args:', '          name: src0', `          iters: ${iters}`);
  lines.push('      - type: hello_ray.Sleep', '        args:', '          name: src', '          sleep_seconds: 0.001');
  for (let i = 0; i < n; i++) lines.push('      - type: components.Offset', '        args:', `          name: o${i}`, '          offset: 1');
  lines.push('      - type: plugboard.library.file_io.FileWriter', '        args:', '          name: save', '          path: out.csv', '          field_names: ["x"]');
  lines.push('      connectors:', '      - source: src0.x', '        target: src.x');
  for (let i = 0; i < n; i++) lines.push(`      - source: ${i === 0 ? 'src.y' : `o${i - 1}.x`}`, `        target: o${i}.a`);
  lines.push(`      - source: o${n - 1}.x`, '        target: save.x');
  return lines.join('\n') + '\n';
}

test('a Parallel run of 300 components: longest main-thread task and Stop latency', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(offsetChain());
  await expect(ed.canvas.locator('.react-flow__node')).toHaveCount(300, { timeout: 60_000 });
  // In the page: when the Stop click was dispatched, and when the run became 'stopping' / ended
  // (the store's phase, which the buttons render), free of Playwright's own polling delays.
  await page.evaluate(() => {
    const w = window as unknown as { __stop: { click?: number; stopping?: number; ended?: number }; __editorStore: { subscribe(fn: (s: { run: { phase: string } }) => void): void } };
    w.__stop = {};
    document.addEventListener('click', (e) => {
      if ((e.target as Element).closest('button[aria-label="Stop"]')) w.__stop.click ??= e.timeStamp;
    }, true);
    w.__editorStore.subscribe((s) => {
      if (w.__stop.click === undefined) return;
      if (s.run.phase === 'stopping') w.__stop.stopping ??= performance.now();
      if (s.run.phase === 'stopped' || s.run.phase === 'failed' || s.run.phase === 'completed') w.__stop.ended ??= performance.now();
    });
  });
  await ed.button('Parallel').click();
  await expect(ed.button('Parallel')).toHaveAttribute('aria-pressed', 'true');
  // While measuring, wait with cheap in-page checks: Playwright's role queries walk the
  // accessibility tree of 300 nodes on the page's main thread (~100 ms each here), and every failed
  // `expect` poll takes an ARIA snapshot of the page (~250-450 ms): both would be counted as the
  // app's long tasks.
  const runButton = page.locator('button[aria-label="Run"]');
  const stopButton = page.locator('button[aria-label="Stop"]');
  const waitFor = (check: () => boolean) => page.waitForFunction(check, undefined, { polling: 100, timeout: 60_000 });
  const runFrom = await page.evaluate(() => performance.now());
  await runButton.click();
  // Values crossed every worker: the writer has stepped.
  await waitFor(() => !!document.querySelector('.react-flow__node[data-id="save"] [data-testid="node-status"]')?.textContent?.includes('step'));
  await page.waitForTimeout(1000);
  const stopAt = await page.evaluate(() => performance.now());
  await stopButton.click();
  await waitFor(() => !document.querySelector<HTMLButtonElement>('button[aria-label="Run"]')?.disabled);
  const stoppedAt = await page.evaluate(() => performance.now());
  await expect(ed.page.getByLabel('Elapsed time')).toContainText('Stopped after');
  const timeline = page.locator('canvas[data-lanes]');
  const lanes = (await timeline.count()) > 0 ? ((await timeline.first().getAttribute('data-lanes')) ?? '') : '';
  const tasks = await page.evaluate(
    ([from, to]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= from && t.start <= to),
    [runFrom, stoppedAt] as const,
  );
  const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  const stop = await page.evaluate(() => (window as unknown as { __stop: { click: number; stopping: number; ended: number } }).__stop);
  console.log(
    `300-component Parallel run: ${lanes.split('|').filter(Boolean).length} worker lanes; longest main-thread task from Run to stopped ${longest.toFixed(0)} ms ` +
      `(${tasks.length} tasks over 50 ms); Stop click → Run enabled ${(stoppedAt - stopAt).toFixed(0)} ms (Playwright); ` +
      `in the page: click → 'stopping' ${(stop.stopping - stop.click).toFixed(0)} ms, click → host ended ${(stop.ended - stop.click).toFixed(0)} ms; ` +
      `longest tasks (ms after Run: duration) ${[...tasks].sort((a, b) => b.duration - a.duration).slice(0, 4).map((t) => `${(t.start - runFrom).toFixed(0)}: ${t.duration.toFixed(0)}`).join(', ')}; Stop at ${(stopAt - runFrom).toFixed(0)}`,
  );
  expect(stop.stopping).toBeLessThanOrEqual(stop.ended); // the UI showed 'stopping' before the host ended the run
  await expect(ed.nodeStatus('o0')).toHaveText(/stopped/);
  await expect(ed.node('o0').getByTestId('node-worker')).toHaveText(/^worker \d+$/); // the node shows its worker
});
