// Story 1: build the Ray tutorial model from an empty canvas without typing YAML, run it, download ray.csv.
import { expect, test } from '@playwright/test';
import { csvRows, Editor } from './pages/editor.ts';

test('drag-and-drop modelling: build the Ray model, run it in parallel, download ray.csv', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.button('New').click();
  await expect(ed.canvas.getByRole('group', { name: 'input', exact: true })).toHaveCount(0);

  // Five components from the palette, dropped where they should go.
  await ed.dragFromPalette('hello_ray', 'Iterator', 110, 120);
  await ed.dragFromPalette('hello_ray', 'Sleep', 340, 60);
  await ed.dragFromPalette('hello_ray', 'Sleep', 340, 250);
  await ed.dragFromPalette('hello_ray', 'Timestamper', 570, 150);
  await ed.dragFromPalette('plugboard.library.file_io', 'FileWriter', 200, 400);
  for (const n of ['iterator', 'sleep', 'sleep-2', 'timestamper', 'file-writer']) await expect(ed.node(n)).toBeVisible();

  // Names and args through the inspector (short sleeps keep the test fast).
  await ed.rename('iterator', 'input');
  await ed.setField('iters', '10');
  await ed.rename('sleep', 'slow-sleep');
  await ed.setField('sleep_seconds', '0.05');
  await ed.rename('sleep-2', 'very-slow-sleep');
  await ed.setField('sleep_seconds', '0.1');
  await ed.rename('file-writer', 'save-results');
  await ed.setField('path', 'ray.csv');
  await ed.setField('field_names', 'timestamp');
  await expect(ed.canvas.getByLabel('save-results.timestamp input', { exact: true })).toBeVisible();

  // Wire the ports by dragging from outputs to inputs.
  await ed.connect('input.x', 'slow-sleep.x');
  await ed.connect('input.x', 'very-slow-sleep.x');
  await ed.connect('slow-sleep.y', 'timestamper.x');
  await ed.connect('very-slow-sleep.y', 'timestamper.y');
  await ed.connect('timestamper.timestamp', 'save-results.timestamp');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(5);
  await expect(ed.page.getByRole('region', { name: 'Problems' }).locator('.badge--error')).toHaveCount(0);

  await ed.run('Parallel');
  await ed.waitFinished();
  for (const n of ['input', 'slow-sleep', 'very-slow-sleep', 'timestamper', 'save-results']) await expect(ed.nodeStatus(n)).toContainText('completed');
  await expect(ed.nodeStatus('save-results')).toContainText('10 steps');

  const file = await ed.download('ray.csv');
  expect(file.name).toBe('ray.csv');
  const csv = csvRows(file.text);
  expect(csv.header).toBe('timestamp');
  expect(csv.rows).toHaveLength(10);
  // The built model is the tutorial's: RayProcess + RayConnector, in the YAML the user can save.
  await expect(ed.yaml).toContainText('RayProcess');
});
