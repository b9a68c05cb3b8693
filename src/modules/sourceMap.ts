/**
 * Maps a position in sucrase's output back to the module source, through a version-3 source map
 * decoded by @jridgewell/trace-mapping. Sucrase keeps line numbers, so this mostly corrects columns
 * (type annotations removed, imports rewritten); it is still exact rather than assumed.
 */
import { TraceMap, decodedMappings, traceSegment } from '@jridgewell/trace-mapping';

/** The parts of a version-3 source map this reader needs (sucrase's `RawSourceMap` fits). */
export interface RawSourceMapLike {
  readonly mappings: string;
  readonly sources?: readonly string[];
  readonly names?: readonly string[];
}

export interface SourceMapReader {
  /**
   * Maps a 1-based generated line and 1-based column to a 1-based original line and column, using
   * the closest segment at or before the column on that line (the line's first segment when the
   * column lies before it).
   */
  originalPosition(line: number, column: number): { line: number; column: number } | undefined;
}

/**
 * @example
 * const reader = createSourceMapReader(compiled.map);
 * reader.originalPosition(3, 28); // { line: 3, column: 21 }
 */
export function createSourceMapReader(map: RawSourceMapLike): SourceMapReader {
  const trace = new TraceMap({
    version: 3,
    sources: [...(map.sources ?? [''])],
    names: [...(map.names ?? [])],
    mappings: map.mappings,
  });
  const lines = decodedMappings(trace);
  return {
    originalPosition(line, column) {
      const mapped = lines[line - 1]?.filter((segment) => segment.length >= 4);
      if (!mapped || mapped.length === 0) return undefined;
      // traceSegment takes a 0-based line and column and finds the segment at or before the column.
      const found = traceSegment(trace, line - 1, column - 1);
      const chosen = found && found.length >= 4 ? found : mapped[0]!;
      // Offset within the segment is kept, since sucrase copies a token's text unchanged.
      const within = chosen === found ? column - 1 - chosen[0] : 0;
      return { line: chosen[2]! + 1, column: chosen[3]! + within + 1 };
    },
  };
}
