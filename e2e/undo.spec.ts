// One undo story: Ctrl+Z in the YAML editor, the toolbar Undo/Redo and Ctrl+Z on the canvas all walk
// the store's one history, in the same order, so the canvas and the YAML never disagree.
import { expect, test } from '@playwright/test';
import { Editor, fastRay } from './pages/editor.ts';

const yamlText = (ed: Editor) => ed.page.evaluate(() => (window as unknown as { __yamlEditor: { getValue(): string } }).__yamlEditor.getValue());

test('typed YAML and canvas edits share one history, whichever Undo is used', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await ed.pasteYaml(fastRay().replace(/      - source: "timestamper.timestamp"\n        target: "save-results.timestamp"\n?/, ''));
  await expect(ed.node('save-results')).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(4);

  // 1. Canvas edit: a connector.
  await ed.connect('timestamper.timestamp', 'save-results.timestamp');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  // 2. Typed YAML: a comment at the end.
  await ed.typeYamlAtEnd('# typed note\n');
  await expect.poll(() => yamlText(ed)).toContain('# typed note');
  const typed = await yamlText(ed);

  // Ctrl+Z in Monaco takes back the typing, then the canvas connector (the store's history, not Monaco's).
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => yamlText(ed)).not.toContain('# typed note');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(4);
  await expect.poll(() => yamlText(ed)).not.toContain('target: "save-results.timestamp"');
  // Monaco's own undo would have recorded a new edit and cleared Redo; the store's keeps it.
  await expect(ed.button('Redo')).toBeEnabled();

  // The toolbar Redo walks forward through the same entries: the connector first.
  await ed.button('Redo').click();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  await expect.poll(() => yamlText(ed)).toContain('target: "save-results.timestamp"');
  await expect.poll(() => yamlText(ed)).not.toContain('# typed note');

  // Ctrl+Z on the canvas: the connector again.
  await ed.canvas.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(4);

  // Redo from inside Monaco (Ctrl+Shift+Z, then Ctrl+Y): connector, then the typed comment.
  await ed.yaml.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  await page.keyboard.press('ControlOrMeta+y');
  await expect.poll(() => yamlText(ed)).toBe(typed);
  await expect(ed.button('Redo')).toBeDisabled();

  // The toolbar Undo takes the typing back too: one entry for the whole typed burst.
  await ed.button('Undo').click();
  await expect.poll(() => yamlText(ed)).not.toContain('# typed');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
});
