import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/library/index.ts';
import { buildProcessSpec } from '../../src/runtime/buildProcessSpec.ts';
import { ListSource, runForTest } from '../../src/runtime/testing.ts';
import { applyRunEvents, startedRun } from '../store/runSlice.ts';
import { fileContent } from './downloads.ts';

describe('fileContent during a run', () => {
  it('holds the same text FileWriter writes at the end (one CSV formatter)', async () => {
    const values = [1, 0.5, 1e-5, 2 ** 60, true, null, 'a,b', 'say "hi"', { k: 'v' }, [1, 'x']];
    const registry = createRegistry();
    registry.register(ListSource);
    const spec = buildProcessSpec({
      components: [
        { type: 'testing.ListSource', name: 'src', args: { values } },
        { type: 'plugboard.library.file_io.FileWriter', name: 'save', args: { path: 'out.csv', field_names: ['v'] } },
      ],
      connectors: ['src.out -> save.v'],
    });
    const { result, events } = await runForTest(spec, registry);
    expect(result.status).toBe('completed');
    // Mid-run view: the rows arrived but the file text has not been flushed yet.
    const unflushed = events.map((e) => (e.kind === 'file' ? { ...e, text: '' } : e));
    const running = applyRunEvents(startedRun('local', ['src', 'save'], 0), unflushed);
    expect(running.phase).toBe('running');
    expect(fileContent(running, 'out.csv')).toBe(result.files['out.csv']);
    expect(result.files['out.csv']).toContain('1e-05');
  });
});
