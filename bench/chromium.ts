/**
 * Runs the benchmarks in headless Chromium: builds bench/browser with its own Vite config, serves it
 * with `vite preview` (COOP/COEP on), and drives the page with Playwright (Debian Chromium).
 */
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import type { BenchName, BenchOptions, BenchRecord } from './benches.ts';
import config from './vite.bench.config.ts';

const PORT = 4179;

interface BenchPage {
  isolated: boolean;
  run(name: BenchName, options: BenchOptions): Promise<BenchRecord[]>;
  liveWorkers(): number;
}

export async function runInChromium(names: readonly BenchName[], options: BenchOptions, onRecord: (r: BenchRecord) => void): Promise<void> {
  // configFile: false keeps vite from also loading the app's vite.config.ts.
  await build({ ...config, configFile: false });
  const server = await preview({ ...config, configFile: false, preview: { ...config.preview, port: PORT, strictPort: true } });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://localhost:${PORT}/bench/browser/index.html`);
    await page.waitForFunction(() => (globalThis as unknown as { __bench?: unknown }).__bench !== undefined);
    const isolated = await page.evaluate(() => (globalThis as unknown as { __bench: BenchPage }).__bench.isolated);
    if (!isolated) console.error('warning: the bench page is not cross-origin isolated');
    for (const name of names) {
      const records = await page.evaluate(([n, o]) => (globalThis as unknown as { __bench: BenchPage }).__bench.run(n, o), [name, options] as const);
      for (const r of records) onRecord(r);
    }
    const live = await page.evaluate(() => (globalThis as unknown as { __bench: BenchPage }).__bench.liveWorkers());
    if (live !== 0) console.error(`warning: ${live} workers still alive after the benchmarks`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
