import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { buildProcessSpec } from './buildProcessSpec.ts';
import { ListSource, Recorder, runForTest } from './testing.ts';

describe('step counts when step events are sampled', () => {
  it("the final component-status carries every component's step count", async () => {
    const registry = createRegistry();
    registry.register(ListSource);
    registry.register(Recorder);
    const values = Array.from({ length: 3000 }, (_, i) => i);
    const spec = buildProcessSpec({
      components: [
        { type: 'testing.ListSource', name: 'src', args: { values } },
        { type: 'testing.Recorder', name: 'sink' },
      ],
      connectors: ['src.out -> sink.in_1'],
    });
    // A tiny step-event budget: most steps send no event, as in a big model's run.
    const { result, events } = await runForTest(spec, registry, { maxStepEventsPerSecond: 10 });
    expect(result.status).toBe('completed');
    const stepEvents = events.filter((e) => e.kind === 'step' && e.component === 'sink').length;
    expect(stepEvents).toBeLessThan(3000);
    const final = (name: string) => events.filter((e) => e.kind === 'component-status' && e.component === name && e.status === 'completed').at(-1);
    expect(final('sink')).toMatchObject({ steps: 3000 });
    expect((final('src') as { steps?: number } | undefined)?.steps).toBeGreaterThanOrEqual(3000);
  });
});
