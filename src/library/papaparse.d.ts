// Minimal types for papaparse's entry file. Importing 'papaparse' would pull @types/papaparse, which
// references Node's types; src/ must type-check without them.
declare module 'papaparse/papaparse.js' {
  interface ParseResult {
    data: unknown[];
    errors: { message: string; row?: number }[];
    meta: { fields?: string[] };
  }
  const Papa: {
    parse(text: string, config: { header?: boolean; skipEmptyLines?: boolean | 'greedy'; dynamicTyping?: boolean }): ParseResult;
    unparse(data: readonly (readonly unknown[])[], config?: { newline?: string; header?: boolean }): string;
  };
  export default Papa;
}
