import { describe, expect, it } from 'vitest';
import { isConfined, permissionFlags } from './confine.ts';

describe('confined run flags', () => {
  it('reads only the given folders (outermost of nested ones), writes only --out-dir', () => {
    const flags = permissionFlags(['/m', '/m/modules', '/data/'], '/m/out', false);
    const reads = flags.filter((f) => f.startsWith('--allow-fs-read=')).map((f) => f.slice('--allow-fs-read='.length));
    // Node 20 drops the grant of a folder itself when a folder inside it is granted too.
    expect(reads.filter((r) => !r.endsWith('node_modules'))).toEqual(['/m', '/data']);
    expect(flags.filter((f) => f.startsWith('--allow-fs-write='))).toEqual(['--allow-fs-write=/m/out']);
    expect(flags[0]).toMatch(/^--(experimental-)?permission$/);
    expect(flags).not.toContain('--allow-worker');
    expect(flags.some((f) => f.startsWith('--allow-child-process') || f.startsWith('--allow-addons'))).toBe(false);
  });

  it('allows worker threads only for parallel runs', () => {
    expect(permissionFlags([], '/o', true)).toContain('--allow-worker');
  });

  it('is not confined inside vitest', () => {
    expect(isConfined()).toBe(false);
  });
});
