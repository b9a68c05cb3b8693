/** Helpers for the run inspector specs: models with numeric output, the chart and the Runs list. */
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const PRODUCTION_LINE = readFileSync(new URL('../../app/examples/002_production_line_optimisation__production-line.yaml', import.meta.url), 'utf8');

/**
 * The production-line demo plus a FileWriter of its cost per unit and total output (the demo itself
 * writes no file), `steps` steps long, with the given controller thresholds.
 */
export function productionLineWithWriter(steps = 300, threshold1 = 30, threshold2 = 50): string {
  return PRODUCTION_LINE.replace('items_per_step: 10', `items_per_step: 10\n          total_steps: ${steps}`)
    .replace('threshold: 30', `threshold: ${threshold1}`)
    .replace('threshold: 50', `threshold: ${threshold2}`)
    .replace(
      '      connectors:\n',
      [
        '      - type: plugboard.library.file_io.FileWriter',
        '        args:',
        '          name: save',
        '          path: production.csv',
        '          field_names: [cost_per_unit, total_output]',
        '      connectors:',
        '      - source: cost_per_unit.cost_per_unit',
        '        target: save.cost_per_unit',
        '      - source: output_stock.total_output',
        '        target: save.total_output',
        '',
      ].join('\n'),
    );
}

export function outputChart(page: Page): Locator {
  return page.getByRole('region', { name: 'Output' }).getByRole('figure', { name: 'Output chart' });
}

/** Switches the Output panel to its chart and waits until it has drawn. */
export async function showChart(page: Page): Promise<Locator> {
  await page.getByRole('region', { name: 'Output' }).getByRole('tab', { name: 'Chart' }).click();
  const chart = outputChart(page);
  await expect(chart).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  return chart;
}

/** The legend entry of one series (uPlot's legend row). */
export function legendEntry(chart: Locator, label: string): Locator {
  return chart.locator('.u-legend .u-series').filter({ has: chart.page().locator('.u-label', { hasText: new RegExp(`^${label}$`) }) });
}
