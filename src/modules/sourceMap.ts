/**
 * A minimal reader for version-3 source maps, enough to map a position in sucrase's output back to
 * the module source. Sucrase keeps line numbers, so this mostly corrects columns (type annotations
 * removed, imports rewritten); it is still exact rather than assumed.
 */

/** The parts of a version-3 source map this reader needs (sucrase's `RawSourceMap` fits). */
export interface RawSourceMapLike {
  readonly mappings: string;
}

/** One segment: generated column → original line/column (all 0-based). */
interface Segment {
  readonly genColumn: number;
  readonly line: number;
  readonly column: number;
}

export interface SourceMapReader {
  /**
   * Maps a 1-based generated line and 1-based column to a 1-based original line and column, using
   * the closest segment at or before the column on that line.
   */
  originalPosition(line: number, column: number): { line: number; column: number } | undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((ch, i) => [ch, i] as const));

function decodeVlqGroup(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64_VALUE.get(ch);
    if (digit === undefined) throw new Error(`Invalid base64 digit in source map: ${ch}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let line = 0;
  let column = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Segment[] = [];
    let genColumn = 0;
    for (const group of lineText.split(',')) {
      if (group === '') continue;
      const [dGen = 0, , dLine, dColumn] = decodeVlqGroup(group);
      genColumn += dGen;
      if (dLine === undefined || dColumn === undefined) continue; // segment without a source
      line += dLine;
      column += dColumn;
      segments.push({ genColumn, line, column });
    }
    segments.sort((a, b) => a.genColumn - b.genColumn);
    lines.push(segments);
  }
  return lines;
}

/**
 * @example
 * const reader = createSourceMapReader(compiled.map);
 * reader.originalPosition(3, 28); // { line: 3, column: 21 }
 */
export function createSourceMapReader(map: RawSourceMapLike): SourceMapReader {
  const lines = decodeMappings(map.mappings);
  return {
    originalPosition(line, column) {
      const segments = lines[line - 1];
      if (!segments || segments.length === 0) return undefined;
      let best: Segment | undefined;
      for (const segment of segments) {
        if (segment.genColumn > column - 1) break;
        best = segment;
      }
      const chosen = best ?? segments[0]!;
      // Offset within the segment is kept, since sucrase copies a token's text unchanged.
      const within = best ? column - 1 - best.genColumn : 0;
      return { line: chosen.line + 1, column: chosen.column + within + 1 };
    },
  };
}
