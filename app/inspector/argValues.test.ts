import { describe, expect, it } from 'vitest';
import { formatArg, parseArg, parseInitialValues } from './argValues.ts';

describe('inspector arg values', () => {
  it('validates numbers and integers as you type', () => {
    expect(parseArg('number', '0.5', true)).toEqual({ ok: true, value: 0.5 });
    expect(parseArg('number', 'abc', true)).toEqual({ ok: false, message: 'Enter a number' });
    expect(parseArg('integer', '1.5', true).ok).toBe(false);
    expect(parseArg('integer', '', true)).toEqual({ ok: false, message: 'Required' });
    expect(parseArg('integer', '', false)).toEqual({ ok: true, value: undefined });
  });
  it('reads lists as comma-separated text and round-trips them', () => {
    expect(parseArg('string-list', 'timestamp, x', true)).toEqual({ ok: true, value: ['timestamp', 'x'] });
    expect(parseArg('number-list', '[1, 2.5]', true)).toEqual({ ok: true, value: [1, 2.5] });
    expect(parseArg('number-list', '1, a', true).ok).toBe(false);
    expect(formatArg('string-list', ['a', 'b'])).toBe('a, b');
  });
  it('reads mappings and initial values as YAML flow values', () => {
    expect(parseArg('mapping', '{a: 1}', false)).toEqual({ ok: true, value: { a: 1 } });
    expect(parseArg('mapping', '[1]', false).ok).toBe(false);
    expect(parseInitialValues('[0]')).toEqual({ ok: true, value: [0] });
    expect(parseInitialValues('0').ok).toBe(false);
    expect(parseInitialValues('')).toEqual({ ok: true, value: undefined });
  });
});
