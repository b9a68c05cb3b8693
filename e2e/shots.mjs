// Screenshot helper (not a test): node e2e/shots.mjs BASE_URL OUT_DIR [dark]
// Takes the editor idle, running and finished after a parallel run of the Ray tutorial model.
import { chromium } from '@playwright/test';
const [base = 'http://localhost:4183', out = '/tmp/shots', theme = 'light'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(base);
await page.evaluate((t) => { localStorage.clear(); if (t === 'dark') localStorage.setItem('plugboard-studio:document:v1', JSON.stringify({ text: '', theme: 'dark' })); }, theme);
await page.evaluate(() => localStorage.clear());
await page.reload();
await page.locator('.monaco-editor').waitFor();
if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
await page.getByRole('group', { name: 'very-slow-sleep', exact: true }).click();
await page.waitForTimeout(800);
await page.screenshot({ path: `${out}/idle-${theme}.png` });
await page.getByRole('button', { name: 'Parallel', exact: true }).click();
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.waitForTimeout(5500);
await page.screenshot({ path: `${out}/running-${theme}.png` });
await page.getByRole('button', { name: 'Run', exact: true }).waitFor({ state: 'visible' });
await page.waitForFunction(() => !document.querySelector('.btn-run')?.hasAttribute('disabled'), null, { timeout: 60_000 });
await page.waitForTimeout(500);
await page.screenshot({ path: `${out}/finished-${theme}.png` });
await browser.close();
