// Pause / Step / Resume and breakpoints (issue 10) on a parallel run of the Ray tutorial.
import { expect, test, type Page } from '@playwright/test';
import { Editor, fastRay } from './pages/editor.ts';

const NAMES = ['input', 'slow-sleep', 'very-slow-sleep', 'timestamper', 'save-results'];

/** Every node's step count as its status line shows it ("paused · 3 steps run"). */
async function counts(ed: Editor): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of NAMES) {
    const text = (await ed.nodeStatus(n).textContent()) ?? '';
    out[n] = Number(/· (\d+) steps?/.exec(text)?.[1] ?? 0);
  }
  return out;
}

/** Components the step report names as stepped ("Step 2: slow-sleep, very-slow-sleep stepped; ..."). */
async function stepped(page: Page, index: number): Promise<string[]> {
  const report = page.getByLabel('Step report');
  await expect(report).toContainText(`Step ${index}:`);
  const text = (await report.textContent()) ?? '';
  const m = /^Step \d+: (.*?) stepped(;|$)/.exec(text);
  return m ? m[1]!.split(', ') : [];
}

test('pause a parallel run, step it 3 times (each node that had input steps once per Step), resume to completion', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(fastRay(0.3, 0.4)); // ten 0.4 s steps: a few seconds
  await expect(ed.node('very-slow-sleep')).toBeVisible();
  await ed.run('Parallel');
  await expect(ed.nodeStatus('very-slow-sleep')).toContainText('step', { timeout: 15_000 });
  await ed.button('Pause').click();
  await expect(page.getByLabel('Elapsed time')).toContainText('Paused');
  await expect(ed.button('Resume')).toBeEnabled();
  // The sleeps are held at their next step boundary (the nodes say so).
  await expect(ed.nodeStatus('slow-sleep')).toContainText('paused', { timeout: 5000 });
  await expect(ed.nodeStatus('very-slow-sleep')).toContainText('paused', { timeout: 5000 });
  let before = await counts(ed);
  for (let i = 1; i <= 3; i++) {
    await ed.button('Step').click();
    const moved = await stepped(page, i);
    expect(moved.length).toBeGreaterThan(0);
    const expected = Object.fromEntries(NAMES.map((n) => [n, before[n]! + (moved.includes(n) ? 1 : 0)]));
    await expect.poll(() => counts(ed)).toEqual(expected);
    before = expected;
  }
  // Still paused after the steps; Resume runs to the end: all 10 rows written.
  await expect(page.getByLabel('Elapsed time')).toContainText('Paused');
  await ed.button('Resume').click();
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toHaveText('completed · 10 steps run');
  await expect(ed.output).toContainText('ray.csv');
});

test('a breakpoint on very-slow-sleep pauses the run there; F8 resumes', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(fastRay());
  await expect(ed.node('very-slow-sleep')).toBeVisible();
  await ed.selectNode('very-slow-sleep');
  await page.getByRole('button', { name: 'Breakpoint on very-slow-sleep' }).click();
  await expect(page.getByRole('button', { name: 'Breakpoint on very-slow-sleep' })).toHaveAttribute('aria-pressed', 'true');
  await expect(ed.node('very-slow-sleep').getByLabel('Breakpoint')).toBeVisible();
  await ed.run('Parallel');
  await expect(page.getByRole('status', { name: 'Pause status' })).toContainText('Paused at breakpoint: very-slow-sleep is about to step', { timeout: 15_000 });
  await expect(ed.nodeStatus('very-slow-sleep')).toHaveText('paused');
  await expect(page.getByLabel('Elapsed time')).toContainText('Paused');
  // Clear the breakpoint (the live run follows), then F8 resumes to the end.
  await page.getByRole('button', { name: 'Breakpoint on very-slow-sleep' }).click();
  await page.locator('body').press('F8');
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toHaveText('completed · 10 steps run');
});

test('a condition on a probe: a bad one shows its place; a good one pauses the run; Stop ends it', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(fastRay());
  await expect(ed.node('timestamper')).toBeVisible();
  await ed.selectNode('timestamper');
  await page.getByRole('button', { name: 'Probe timestamper.timestamp' }).click();
  const field = page.getByRole('textbox', { name: 'Breakpoint condition on timestamper.timestamp' });
  await field.fill('len(value) >');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('region', { name: 'Probes' }).getByRole('alert')).toContainText(/^1:\d+: /);
  await field.fill('len(value) > 10');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await ed.run('Local');
  await expect(page.getByRole('status', { name: 'Pause status' })).toContainText(/Paused at breakpoint: timestamper\.timestamp sent \d{4}-/, { timeout: 15_000 });
  await ed.button('Stop').click();
  await ed.waitFinished();
  await expect(page.getByLabel('Elapsed time')).toContainText('Stopped after');
});

test('a probe added to a paused parallel run records from then on: resume → its values appear', async ({ page }) => {
  const ed = new Editor(page);
  await ed.open();
  await ed.pasteYaml(fastRay(0.3, 0.4));
  const edge = ed.edge('timestamper.timestamp', 'save-results.timestamp');
  await expect(edge).toBeVisible();
  await ed.run('Parallel');
  // Pause once the timestamper has sent a value: those before the probe are not recorded.
  await expect(ed.nodeStatus('timestamper')).toContainText('step', { timeout: 15_000 });
  await ed.button('Pause').click();
  await expect(page.getByLabel('Elapsed time')).toContainText('Paused');
  await expect(ed.button('Resume')).toBeEnabled();
  await edge.click();
  const panel = page.getByRole('region', { name: 'Probes' });
  await panel.getByRole('button', { name: 'Probe' }).click();
  await expect(panel.getByRole('button', { name: 'Unprobe' })).toHaveAttribute('aria-pressed', 'true');
  await ed.button('Resume').click();
  await ed.waitFinished();
  await expect(ed.nodeStatus('save-results')).toHaveText('completed · 10 steps run');
  const probe = panel.getByRole('group', { name: 'Probe timestamper.timestamp..save-results.timestamp' });
  const recorded = Number(/^(\d+) values/.exec((await probe.getByLabel('Values recorded').textContent()) ?? '')?.[1] ?? 0);
  expect(recorded).toBeGreaterThan(0);
  expect(recorded).toBeLessThan(10);
  const rows = probe.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(recorded);
  await expect(rows.last().locator('td').nth(2)).toHaveText(/^\d{4}-\d\d-\d\dT/);
});
