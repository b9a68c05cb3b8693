/**
 * Worker start-up in Node: a TypeScript entry loaded through tsx is transpiled module by module in
 * EVERY worker (≈170 ms idle, seconds on a busy machine). So the worker entries are bundled once per
 * process with esbuild (which tsx already depends on), with code splitting so that the module
 * compiler (sucrase) loads only in workers that evaluate user modules. Bare imports stay external
 * and resolve from node_modules, next to which the bundle is written. Falls back to the tsx
 * bootstrap (also with PLUGBOARD_WORKER_TSX=1).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRIES = ['componentWorker.node.ts', 'localWorker.node.ts', 'tuneWorker.node.ts'];

/** The Node worker entries (absolute paths): bundled here, and by the confined CLI (src/cli/confine.ts). */
export const WORKER_ENTRY_FILES: readonly string[] = ENTRIES.map((e) => fileURLToPath(new URL(`./${e}`, import.meta.url)));

interface EsbuildLike {
  buildSync(options: Record<string, unknown>): unknown;
}

/**
 * Bundles `entryPoints` (ESM, code splitting, bare imports external) into `<cacheDir><pid>/`, removed
 * when this process exits; bundles of processes that ended without their exit hook (killed test
 * workers) are removed first. Returns the folder; throws when esbuild is unavailable.
 * @example const dir = bundleInto(cache, [...WORKER_ENTRY_FILES]); // dir + 'localWorker.node.mjs'
 */
export function bundleInto(cacheDir: string, entryPoints: readonly string[]): string {
  const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildLike;
  const outDir = `${cacheDir}${process.pid}/`;
  mkdirSync(outDir, { recursive: true });
  for (const entry of readdirSync(cacheDir)) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(`${cacheDir}${entry}`, { recursive: true, force: true });
    }
  }
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  esbuild.buildSync({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: outDir,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  return outDir;
}

const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/plugboard-workers/', import.meta.url));
let outDir: string | null | undefined;

function build(): string | null {
  if (process.env.PLUGBOARD_WORKER_TSX) return null;
  try {
    return bundleInto(cacheDir, WORKER_ENTRY_FILES);
  } catch {
    return null;
  }
}

/**
 * The bundled entry, or null when bundling is unavailable (then use the tsx bootstrap).
 * @example const url = bundledWorkerEntry(new URL('./componentWorker.node.ts', import.meta.url));
 */
export function bundledWorkerEntry(entry: URL): URL | null {
  const name = fileURLToPath(entry).split('/').pop()!;
  if (!ENTRIES.includes(name)) return null;
  // The confined CLI run (src/cli/confine.ts) bundles the workers before it drops its rights.
  if (process.env.PLUGBOARD_WORKER_DIR) return pathToFileURL(`${process.env.PLUGBOARD_WORKER_DIR}${name.replace(/\.ts$/, '.mjs')}`);
  if (outDir === undefined) outDir = build();
  return outDir === null ? null : pathToFileURL(`${outDir}${name.replace(/\.ts$/, '.mjs')}`);
}
