// Issue 11 items 5–7: stored text survives corrupt storage, failed writes and a second tab.
import { expect, test } from '@playwright/test';
import { Editor } from './pages/editor.ts';
import type { Page } from '@playwright/test';

/** The document text the app holds (Monaco only renders the lines in view). */
const textOf = (page: Page) => page.evaluate(() => (window as unknown as { __editorStore: { getState(): { text: string } } }).__editorStore.getState().text);

test('a corrupt autosave does not blank the page: the valid parts load, the rest is offered as a download', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await page.evaluate(() => {
    localStorage.setItem(
      'plugboard-studio:document:v1',
      JSON.stringify({
        text: 'plugboard:\n  process:\n    args:\n      components:\n      - type: hello_world.A\n        args:\n          name: kept\n          iters: 2\n      connectors: []\n',
        fileName: { not: 'a string' },
        modules: [null, { file: 'bad.ts', source: 42 }, { file: 'good.ts', source: 'export const x = 1;\n' }],
      }),
    );
  });
  await page.reload();
  await ed.waitReady();
  await expect(ed.node('kept')).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
  await expect(alert).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button', { name: 'Download the unreadable part' }).click()]);
  const { readFileSync } = await import('node:fs');
  const rejected = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(rejected).toEqual({ fileName: { not: 'a string' }, modules: [null, { file: 'bad.ts', source: 42 }] });
  await page.getByRole('tab', { name: 'Modules' }).click();
  await expect(page.getByRole('region', { name: 'Modules' }).getByRole('button', { name: 'good.ts', exact: true })).toBeVisible();
});

test('autosave goes to IndexedDB and a reload restores it', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.typeYamlAtEnd('\n# kept across reloads\n');
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const req = indexedDB.open('plugboard-studio');
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('documents')) return resolve('');
              const get = db.transaction('documents').objectStore('documents').get('current');
              get.onsuccess = () => resolve((get.result as { text?: string } | undefined)?.text ?? '');
              get.onerror = () => resolve('');
            };
            req.onerror = () => resolve('');
          }),
      ),
    )
    .toContain('kept across reloads');
  await page.reload();
  await ed.waitReady();
  await expect.poll(() => textOf(page)).toContain('# kept across reloads');
});

test("two tabs: the other tab's change shows, and a tab with its own changes asks before overwriting", async ({ page, context }) => {
  const a = new Editor(page);
  await a.open();
  const other = await context.newPage();
  const b = new Editor(other);
  await other.goto('/');
  await b.waitReady();

  await a.typeYamlAtEnd('\n# from tab A\n');
  await expect(other.getByRole('status').filter({ hasText: 'changed in another tab' })).toBeVisible();
  await expect.poll(() => textOf(other)).toContain('# from tab A');

  // Both tabs change the document at the same moment: both have unsaved changes when the first write lands.
  for (const p of [other, page]) {
    await p.getByRole('region', { name: 'YAML' }).locator('.monaco-editor .view-lines').click();
    await p.keyboard.press('ControlOrMeta+End');
  }
  await Promise.all([other.keyboard.insertText('\n# from tab B\n'), page.keyboard.insertText('\n# A again\n')]);
  const conflictInA = page.getByRole('alert').filter({ hasText: 'changed in another tab' });
  const conflictInB = other.getByRole('alert').filter({ hasText: 'changed in another tab' });
  // Whichever tab wrote second is told, and keeps its own text until it chooses.
  await expect.poll(async () => (await conflictInA.isVisible()) || (await conflictInB.isVisible())).toBe(true);
  const [loser, loserPage] = (await conflictInB.isVisible()) ? [b, other] : [a, page];
  await expect.poll(() => textOf(loserPage)).toContain(loser === b ? '# from tab B' : '# A again');
  await loserPage.getByRole('button', { name: "Load the other tab's version" }).click();
  await expect.poll(() => textOf(loserPage)).toContain(loser === b ? '# A again' : '# from tab B');
});
