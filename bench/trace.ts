// Debug helper: `tsx bench/trace.ts fanout|seed [n] [local|parallel]` prints step timelines from Chromium.
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import config from './vite.bench.config.ts';
import { fanoutModel, seedModel } from './benches.ts';
import type { RunEvent, RunResult } from '../src/protocol/events.ts';

const [which = 'fanout', n = '1', mode = 'parallel'] = process.argv.slice(2);
const yaml = which === 'seed' ? seedModel(20, 0.1) : fanoutModel(Number(n), 10, 0.1);
await build({ ...config, configFile: false });
const server = await preview({ ...config, configFile: false, preview: { ...config.preview, port: 4178, strictPort: true } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto('http://localhost:4178/bench/browser/index.html');
await page.waitForFunction(() => (globalThis as unknown as { __bench?: unknown }).__bench !== undefined);
const { result, events } = (await page.evaluate(([y, m]) => (globalThis as unknown as { __bench: { trace(y: string, m: string): unknown } }).__bench.trace(y, m as never), [yaml, mode] as const)) as { result: RunResult; events: RunEvent[] };
const t0 = result.startedAt;
for (const e of events) {
  if (e.kind === 'step') console.log(`${(e.start - t0).toFixed(1).padStart(8)} ${(e.end - e.start).toFixed(1).padStart(7)} ${e.component} #${e.index}`);
  else if ('t' in e) console.log(`${(e.t - t0).toFixed(1).padStart(8)}         ${e.kind} ${'component' in e ? e.component : ''} ${'status' in e ? e.status : ''}`);
}
console.log('run', result.endedAt - result.startedAt);
await browser.close();
server.httpServer.close();
process.exit(0);
