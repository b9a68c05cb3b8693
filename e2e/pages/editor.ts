/**
 * Page object for the editor: drives the UI the way a user does (palette, canvas handles, inspector
 * fields, Monaco, toolbar) and reads what a user sees (node labels, status text, downloads).
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

export const RAY_YAML = readFileSync(new URL('../../app/examples/004_using_ray__model-ray.yaml', import.meta.url), 'utf8');

/** The Ray tutorial with short sleeps, so a run takes about a second. */
export function fastRay(slow = 0.05, verySlow = 0.1): string {
  return RAY_YAML.replace('sleep_seconds: 0.5', `sleep_seconds: ${slow}`).replace('sleep_seconds: 1', `sleep_seconds: ${verySlow}`);
}

export class Editor {
  constructor(readonly page: Page) {}

  /** Opens the app with empty storage (first start loads the Ray tutorial). */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.evaluate(async () => {
      localStorage.clear();
      // The autosave lives in IndexedDB; the delete completes once this page's connection closes (reload).
      globalThis.indexedDB?.deleteDatabase('plugboard-studio'); // absent when a spec removed IndexedDB
    });
    await this.page.reload();
    await this.waitReady();
  }

  /** Opens an example from the Examples menu and waits until `node` is drawn. */
  async openExample(label: string, node: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Examples' }).click();
    await this.page.getByRole('menuitem', { name: label }).click();
    await expect(this.node(node)).toBeVisible();
  }

  async waitReady(): Promise<void> {
    await expect(this.page.getByRole('region', { name: 'Components' })).toBeVisible();
    await expect(this.yaml.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
    await this.settled();
  }

  /** Waits until no auto-layout or fit-view is about to move the nodes. */
  async settled(): Promise<void> {
    await expect(this.page.locator('.canvas[data-settled="true"]')).toBeVisible({ timeout: 20_000 });
  }

  get palette(): Locator {
    return this.page.getByRole('region', { name: 'Components' });
  }
  get canvas(): Locator {
    return this.page.getByRole('region', { name: 'Canvas' });
  }
  get yaml(): Locator {
    return this.page.getByRole('region', { name: 'YAML' });
  }
  get inspector(): Locator {
    return this.page.getByRole('region', { name: 'Inspector' });
  }
  get output(): Locator {
    return this.page.getByRole('region', { name: 'Output' });
  }
  get timeline(): Locator {
    return this.page.getByRole('region', { name: 'Timeline' });
  }
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }
  node(name: string): Locator {
    return this.canvas.getByRole('group', { name, exact: true });
  }
  nodeStatus(name: string): Locator {
    return this.node(name).getByTestId('node-status');
  }

  /** A palette item of one module (the search box narrows the list, as a user would). */
  async paletteItem(module: string, className: string): Promise<Locator> {
    await this.palette.getByRole('searchbox', { name: 'Search components' }).fill(module);
    return this.palette.getByRole('group', { name: module, exact: true }).getByRole('listitem', { name: className, exact: true });
  }

  /** Drags a palette item onto the canvas at (x, y) relative to the canvas region. */
  async dragFromPalette(module: string, className: string, x: number, y: number): Promise<void> {
    const item = await this.paletteItem(module, className);
    await item.dragTo(this.canvas, { targetPosition: { x, y } });
  }

  async selectNode(name: string): Promise<void> {
    await this.node(name).locator('.component-node__header').click();
    await expect(this.inspector.getByRole('textbox', { name: 'name', exact: true })).toHaveValue(name);
  }

  /** Types into an inspector field and commits it (Enter blurs the field). */
  async setField(label: string, value: string): Promise<void> {
    const field = this.inspector.getByRole('textbox', { name: label, exact: true });
    await field.fill(value);
    await field.press('Enter');
  }

  async rename(from: string, to: string): Promise<void> {
    await this.selectNode(from);
    await this.setField('name', to);
    await expect(this.node(to)).toBeVisible();
  }

  /** Drags from an output handle to an input handle, as a user wires two ports. */
  async connect(source: string, target: string): Promise<void> {
    await this.settled();
    const from = this.canvas.getByLabel(`${source} output`, { exact: true });
    const to = this.canvas.getByLabel(target.endsWith(' output') ? target : `${target} input`, { exact: true });
    // Drag only once both handles stand still (a fit or a layout that lands mid-drag moves the target).
    const boxes = async () => JSON.stringify([await from.boundingBox(), await to.boundingBox()]);
    let last = '';
    await expect
      .poll(async () => {
        const now = await boxes();
        const still = now === last && !now.includes('null');
        last = now;
        return still;
      }, { intervals: [100], timeout: 20_000 })
      .toBe(true);
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    const m = this.page.mouse;
    await m.move(a.x + a.width / 2, a.y + a.height / 2);
    await m.down();
    // Head towards the target (a detour near the canvas edge would auto-pan the view mid-drag).
    await m.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
    await m.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await m.up();
  }

  edge(source: string, target: string): Locator {
    return this.canvas.getByRole('group', { name: `Connector ${source} to ${target}` });
  }

  /** Replaces the YAML pane's text by pasting (Ctrl+A, then a real clipboard paste). */
  async pasteYaml(text: string): Promise<void> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.yaml.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('ControlOrMeta+v');
  }

  /** Typing into Monaco needs insertText (EditContext drops spaces from keyboard.type). */
  async typeYamlAtEnd(text: string): Promise<void> {
    await this.yaml.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.insertText(text);
  }

  async run(mode: 'Local' | 'Parallel'): Promise<void> {
    await this.button(mode).click();
    await expect(this.button(mode)).toHaveAttribute('aria-pressed', 'true');
    await this.button('Run').click();
  }

  async waitFinished(timeout = 30_000): Promise<void> {
    await expect(this.button('Run')).toBeEnabled({ timeout });
  }

  /** Clicks `Download <file>` and returns the saved file's name and text. */
  async download(file: string): Promise<{ name: string; text: string; download: Download }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.button(`Download ${file}`).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8'), download };
  }
}

/** Header and data rows of a CSV text. */
export function csvRows(text: string): { header: string; rows: string[] } {
  if (text === '') return { header: '', rows: [] };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // final newline (rows themselves may be empty: null values)
  return { header: lines[0] ?? '', rows: lines.slice(1) };
}
