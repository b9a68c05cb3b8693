/**
 * The run history database (IndexedDB via `idb`): database "plugboard-studio-runs", two object
 * stores sharing ids — `summaries` (small, listed) and `results` (rows, bars, file texts; read when a
 * run is opened). The newest MAX_RUNS runs are kept.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunResults, RunSummary, StoredRun } from './snapshot.ts';

export const DB_NAME = 'plugboard-studio-runs';
export const MAX_RUNS = 20;

interface RunsSchema extends DBSchema {
  summaries: { key: number; value: RunSummary };
  results: { key: number; value: RunResults };
}

export interface HistoryDb {
  /** Saves a run and drops the oldest beyond MAX_RUNS; returns the new id. */
  add(run: StoredRun): Promise<number>;
  /** Newest first. */
  list(): Promise<RunSummary[]>;
  results(id: number): Promise<RunResults | undefined>;
  remove(id: number): Promise<void>;
  close(): void;
}

/** Opens the database; rejects when IndexedDB is missing or refuses (private mode, policy). */
export async function openHistoryDb(): Promise<HistoryDb> {
  if (typeof indexedDB === 'undefined' || indexedDB === null) throw new Error('IndexedDB is not available in this browser window');
  const db: IDBPDatabase<RunsSchema> = await openDB<RunsSchema>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('summaries', { keyPath: 'id', autoIncrement: true });
      d.createObjectStore('results', { keyPath: 'id' });
    },
  });
  return {
    async add(run) {
      const tx = db.transaction(['summaries', 'results'], 'readwrite');
      const summaries = tx.objectStore('summaries');
      // The id comes from the summaries store's key generator; results reuse it.
      const id = await summaries.add(run.summary as RunSummary);
      await tx.objectStore('results').put({ ...run.results, id });
      const keys = await summaries.getAllKeys();
      for (const old of keys.slice(0, Math.max(0, keys.length - MAX_RUNS))) {
        await summaries.delete(old);
        await tx.objectStore('results').delete(old);
      }
      await tx.done;
      return id;
    },
    async list() {
      return (await db.getAll('summaries')).reverse();
    },
    results: (id) => db.get('results', id),
    async remove(id) {
      const tx = db.transaction(['summaries', 'results'], 'readwrite');
      await Promise.all([tx.objectStore('summaries').delete(id), tx.objectStore('results').delete(id), tx.done]);
    },
    close: () => db.close(),
  };
}

/** A storage error as a sentence for the user. */
export function storageMessage(err: unknown): string {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return 'Run history: the browser storage is full, so this run was not kept. Delete old runs in Output → Runs.';
  const message = err instanceof Error ? err.message : String(err);
  return `Run history is not available (${message}); runs still work but are not kept.`;
}
