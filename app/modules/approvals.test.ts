import { describe, expect, it } from 'vitest';
import { createApprovals } from './approvals.ts';

describe('approvals', () => {
  it('remember the latest approved source per file across reloads, not other sources', () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
    const first = createApprovals(storage);
    let notified = 0;
    first.subscribe(() => notified++);
    first.approve([{ file: 'a.ts', source: 'v1' }]);
    first.approve([{ file: 'a.ts', source: 'v2' }]);
    expect(first.isApproved('a.ts', 'v1')).toBe(true);
    expect(notified).toBe(2);
    const reloaded = createApprovals(storage);
    expect(reloaded.isApproved('a.ts', 'v2')).toBe(true);
    expect(reloaded.isApproved('a.ts', 'v1')).toBe(false);
    expect(reloaded.isApproved('b.ts', 'v2')).toBe(false);
  });
});
