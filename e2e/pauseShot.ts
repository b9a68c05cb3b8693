// Screenshot helper (not a test) for README "Inspecting a run": a paused parallel run of the
// production-line model with a probe on stockpile.size and the Output chart.
// Usage: npx vite preview --port PORT & npx tsx e2e/pauseShot.ts http://localhost:PORT docs/inspect-paused.png
import { chromium } from '@playwright/test';
import { productionLineWithWriter } from './pages/inspect.ts';

const [base = 'http://localhost:4241', out = 'docs/inspect-paused.png'] = process.argv.slice(2);
const model = productionLineWithWriter(100_000);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
const page = await context.newPage();
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(base);
await page.evaluate(() => localStorage.clear());
await page.reload();
await page.locator('.monaco-editor').waitFor();
await page.evaluate((t) => navigator.clipboard.writeText(t), model);
await page.locator('.monaco-editor .view-lines').click();
await page.keyboard.press('Control+a');
await page.keyboard.press('Control+v');
await page.getByRole('group', { name: 'stockpile', exact: true }).waitFor();
await page.locator('.canvas[data-settled="true"]').waitFor();
await page.getByRole('group', { name: 'stockpile', exact: true }).locator('.component-node__header').click();
await page.getByRole('button', { name: 'Probe stockpile.size' }).click();
await page.getByRole('button', { name: 'Breakpoint on stockpile' }).click();
await page.getByRole('button', { name: 'Breakpoint on stockpile' }).click(); // shown, then off: the run is paused by hand
await page.getByRole('button', { name: 'Parallel', exact: true }).click();
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.getByRole('region', { name: 'Output' }).getByRole('tab', { name: 'Chart' }).click();
await page.waitForTimeout(2500);
await page.getByRole('button', { name: 'Pause', exact: true }).click();
await page.getByLabel('Elapsed time').filter({ hasText: 'Paused' }).waitFor();
for (let i = 1; i <= 2; i++) {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByLabel('Step report').filter({ hasText: `Step ${i}:` }).waitFor();
}
await page.waitForTimeout(800);
await page.screenshot({ path: out });
await page.getByRole('button', { name: 'Stop', exact: true }).click();
await browser.close();
