// Issue 11 item 9 (the parts outside the canvas): no keyboard trap in the YAML editor; the palette is one tab stop.
import { expect, test } from '@playwright/test';
import { Editor } from './pages/editor.ts';

const inMonaco = (page: import('@playwright/test').Page) => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));

test('Tab indents in the YAML editor; Esc then Tab leaves it, and a hint says so', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await expect(ed.yaml).toContainText('To leave the editor with the keyboard, press Esc, then Tab.');
  await ed.yaml.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Tab');
  expect(await inMonaco(page)).toBe(true); // Tab alone stays (it indents)
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  expect(await inMonaco(page)).toBe(false);
  // Back in and typing: Tab indents again.
  await ed.yaml.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  expect(await inMonaco(page)).toBe(true);
});

test('the palette is one tab stop; arrow keys, Home and End move inside it', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  const items = ed.palette.getByRole('listitem');
  await expect(ed.palette.locator('.palette__item[tabindex="0"]')).toHaveCount(1);
  await ed.palette.getByRole('searchbox', { name: 'Search components' }).focus();
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.getAttribute('data-type'));
  expect(first).toBe(await items.first().getAttribute('data-type'));
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement?.getAttribute('data-type'));
  expect(second).toBe(await items.nth(1).getAttribute('data-type'));
  // Tab leaves the list (it does not walk through every item).
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('.palette__list'))).toBe(false);
  // Shift+Tab comes back to the item used last.
  await page.keyboard.press('Shift+Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-type'))).toBe(second);
  await page.keyboard.press('End');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-type'))).toBe(await items.last().getAttribute('data-type'));
});
