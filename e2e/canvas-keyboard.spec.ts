// Canvas by keyboard and placement (issue 11 items 9 and 10): new components land in free space near
// the view centre; port handles are focusable and a connector can be made with Tab and Enter alone;
// nodes show a visible focus.
import { expect, test, type Locator } from '@playwright/test';
import { Editor } from './pages/editor.ts';

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(nodes: Locator): Promise<Box[]> {
  const out: Box[] = [];
  for (let i = 0; i < (await nodes.count()); i++) out.push((await nodes.nth(i).boundingBox())!);
  return out;
}

test('components added by Enter and double-click land apart, near the view centre', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await expect(ed.canvas.locator('.react-flow__node')).toHaveCount(5);
  for (let i = 0; i < 3; i++) {
    await (await ed.paletteItem('hello_world', 'A')).focus();
    await page.keyboard.press('Enter');
    await expect(ed.canvas.locator('.react-flow__node')).toHaveCount(6 + i);
  }
  await (await ed.paletteItem('hello_world', 'B')).dblclick();
  await expect(ed.canvas.locator('.react-flow__node')).toHaveCount(9);
  await ed.settled();
  const all = await boxes(ed.canvas.locator('.react-flow__node'));
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlap(all[i]!, all[j]!), `node ${i} overlaps node ${j}`).toBe(false);
  // The new ones are visible, near the middle of the canvas, not stacked in a corner.
  const view = (await ed.canvas.boundingBox())!;
  for (const name of ['a', 'a-2', 'a-3', 'b']) {
    const b = (await ed.node(name).boundingBox())!;
    expect(b.x + b.width / 2).toBeGreaterThan(view.x);
    expect(b.x + b.width / 2).toBeLessThan(view.x + view.width);
    expect(b.y + b.height / 2).toBeGreaterThan(view.y);
    expect(b.y + b.height / 2).toBeLessThan(view.y + view.height);
  }
});

test('a model is buildable by keyboard alone, connectors included; nodes show focus', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await expect(ed.canvas.locator('.react-flow__node')).toHaveCount(0);
  await (await ed.paletteItem('hello_world', 'A')).focus();
  await page.keyboard.press('Enter');
  await (await ed.paletteItem('hello_world', 'B')).focus();
  await page.keyboard.press('Enter');
  await expect(ed.node('a')).toBeVisible();
  await expect(ed.node('b')).toBeVisible();
  await ed.settled();

  // A focused node has a visible outline.
  await ed.node('a').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(ed.node('a')).toBeFocused();
  const outline = await ed.node('a').locator('.component-node').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');

  // Tab from the node reaches its output handle; Enter starts a connection.
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  const tabTo = async (label: string) => {
    for (let i = 0; i < 12 && (await focusedLabel()) !== label; i++) await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe(label);
  };
  await tabTo('a.out_1 output');
  await page.keyboard.press('Enter');
  await expect(ed.canvas.getByRole('status')).toContainText('Connecting from a.out_1');
  await expect(ed.canvas.getByLabel('a.out_1 output', { exact: true })).toHaveAttribute('aria-pressed', 'true');
  // Tab on to the other node's input handle; Enter completes the connector.
  await tabTo('b.in_1 input');
  await page.keyboard.press('Enter');
  await expect(ed.edge('a.out_1', 'b.in_1')).toBeVisible();
  await expect(ed.canvas.getByRole('status')).toHaveCount(0);
  await expect(ed.yaml).toContainText('target: b.in_1');

  // Escape cancels a connection in progress.
  await ed.canvas.getByLabel('b.in_1 input', { exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(ed.canvas.getByRole('status')).toContainText('Connecting from b.in_1');
  await page.keyboard.press('Escape');
  await expect(ed.canvas.getByRole('status')).toHaveCount(0);
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(1);
});
