// Running: a failing component shows its error; Stop ends a long run at once.
import { expect, test } from '@playwright/test';
import { csvRows, Editor, fastRay } from './pages/editor.ts';

test('a failing component turns red with its error message', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  // FileWriter only writes CSV: a .txt path fails when the component is built.
  await ed.pasteYaml(fastRay().replace('path: "ray.csv"', 'path: "ray.txt"'));
  await expect(ed.node('save-results')).toBeVisible();
  await ed.run('Local');
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toHaveText('failed');
  await expect(ed.node('save-results').locator('.component-node')).toHaveAttribute('data-status', 'failed');
  await expect(ed.node('save-results').getByRole('alert')).toContainText("unsupported file format '.txt'");
  await expect(ed.output.getByRole('alert')).toContainText("Component 'save-results'");
  await expect(ed.page.getByLabel('Elapsed time')).toContainText('Failed after');
  // The editor stays usable: fix the path in the inspector and run again.
  await ed.selectNode('save-results');
  await ed.setField('path', 'ray.csv');
  await ed.button('Run').click();
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toContainText('completed');
});

test('Stop ends a run that would take minutes', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(fastRay(30, 60)); // ten 60-second steps: ten minutes
  await expect(ed.node('very-slow-sleep')).toBeVisible();
  await ed.run('Parallel');
  await expect(ed.button('Stop')).toBeEnabled();
  await expect(ed.nodeStatus('input')).toContainText('step', { timeout: 15_000 }); // the sleeps are busy now
  await page.waitForTimeout(1000);
  await ed.button('Stop').click();
  // A run with minutes left is over as soon as the UI can show it (not a performance assertion:
  // anything short of the minutes the run would take proves Stop ended it).
  await expect(ed.button('Run')).toBeEnabled({ timeout: 10_000 });
  await expect(ed.page.getByLabel('Elapsed time')).toContainText('Stopped after');
  await expect(ed.nodeStatus('very-slow-sleep')).toHaveText('stopped');
  // The page stays responsive and can run again right away.
  await ed.pasteYaml(fastRay());
  await ed.button('Run').click();
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toContainText('completed');
});

// Issue 13 item 6 / issue 8, the app path: a user component sends 5 rows, then blocks its worker
// in `for (;;) {}`. Stop terminates that worker; the writer (kept apart from user code by the
// placement plan) keeps all 5 rows.
test('Parallel: a component that loops forever after 5 rows is stopped and the 5 rows are kept', async ({ page }) => {
  const source = [
    "import { componentClass, port } from 'plugboard';",
    'export class LoopAt extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {',
    '  override step(): void {',
    '    if (this.in.x === 5) for (;;) { /* stuck */ }',
    '    this.out.y = this.in.x;',
    '  }',
    '}',
  ].join('\n');
  const yaml = [
    'plugboard:',
    '  process:',
    '    type: plugboard.process.RayProcess',
    '    connector_builder:',
    '      type: plugboard.connector.RayConnector',
    '    args:',
    '      components:',
    '      - type: hello_world.A',
    '        args: { name: a, iters: 100 }',
    '      - type: faulty.LoopAt',
    '        args: { name: m }',
    '      - type: plugboard.library.file_io.FileWriter',
    '        args: { name: w, path: out.csv, field_names: ["y"] }',
    '      connectors:',
    '      - source: a.out_1',
    '        target: m.x',
    '      - source: m.y',
    '        target: w.y',
    '',
  ].join('\n');
  const ed = new Editor(page);
  await ed.open();
  await page.evaluate(
    ([text, module]) => {
      const store = (window as unknown as { __editorStore: { getState(): { loadDocument(t: string, f: string, m: { file: string; source: string }[]): void } } }).__editorStore;
      store.getState().loadDocument(text, 'loop.yaml', [{ file: 'faulty.ts', source: module }]);
    },
    [yaml, source] as const,
  );
  await expect(ed.node('m')).toBeVisible();
  // A module that came with a document runs only once the user agrees.
  await page.getByRole('tab', { name: 'Modules' }).click();
  const modules = page.getByRole('region', { name: 'Modules' });
  await modules.getByRole('button', { name: 'Load types now' }).click();
  await expect(modules).toContainText('faulty.ts defines LoopAt');
  await ed.run('Parallel');
  // The writer took the 5 rows (it writes them out when the run ends); m is stuck in its 6th step.
  await expect(ed.nodeStatus('w')).toContainText('5 steps', { timeout: 20_000 });
  await ed.button('Stop').click();
  await ed.waitFinished(10_000);
  await expect(ed.page.getByLabel('Elapsed time')).toContainText('Stopped after');
  await expect(ed.node('w').getByTestId('node-worker')).not.toHaveText(await ed.node('m').getByTestId('node-worker').innerText());
  await expect(ed.output.getByTestId('output-count')).toHaveText('5 rows');
  const file = await ed.download('out.csv');
  expect(csvRows(file.text)).toEqual({ header: 'y', rows: ['0', '1', '2', '3', '4'] });
});
