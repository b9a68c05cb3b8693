/**
 * Runs the benchmarks in headless Chromium: builds bench/browser with its own Vite config, serves it
 * with `vite preview` (COOP/COEP on), and drives the page with Playwright (Debian Chromium).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import type { BenchName, BenchOptions, BenchRecord } from './benches.ts';
import config from './vite.bench.config.ts';
import { helloRaySource } from './python.ts';

const PORT = 4179;

/**
 * Memory (MB) of a process and all its descendants (Linux /proc): proportional set size (shared
 * pages split among their users, so a process tree is not counted several times), else RSS.
 */
function treeRssMb(pid: number, children = true): number {
  let kb = 0;
  const visit = (p: number): void => {
    try {
      let pss: string | undefined;
      try {
        pss = /Pss:\s+(\d+)/.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1];
      } catch {
        pss = undefined;
      }
      kb += Number(pss ?? /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) for (const c of kids ? kids.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      // the process ended meanwhile
    }
  };
  visit(pid);
  return kb / 1024;
}

interface BenchPage {
  isolated: boolean;
  run(name: BenchName, options: BenchOptions): Promise<BenchRecord[]>;
  runPython(options: BenchOptions, helloRay: string): Promise<BenchRecord[]>;
  liveWorkers(): number;
}

/** `names` may include 'python' (bench/pythonBench.ts: Pyodide served by the page's own Vite plugin). */
export async function runInChromium(names: readonly (BenchName | 'python')[], options: BenchOptions, onRecord: (r: BenchRecord) => void): Promise<void> {
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
    // Chromium runs as children of this process: their RSS is the tree's minus our own.
    const browserRss = (): number => treeRssMb(process.pid) - treeRssMb(process.pid, false);
    for (const name of names) {
      if (name === 'python') {
        const records = await page.evaluate(([o, source]) => (globalThis as unknown as { __bench: BenchPage }).__bench.runPython(o, source), [options, helloRaySource()] as const);
        for (const r of records) onRecord(r);
        continue;
      }
      if (name === 'scale') {
        // One run per page call, with the RSS of the whole browser process tree sampled around it.
        for (const size of options.sizes ?? [200, 500]) {
          for (const mode of ['local', 'parallel'] as const) {
            const base = browserRss();
            let peak = base;
            const sampler = setInterval(() => (peak = Math.max(peak, browserRss())), 50);
            const records = await page.evaluate(([n, o]) => (globalThis as unknown as { __bench: BenchPage }).__bench.run(n, o), [name, { ...options, sizes: [size], modes: [mode] }] as const);
            clearInterval(sampler);
            for (const r of records) onRecord({ ...r, peak_mb: Math.round(peak), browser_idle_mb: Math.round(base) });
          }
        }
        continue;
      }
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
