// Tuning (issue 9): the tutorial's tune section runs in Web Workers from the Tune view; trials
// arrive live, Stop ends the study, Apply best writes the best args into the YAML (one undo step),
// and a failing trial shows its error in the trials table.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { Editor } from './pages/editor.ts';

async function openTutorial(ed: Editor): Promise<void> {
  await ed.openExample('Optimisation: model with tuner', 'trajectory');
  await ed.page.getByRole('tab', { name: 'Tune' }).click();
}

const tune = (page: Page) => page.getByRole('region', { name: 'Tune' });
const rows = (page: Page) => tune(page).getByRole('table', { name: 'Trials' }).getByRole('row');
const yamlText = (ed: Editor) => ed.yaml.locator('.monaco-editor .view-lines');
/** The document text (the YAML pane is behind the Tune tab). */
const docText = (page: Page) => page.evaluate(() => (window as unknown as { __editorStore: { getState(): { text: string } } }).__editorStore.getState().text);

test('tune the tutorial: trials arrive, Stop ends the study, Apply best writes the args into the YAML', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await openTutorial(ed);
  const view = tune(page);
  await expect(view.getByRole('list', { name: 'Tune parameters' }).getByRole('listitem')).toHaveCount(2);
  // Many samples, so the study is still running when Stop is pressed (num_samples is written to the YAML).
  await view.getByLabel('Samples', { exact: true }).fill('5000');
  await expect(view.getByLabel('Samples', { exact: true })).toHaveValue('5000');
  await view.getByRole('button', { name: '▶ Start tuning' }).click();
  await expect(rows(page).first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => Number((await view.getByTestId('tune-progress').textContent())?.split('/')[0]), { timeout: 30_000 }).toBeGreaterThan(12);
  await view.getByRole('button', { name: '■ Stop' }).click();
  await expect(view.getByRole('button', { name: '▶ Start tuning' })).toBeVisible({ timeout: 15_000 });
  await expect(view).toContainText(/Stopped after \d+ trials/);
  const finished = Number((await view.getByTestId('tune-progress').textContent())!.split('/')[0]);
  expect(finished).toBeLessThan(5000);
  // The best trial is highlighted and its values can be applied.
  await expect(view.getByRole('row', { name: 'Best trial row' })).toHaveClass(/is-best/);
  await expect(view.getByLabel('Best trial', { exact: true })).toContainText(/Best #\d+: max_y = \d/);
  await expect(view.getByRole('figure', { name: 'Convergence chart' }).locator('canvas')).toBeVisible();
  expect(await docText(page)).toContain('angle: 25');
  await view.getByRole('button', { name: 'Apply best' }).click();
  await expect.poll(() => docText(page)).toMatch(/angle: \d+\.\d+/);
  expect(await docText(page)).toMatch(/velocity: \d+\.\d+/);
  expect(await docText(page)).toContain('num_samples: 5000');
  // The YAML pane shows the new args.
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(yamlText(ed)).toContainText(/angle:\s\d+\.\d+/); // Monaco renders spaces as U+00A0
  await expect(yamlText(ed)).not.toContainText(/angle:\s25\s/);
  // One undo step restores both args.
  await ed.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect(yamlText(ed)).toContainText(/angle:\s25\s/);
  await expect(yamlText(ed)).toContainText(/velocity:\s20\s/);
  await page.getByRole('tab', { name: 'Tune' }).click();
  // trials.csv holds every finished trial.
  const [download] = await Promise.all([page.waitForEvent('download'), view.getByRole('button', { name: '⤓ trials.csv' }).click()]);
  expect(download.suggestedFilename()).toBe('trials.csv');
});

test('a failing trial shows its error in the trials table; the study goes on', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await openTutorial(ed);
  const view = tune(page);
  // Replace velocity by a choice that includes a string: those trials compute NaN and fail.
  await view.getByRole('button', { name: 'Remove parameter component.trajectory.arg.velocity' }).click();
  await expect(view.getByRole('list', { name: 'Tune parameters' }).getByRole('listitem')).toHaveCount(1);
  await view.getByRole('button', { name: '+ Add parameter' }).click();
  await view.getByLabel('Parameter component', { exact: true }).selectOption('trajectory');
  await view.getByLabel('Parameter arg', { exact: true }).selectOption('velocity');
  await view.getByLabel('Parameter search', { exact: true }).selectOption('choice');
  await view.getByLabel('Parameter categories', { exact: true }).fill('30, "fast"');
  await view.getByRole('button', { name: 'Add parameter', exact: true }).click();
  await expect(view.getByRole('list', { name: 'Tune parameters' })).toContainText('choice [30,"fast"]');
  await expect.poll(() => docText(page)).toContain('categories: [30, fast]');
  await view.getByLabel('Samples', { exact: true }).fill('12');
  await view.getByRole('button', { name: '▶ Start tuning' }).click();
  await expect(view.getByRole('button', { name: '▶ Start tuning' })).toBeVisible({ timeout: 30_000 });
  await expect(view.getByTestId('tune-progress')).toHaveText('12/12 trials');
  const failed = view.locator('.tune-row[data-status="failed"]');
  await expect(failed.first()).toContainText('max-height.max_y is NaN after the run');
  await expect(view.locator('.tune-row[data-status="completed"]').first()).toBeVisible();
  await expect(view).toContainText(/\d+ trials? failed/);
});

test('Export for Plugboard downloads a zip with the YAML (tune section included) and a README', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await openTutorial(ed);
  const [download] = await Promise.all([page.waitForEvent('download'), tune(page).getByRole('button', { name: '⤓ Export for Plugboard' }).click()]);
  expect(download.suggestedFilename()).toBe('model-with-tuner-plugboard.zip');
  const files = unzipSync(readFileSync(await download.path()));
  expect(Object.keys(files).sort()).toEqual(['model-with-tuner/README.md', 'model-with-tuner/model-with-tuner.yaml']);
  expect(strFromU8(files['model-with-tuner/model-with-tuner.yaml']!)).toContain('  tune:  # (2)!');
  expect(strFromU8(files['model-with-tuner/README.md']!)).toContain('plugboard process tune model-with-tuner.yaml');
});

test('a model without a tune section gets one from the Tune view (objective and a first parameter)', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.openExample('Optimisation: model with tuner', 'trajectory');
  // Drop the tune section from the text, as if the model had none.
  const text = await docText(page);
  await page.evaluate((t) => (window as unknown as { __editorStore: { getState(): { setText(t: string, s: string): void } } }).__editorStore.getState().setText(t, 'command'), text.slice(0, text.indexOf('  tune:')));
  await ed.selectNode('trajectory'); // the canvas selection is the form's default component
  await page.getByRole('tab', { name: 'Tune' }).click();
  const view = tune(page);
  await view.getByLabel('Objective', { exact: true }).selectOption('max-height.max_y');
  await expect(view.getByLabel('Parameter component', { exact: true })).toHaveValue('trajectory');
  await view.getByLabel('Parameter arg', { exact: true }).selectOption('angle');
  await view.getByLabel('Parameter lower', { exact: true }).fill('10');
  await view.getByLabel('Parameter upper', { exact: true }).fill('80');
  await view.getByRole('button', { name: 'Create tune section' }).click();
  await expect(view.getByRole('list', { name: 'Tune parameters' })).toContainText('trajectory.angle');
  const yaml = await docText(page);
  expect(yaml).toContain('  tune:\n    args:\n      objective:\n        object_name: max-height\n        field_type: field\n        field_name: max_y\n      parameters:\n      - type: ray.tune.uniform');
  expect(yaml).toContain('        lower: 10\n        upper: 80\n      num_samples: 20\n      mode: max');
  await view.getByRole('button', { name: '▶ Start tuning' }).click();
  await expect(view.getByTestId('tune-progress')).toHaveText('20/20 trials', { timeout: 30_000 });
});

test('tune from the inspector: Tune… an arg adds a parameter, Use as objective sets it, each one undo step', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.openExample('Optimisation: model with tuner', 'horizontal');
  await ed.selectNode('horizontal');
  const here = ed.inspector.getByRole('group', { name: 'Tune from here' });
  await here.getByRole('button', { name: 'Tune iters' }).click();
  // The Tune view opens and lists the new parameter; the YAML gained it (randint ±50 % around 100).
  await expect(page.getByRole('tab', { name: 'Tune' })).toHaveAttribute('aria-selected', 'true');
  const params = tune(page).getByRole('list', { name: 'Tune parameters' }).getByRole('listitem');
  await expect(params).toHaveCount(3);
  await expect(params.nth(2)).toContainText('horizontal.iters');
  await expect(params.nth(2)).toContainText('randint [50, 151)');
  expect(await docText(page)).toMatch(/field_name: iters\n\s+lower: 50\n\s+upper: 151\n/);
  expect(await docText(page)).toContain('- type: ray.tune.uniform  # (3)!'); // comments kept
  await expect(here.getByRole('button', { name: 'iters is tuned: open the Tune view' })).toBeVisible();
  // Use as objective: trajectory.y, minimised — objective and mode in one edit.
  await ed.selectNode('trajectory');
  await ed.inspector.getByRole('group', { name: 'Tune from here' }).getByRole('button', { name: 'Minimise y as objective' }).click();
  await expect(tune(page).getByLabel('Objective', { exact: true })).toHaveValue('trajectory.y');
  await expect(tune(page).getByLabel('Mode', { exact: true })).toHaveValue('min');
  await expect(ed.inspector.getByLabel('y is the objective')).toHaveText('objective (min)');
  await ed.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => docText(page)).toContain('field_name: max_y');
  expect(await docText(page)).toContain('mode: max');
  expect(await docText(page)).toContain('field_name: iters');
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => docText(page)).not.toContain('field_name: iters');
});

test('tune from the inspector on a model without a tune section writes one', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.openExample('Optimisation: model with tuner', 'trajectory');
  // Drop the tune section (as a user deleting it in the YAML would).
  await page.evaluate(() => {
    const store = (window as unknown as { __editorStore: { getState(): { text: string; setText(t: string, s: string): void } } }).__editorStore;
    const text = store.getState().text;
    store.getState().setText(text.slice(0, text.indexOf('  tune:')), 'command');
  });
  await expect(page.getByRole('tab', { name: 'Tune' })).toHaveAttribute('aria-selected', 'false');
  await ed.selectNode('trajectory');
  await ed.inspector.getByRole('group', { name: 'Tune from here' }).getByRole('button', { name: 'Tune velocity' }).click();
  await expect(page.getByRole('tab', { name: 'Tune' })).toHaveAttribute('aria-selected', 'true');
  const params = tune(page).getByRole('list', { name: 'Tune parameters' }).getByRole('listitem');
  await expect(params).toHaveCount(1);
  await expect(params.first()).toContainText('trajectory.velocity');
  await expect(params.first()).toContainText('uniform [10, 30)');
  await expect(tune(page).getByLabel('Objective', { exact: true })).toHaveValue('max-height.max_y');
  expect(await docText(page)).toMatch(/\n {2}tune:\n {4}args:\n {6}objective:\n/);
});
