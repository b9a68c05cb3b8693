import { transform } from 'sucrase';
import { describe, expect, it } from 'vitest';
import { createSourceMapReader } from './sourceMap.ts';

const source = [
  'import { Component } from "plugboard";', // 1
  'export function area(width: number, height: number): number {', // 2
  '  const result: number = width * height;', // 3
  '  return result;', // 4
  '}', // 5
].join('\n');

function compiled() {
  const out = transform(source, { transforms: ['typescript', 'imports'], sourceMapOptions: { compiledFilename: 'm.js' }, filePath: 'm.ts' });
  return { code: out.code, map: out.sourceMap! };
}

describe('createSourceMapReader', () => {
  it('maps a token in the compiled code back to the same token in the source', () => {
    const { code, map } = compiled();
    const reader = createSourceMapReader(map);
    const lines = code.split('\n');
    const genLine = lines.findIndex((l) => l.includes('width * height')) + 1;
    const genColumn = lines[genLine - 1]!.indexOf('width * height') + 1;
    // Type annotations were removed, so the generated column differs from the source column.
    expect(genColumn).not.toBe(source.split('\n')[2]!.indexOf('width * height') + 1);
    expect(reader.originalPosition(genLine, genColumn)).toEqual({ line: 3, column: source.split('\n')[2]!.indexOf('width * height') + 1 });
    const returnLine = lines.findIndex((l) => l.includes('return result')) + 1;
    const returnColumn = lines[returnLine - 1]!.indexOf('result;') + 1;
    expect(reader.originalPosition(returnLine, returnColumn)).toEqual({ line: 4, column: 10 });
  });

  it('decodes multi-digit VLQ values and negative deltas', () => {
    // Segments (0-based, absolute): line 1 col 0 -> 0:0 and col 20 -> 40:35; line 2 col 0 -> 0:40.
    // Encoded as deltas: "oBAwCmC" = [+20, 0, +40, +35], "AAxCK" = [0, 0, -40, +5].
    const reader = createSourceMapReader({ mappings: 'AAAA,oBAwCmC;AAxCK', sources: ['x.ts'], names: [] });
    expect(reader.originalPosition(1, 1)).toEqual({ line: 1, column: 1 });
    expect(reader.originalPosition(1, 21)).toEqual({ line: 41, column: 36 });
    expect(reader.originalPosition(1, 25)).toEqual({ line: 41, column: 40 });
    expect(reader.originalPosition(2, 1)).toEqual({ line: 1, column: 41 });
  });

  it('returns undefined for a line without mappings', () => {
    const reader = createSourceMapReader({ mappings: 'AAAA;;' });
    expect(reader.originalPosition(2, 1)).toBeUndefined();
    expect(reader.originalPosition(9, 1)).toBeUndefined();
  });
});
