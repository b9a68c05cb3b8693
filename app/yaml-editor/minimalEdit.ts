import { changedSpan } from '../../src/yaml/changedSpan.ts';

/**
 * The single span that turns `a` into `b` (src's `changedSpan`): common prefix and suffix are kept,
 * so applying it to an editor leaves the cursor, folding and undo stack of untouched lines alone.
 */
export function minimalEdit(a: string, b: string): { start: number; end: number; text: string } {
  return changedSpan(a, b);
}
