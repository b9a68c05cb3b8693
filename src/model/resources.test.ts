import { describe, expect, it } from 'vitest';
import { parseQuantity, parseResources, rayActorOptions } from './resources.ts';

describe('parseResources (spec §11)', () => {
  it('matches the 004 resources-example expectations', () => {
    expect(parseResources({ cpu: 1.0 })).toEqual({ ok: true, value: { cpu: 1, gpu: 0, memory: 0, resources: {} } });
    expect(parseResources({ cpu: 2.0, memory: '512Mi' })).toEqual({ ok: true, value: { cpu: 2, gpu: 0, memory: 536870912, resources: {} } });
    const gpu = parseResources({ cpu: '500m', gpu: 1, resources: { custom_hardware: 2 } });
    expect(gpu).toEqual({ ok: true, value: { cpu: 0.5, gpu: 1, memory: 0, resources: { custom_hardware: 2 } } });
    if (gpu.ok) expect(rayActorOptions(gpu.value)).toEqual({ num_cpus: 0.5, num_gpus: 1, resources: { custom_hardware: 2 } });
  });

  it('defaults, suffixes and rejections', () => {
    expect(parseResources(null)).toEqual({ ok: true, value: { cpu: 0.001, gpu: 0, memory: 0, resources: {} } });
    expect(parseQuantity('250m')).toBe(0.25);
    expect(parseQuantity(' 100Mi ')).toBe(104857600);
    expect(parseQuantity('2k')).toBe(2000);
    expect(parseQuantity('1Ki')).toBe(1024);
    for (const bad of ['-1', '1e3', '.5', '5mi', '5 m', '']) expect(parseQuantity(bad)).toBeUndefined();
    expect(parseResources({ memory: '1.5k' })).toEqual({ ok: true, value: { cpu: 0.001, gpu: 0, memory: 1500, resources: {} } });
    const r = parseResources({ cpu: 'x', disk: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.key)).toEqual(['disk', 'cpu']);
    expect(rayActorOptions({ cpu: 0, gpu: 0, memory: 0, resources: {} })).toEqual({ num_cpus: 0.001 });
  });
});
