/**
 * Edits typed into an editor but not yet saved to the store (module editors save after a short
 * pause). Run saves them first, so a run never uses older code than the editor shows.
 */
const pending = new Set<() => void>();

/** Registers `save` until it runs or the returned function is called. */
export function holdPendingEdit(save: () => void): () => void {
  pending.add(save);
  return () => pending.delete(save);
}

/** Saves every pending edit now. */
export function flushPendingEdits(): void {
  for (const save of [...pending]) save();
}
