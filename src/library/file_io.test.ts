import { describe, expect, it } from 'vitest';
import { buildProcessSpec, runForTest, type Recorder } from '../runtime/index.ts';
import { ListSource, Recorder as RecorderClass } from '../runtime/testing.ts';
import { fileSuffix, formatCsvCell, toCsv } from './file_io.ts';
import { createRegistry } from './index.ts';

function registry() {
  const r = createRegistry();
  r.register(ListSource);
  r.register(RecorderClass);
  return r;
}

const writer = (args: Record<string, unknown>) => ({ type: 'plugboard.library.file_io.FileWriter', name: 'save', args: { path: 'out.csv', ...args } });

describe('FileWriter (spec §7.2–7.3)', () => {
  it('writes a header of field_names and one row per step, columns in field_names order', async () => {
    const spec = buildProcessSpec({
      components: [
        { type: 'testing.ListSource', name: 'a', args: { values: [1, 2.5, null] } },
        { type: 'testing.ListSource', name: 'b', args: { values: [true, false, 'x,y'] } },
        writer({ field_names: ['b', 'a'] }),
      ],
      connectors: ['a.out -> save.a', 'b.out -> save.b'],
    });
    const { result, events } = await runForTest(spec, registry());
    expect(result.files['out.csv']).toBe('b,a\nTrue,1\nFalse,2.5\n"x,y",\n');
    const appends = events.flatMap((e) => (e.kind === 'file' && e.mode === 'append' ? [e] : []));
    expect(appends[0]?.header).toEqual(['b', 'a']);
    expect(appends.flatMap((e) => e.rows ?? [])).toEqual([
      [true, 1],
      [false, 2.5],
      ['x,y', null],
    ]);
  });

  it('with chunk_size appends chunks during the run and the rest at the end; incomplete rows are dropped', async () => {
    const spec = buildProcessSpec({
      components: [
        { type: 'testing.ListSource', name: 'a', args: { values: [1, 2, 3, 4, 5] } },
        { type: 'testing.ListSource', name: 'b', args: { values: [10, 20, 30, 40, 50] } },
        writer({ field_names: ['a', 'b'], chunk_size: 2 }),
      ],
      connectors: ['a.out -> save.a', 'b.out -> save.b'],
    });
    const { result, events } = await runForTest(spec, registry());
    expect(result.files['out.csv']).toBe('a,b\n1,10\n2,20\n3,30\n4,40\n5,50\n');
    const appends = events.filter((e) => e.kind === 'file' && e.mode === 'append');
    expect(appends.map((e) => (e.kind === 'file' ? e.rows?.length : 0))).toEqual([2, 2, 1]);
  });

  it('without chunk_size keeps the in-memory file up to date during the run, with the time each row was complete', async () => {
    const spec = buildProcessSpec({
      components: [
        { type: 'testing.ListSource', name: 'a', args: { values: [1, 2, 3] } },
        { type: 'hello_ray.Sleep', name: 'slow', args: { sleep_seconds: 0.08 } },
        writer({ field_names: ['y'] }),
      ],
      connectors: ['a.out -> slow.x', 'slow.y -> save.y'],
    });
    const { result, events } = await runForTest(spec, registry());
    expect(result.files['out.csv']).toBe('y\n1\n2\n3\n');
    const appends = events.flatMap((e) => (e.kind === 'file' && e.mode === 'append' ? [e] : []));
    expect(appends.length).toBeGreaterThan(1); // not all at the end
    const times = appends.flatMap((e) => e.times ?? []);
    expect(times).toHaveLength(3);
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    for (const e of appends) for (const t of e.times ?? []) expect(t).toBeLessThanOrEqual(e.t);
  });

  it('writes a row made of one empty field as "" (Python csv), so it reads back as a row', async () => {
    expect(toCsv([['x'], [''], ['a']])).toBe('x\n""\na\n');
    expect(toCsv([['x', 'y'], ['', '']])).toBe('x,y\n,\n');
    const spec = buildProcessSpec({
      components: [{ type: 'testing.ListSource', name: 'a', args: { values: ['p', null, ''] } }, writer({ field_names: ['a'] })],
      connectors: ['a.out -> save.a'],
    });
    const { result } = await runForTest(spec, registry());
    expect(result.files['out.csv']).toBe('a\np\n""\n""\n');
  });

  it('a run with no rows leaves an empty file (no header)', async () => {
    const spec = buildProcessSpec({
      components: [{ type: 'testing.ListSource', name: 'a', args: { values: [] } }, writer({ field_names: ['a'] })],
      connectors: ['a.out -> save.a'],
    });
    const { result } = await runForTest(spec, registry());
    expect(result.files['out.csv']).toBe('');
  });

  it('rejects unsupported formats and initial_values at construction', async () => {
    for (const args of [{ path: 'run.v2.csv', field_names: ['a'] }, { path: 'x.txt', field_names: ['a'] }]) {
      const spec = buildProcessSpec({ components: [{ type: 'plugboard.library.file_io.FileWriter', name: 'save', args }] });
      const { result } = await runForTest(spec, registry());
      expect(result.status).toBe('failed');
      expect(result.error?.message).toMatch(/format/);
    }
    expect(fileSuffix('data/A.CSV.gz')).toBe('.csv.gz');
    expect(formatCsvCell(null)).toBe('');
    expect(formatCsvCell(1e-5)).toBe('1e-05');
  });
});

describe('FileReader (spec §7.1, §7.3)', () => {
  it('emits one record per step with per-column type inference, then closes', async () => {
    const spec = buildProcessSpec({
      components: [
        { type: 'plugboard.library.file_io.FileReader', name: 'read', args: { path: 'in.csv', field_names: ['n', 's'] } },
        { type: 'testing.Recorder', name: 'rec', args: { fields: ['n', 's'] } },
      ],
      connectors: ['read.n -> rec.n', 'read.s -> rec.s'],
    });
    const { result, component } = await runForTest(spec, registry(), { files: { 'in.csv': 's,extra,n\nhello,1,1\n"a,b",2,2.5\n,3,\n' } });
    expect(result.status).toBe('completed');
    expect(component<Recorder>('rec').seen).toEqual([
      { n: 1, s: 'hello' },
      { n: 2.5, s: 'a,b' },
      { n: null, s: null },
    ]);
  });

  it('fails at init when the file or a column is missing', async () => {
    const spec = (path: string) =>
      buildProcessSpec({
        components: [
          { type: 'plugboard.library.file_io.FileReader', name: 'read', args: { path, field_names: ['x'] } },
          { type: 'testing.Recorder', name: 'rec', args: { fields: ['x'] } },
        ],
        connectors: ['read.x -> rec.x'],
      });
    const missing = await runForTest(spec('none.csv'), registry());
    expect(missing.result.error).toMatchObject({ component: 'read' });
    expect(missing.result.error?.message).toContain('file not found');
    const column = await runForTest(spec('in.csv'), registry(), { files: { 'in.csv': 'y\n1\n' } });
    expect(column.result.error?.message).toContain('columns not found');
  });
});
