import { describe, expect, it } from 'vitest';
import { emptyBuffers, IDLE_RUN, type RunState } from '../store/runSlice.ts';
import { numericColumns, outputColumnsOf, seriesOf } from './outputColumns.ts';

function runWith(rows: { t: number; path: string; values: unknown[] }[], header: string[]): RunState {
  const buffers = emptyBuffers();
  for (const r of rows) buffers.output.push({ ...r, component: 'save' });
  buffers.files.set('out.csv', { path: 'out.csv', component: 'save', chunks: [], header, rows: rows.length });
  return { ...IDLE_RUN, phase: 'completed', startedAt: 1000, buffers };
}

describe('output chart columns', () => {
  it('plots the numeric columns only, against time in seconds or row number', () => {
    const run = runWith(
      [
        { t: 1000, path: 'out.csv', values: [1, '2026-01-01T00:00:00', false] },
        { t: 3000, path: 'out.csv', values: [4, '2026-01-01T00:00:01', true] },
      ],
      ['n', 'timestamp', 'running'],
    );
    const file = outputColumnsOf(run).get('out.csv')!;
    expect(numericColumns(file).map((c) => c.name)).toEqual(['n', 'running']);
    const [n] = seriesOf(file, 'time');
    expect(n!.label).toBe('n');
    expect([...Array.from({ length: n!.length! }, (_, i) => n!.x[i])]).toEqual([0, 2]);
    expect(n!.appendOnly).toBe(true);
    const rows = seriesOf(file, 'row', '#3 ', 'running');
    expect(rows.map((s) => s.label)).toEqual(['#3 running']);
    expect([rows[0]!.x[0], rows[0]!.x[1], rows[0]!.y[0], rows[0]!.y[1]]).toEqual([0, 1, 0, 1]);
  });

  it('reads only rows added since the last call for the same run', () => {
    const run = runWith([{ t: 1000, path: 'out.csv', values: [1] }], ['n']);
    expect(outputColumnsOf(run).get('out.csv')!.row.length).toBe(1);
    run.buffers.output.push({ t: 2000, path: 'out.csv', component: 'save', values: [2] });
    expect(outputColumnsOf(run).get('out.csv')!.row.length).toBe(2);
    expect(outputColumnsOf(run).get('out.csv')!.row.length).toBe(2);
  });
});
