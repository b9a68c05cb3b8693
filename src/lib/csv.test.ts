import { describe, expect, it } from 'vitest';
import { formatPython } from '../runtime/python.ts';
import { formatCsv, formatCsvCell } from './csv.ts';

describe('formatCsv', () => {
  it('writes a header, one line per row and a final newline', () => {
    expect(formatCsv(['x', 'y'], [[1, 2], [3, 4]], formatPython)).toBe('x,y\n1,2\n3,4\n');
    expect(formatCsv(null, [[1, 2]], formatPython)).toBe('1,2\n');
    expect(formatCsv(null, [], formatPython)).toBe('');
    expect(formatCsv(['x'], [], formatPython)).toBe('x\n');
  });

  it('formats cells as pandas does: empty for null and NaN, True/False, Python reprs', () => {
    expect(formatCsv(['a', 'b', 'c', 'd', 'e'], [[null, undefined, Number.NaN, true, 1e-5]], formatPython)).toBe('a,b,c,d,e\n,,,True,1e-05\n');
    expect(formatCsvCell({ k: 'v' }, formatPython)).toBe("{'k': 'v'}");
    expect(formatCsvCell([1, 'a'], formatPython)).toBe("[1, 'a']");
  });

  it('quotes cells holding commas, quotes or line breaks, and only those', () => {
    expect(formatCsv(null, [['a,b', 'say "hi"', 'two\nlines', 'plain']], formatPython)).toBe('"a,b","say ""hi""","two\nlines",plain\n');
  });
});
