import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { blockingSleep } from './blockingSleep.ts';
import { buildProcessSpec } from './buildProcessSpec.ts';
import { runForTest } from './testing.ts';

describe('blockingSleep', () => {
  it('uses Atomics.wait on the Node main thread', () => {
    expect(blockingSleep(1)).toBe('atomics');
  });

  it('two Sleep branches in one LocalProcess never overlap: the run takes the sum of their times', async () => {
    const spec = buildProcessSpec({
      kind: 'ray',
      components: [
        { type: 'hello_ray.Iterator', name: 'input', args: { iters: 3 } },
        { type: 'hello_ray.Sleep', name: 'slow-sleep', args: { sleep_seconds: 0.02 } },
        { type: 'hello_ray.Sleep', name: 'very-slow-sleep', args: { sleep_seconds: 0.04 } },
        { type: 'hello_ray.Timestamper', name: 'timestamper' },
        { type: 'plugboard.library.file_io.FileWriter', name: 'save-results', args: { path: 'ray.csv', field_names: ['timestamp'] } },
      ],
      connectors: ['input.x -> slow-sleep.x', 'input.x -> very-slow-sleep.x', 'slow-sleep.y -> timestamper.x', 'very-slow-sleep.y -> timestamper.y', 'timestamper.timestamp -> save-results.timestamp'],
    });
    const { result, events } = await runForTest(spec, createRegistry());
    expect(result.status).toBe('completed');
    const sleeps = events.flatMap((e) => (e.kind === 'step' && e.component.includes('sleep') ? [e] : []));
    expect(sleeps).toHaveLength(6);
    for (const s of sleeps) expect(s.end - s.start).toBeGreaterThanOrEqual(s.component === 'slow-sleep' ? 19.5 : 39.5);
    const sorted = [...sleeps].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
    expect(result.files['ray.csv']!.split('\n').filter(Boolean)).toHaveLength(4);
    // Slow steps yield after each step, so downstream work interleaves with the sleeps.
    const firstStamp = events.find((e) => e.kind === 'step' && e.component === 'timestamper');
    expect(firstStamp && firstStamp.kind === 'step' && firstStamp.start).toBeLessThan(sorted[sorted.length - 1]!.start);
  });
});

describe('blockingSleep without SharedArrayBuffer', () => {
  it('busy-waits and warns once per listener', async () => {
    const { vi } = await import('vitest');
    vi.resetModules();
    const saved = globalThis.SharedArrayBuffer;
    (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer = undefined;
    try {
      const mod = await import('./blockingSleep.ts');
      const warnings: string[] = [];
      const off = mod.onBlockingSleepFallback((m) => warnings.push(m));
      expect(mod.blockingSleep(2)).toBe('busy-wait');
      expect(mod.blockingSleep(1)).toBe('busy-wait');
      off();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/busy-wait/);
    } finally {
      globalThis.SharedArrayBuffer = saved;
    }
  });
});
