// Which module sources the user has agreed to run. Loading a YAML or a project never runs code:
// a module's code is evaluated (in a worker) only once the user wrote it here, opened it as an
// example, created it as a stub, pressed "Load types", or pressed Run. Approvals are remembered per
// exact source in this browser, so a reload of the user's own work needs no second click.

const STORAGE_KEY = 'plugboard-studio:approved-modules';
const MAX_REMEMBERED = 300;

/** FNV-1a over file name and source; enough to recognise text the user approved before. */
export function sourceFingerprint(file: string, source: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const text = `${file}\u0000${source}`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}:${text.length}`;
}

export interface Approvals {
  isApproved(file: string, source: string): boolean;
  approve(modules: readonly { file: string; source: string }[]): void;
  subscribe(listener: () => void): () => void;
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** @example const approvals = createApprovals(localStorage); approvals.approve([{ file, source }]); */
export function createApprovals(storage: StorageLike | null): Approvals {
  // Remembered across reloads: the latest approved fingerprint per file. This session: all of them.
  let latest: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) latest = parsed as Record<string, string>;
  } catch {
    latest = {};
  }
  const session = new Set(Object.values(latest));
  const listeners = new Set<() => void>();
  return {
    isApproved: (file, source) => session.has(sourceFingerprint(file, source)),
    approve(modules) {
      let changed = false;
      for (const m of modules) {
        const key = sourceFingerprint(m.file, m.source);
        if (latest[m.file] !== key) latest = { ...latest, [m.file]: key };
        if (!session.has(key)) changed = true;
        session.add(key);
      }
      const files = Object.keys(latest);
      if (files.length > MAX_REMEMBERED) latest = Object.fromEntries(files.slice(-MAX_REMEMBERED).map((f) => [f, latest[f]!]));
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify(latest));
      } catch {
        // Storage full or blocked: approvals still hold for this session.
      }
      if (changed) for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
