/** Asks the shell to show the Tune view (the side tabs live in App; the inspector's Tune actions call this). */
const listeners = new Set<() => void>();

export function openTuneView(): void {
  for (const listener of listeners) listener();
}

/** @example useEffect(() => onOpenTuneView(() => setTab('tune')), []); */
export function onOpenTuneView(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
