import { describe, expect, it } from 'vitest';
import { readDocument } from './readDocument.ts';

describe('PyYAML booleans', () => {
  it('keeps single-letter y/n as strings, like PyYAML, while yes/no/on/off stay booleans', () => {
    const { data } = readDocument('a: [y, n, Y, N, yes, No, on, OFF, true]\n');
    expect(data).toEqual({ a: ['y', 'n', 'Y', 'N', true, false, true, false, true] });
  });
});
