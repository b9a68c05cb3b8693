// Measurements the issue asks for (printed, with loose bounds so a slow CI machine does not flake):
// sync time of a 200-component model between canvas and YAML, and frame times while a run streams
// 100k output rows into the (virtualized) output panel.
import { expect, test } from '@playwright/test';
import { Editor } from './pages/editor.ts';

type Store = { getState(): Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

function bigModel(n: number): string {
  const lines = ['plugboard:', '  process:', '    args:', '      components:'];
  for (let i = 0; i < n; i++) {
    lines.push(i % 2 === 0 ? `      - type: hello_ray.Iterator` : `      - type: hello_ray.Sleep`, '        args:', `          name: c${i}`);
    lines.push(i % 2 === 0 ? '          iters: 10' : '          sleep_seconds: 0.01');
  }
  lines.push('      connectors:');
  for (let i = 0; i + 1 < n; i += 2) lines.push(`      - source: c${i}.x`, `        target: c${i + 1}.x`);
  return lines.join('\n') + '\n';
}

test('200-component model: canvas <-> YAML sync time', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(bigModel(200));
  await expect(ed.canvas.locator('.react-flow__node')).toHaveCount(200, { timeout: 20_000 });
  const timings = await page.evaluate(async () => {
    const store = (window as unknown as { __editorStore: Store }).__editorStore;
    const editor = (window as unknown as { __yamlEditor: { getModel(): { getValue(): string } } }).__yamlEditor;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const out: Record<string, number[]> = { canvasToYaml: [], yamlToCanvas: [], drop: [] };
    for (let i = 0; i < 5; i++) {
      // Canvas/inspector edit -> YAML text in Monaco, and the next painted frame.
      let t0 = performance.now();
      store.getState().setArg('c100', 'iters', 20 + i);
      await frame();
      if (!editor.getModel().getValue().includes(`iters: ${20 + i}`)) throw new Error('YAML pane not updated');
      out.canvasToYaml!.push(performance.now() - t0);
      // A node drop (layout block only: no model parse).
      t0 = performance.now();
      store.getState().moveComponents({ c10: { x: 40 * i, y: 900 } });
      await frame();
      out.drop!.push(performance.now() - t0);
      // YAML edit -> model -> canvas (the 200 ms typing debounce excluded; flushParse runs it now).
      const text = store.getState().text.replace(`name: c${2 * i + 1}\n`, `name: d${2 * i + 1}\n`);
      t0 = performance.now();
      store.getState().setText(text, 'yaml');
      store.getState().flushParse();
      await frame();
      if (!document.querySelector(`[data-id="d${2 * i + 1}"]`)) await frame();
      out.yamlToCanvas!.push(performance.now() - t0);
    }
    return out;
  });
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`200 components: canvas->YAML median ${med(timings.canvasToYaml!).toFixed(1)} ms (${timings.canvasToYaml!.map((x) => x.toFixed(0)).join(', ')}); YAML->canvas median ${med(timings.yamlToCanvas!).toFixed(1)} ms (${timings.yamlToCanvas!.map((x) => x.toFixed(0)).join(', ')}) + 200 ms typing debounce; node drop median ${med(timings.drop!).toFixed(1)} ms`);
  // Figures only (printed above, reported in the issue notes): tests never assert wall-clock times.
  expect(timings.canvasToYaml!.length).toBeGreaterThan(0);
});

test('frame time while a run streams 100k output rows', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  // 100k rows over several seconds: a tiny blocking sleep per row keeps the stream steady.
  await ed.pasteYaml(`plugboard:
  process:
    args:
      components:
      - type: tests.integration.test_process_with_components_run.A
        args:
          name: a
          iters: 100000
      - type: hello_ray.Sleep
        args:
          name: pause
          sleep_seconds: 0.00004
      - type: plugboard.library.file_io.FileWriter
        args:
          name: save
          path: big.csv
          field_names: [y]
          chunk_size: 500
      connectors:
      - source: a.out_1
        target: pause.x
      - source: pause.y
        target: save.y
`);
  await expect(ed.node('save')).toBeVisible();
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] };
    w.__frames = [];
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await ed.run('Local');
  await ed.waitFinished(120_000);
  const shown = await ed.output.getByTestId('output-count').textContent();
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  const sorted = [...frames].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  console.log(`streaming 100k rows (${shown} shown): ${frames.length} frames, median ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms`);
  // The page stays responsive: scroll the output to the top and back.
  await ed.output.locator('.output-table').evaluate((el) => (el.scrollTop = 0));
  await expect(ed.output.getByRole('listitem').first()).toBeVisible();
  // Every row reaches the Output panel (the workers' last telemetry is drained before the run ends).
  expect(shown).toContain('100,000');
  const file = await ed.download('big.csv');
  expect(file.text.split('\n').filter(Boolean)).toHaveLength(100_001);
  expect(frames.length).toBeGreaterThan(30);
});
