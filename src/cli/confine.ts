/**
 * `process run` executes user module code, so it runs under Node's permission model: the CLI
 * bundles itself (and the worker entries) with esbuild, then re-spawns Node on the bundle with
 * `--experimental-permission`, reading only the model's folder, the module folder, `--allow-read`
 * folders, `--out-dir` and the tool's own files; writing only `--out-dir`; worker threads only for
 * parallel runs; no child processes, no native addons. `--unconfined` skips this for trusted code.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleInto, WORKER_ENTRY_FILES } from '../node/bundleWorker.node.ts';

/** True in the re-spawned child (Node's permission model is on). */
export function isConfined(): boolean {
  return (process as unknown as { permission?: unknown }).permission !== undefined;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = `${ROOT}node_modules/.cache/plugboard-cli/`;

/** Bundles the CLI and the worker entries into a folder of this process (removed on exit). */
function bundle(): string {
  return bundleInto(CACHE, [fileURLToPath(new URL('./main.ts', import.meta.url)), ...WORKER_ENTRY_FILES]);
}

/** Node flags for the confined child. */
export function permissionFlags(reads: readonly string[], outDir: string, workers: boolean): string[] {
  // Node 20 loses the grant of a folder itself when a folder inside it is granted too: keep outermost.
  const all = [...new Set([`${ROOT}node_modules`, ...reads, outDir].map((p) => p.replace(/\/+$/, '')))];
  const readable = all.filter((p) => !all.some((q) => q !== p && p.startsWith(`${q}/`)));
  // Node 20 spells it --experimental-permission; Node 22.13+ also (and later only) --permission.
  const flag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  return [flag, ...readable.map((p) => `--allow-fs-read=${p}`), `--allow-fs-write=${outDir}`, ...(workers ? ['--allow-worker'] : []), '--disable-warning=ExperimentalWarning', '--disable-warning=SecurityWarning'];
}

/**
 * Runs the same command again, confined (`workers`: allow worker threads, for parallel runs);
 * resolves with the child's exit code. SIGINT, SIGTERM and
 * SIGHUP are passed on, so the child stops the run and keeps what it wrote.
 * @example process.exit(await runConfined(argv, ['/models'], '/tmp/out'))
 */
export async function runConfined(argv: readonly string[], reads: readonly string[], outDir: string, workers: boolean): Promise<number> {
  let dir: string;
  try {
    dir = bundle();
  } catch (error) {
    process.stderr.write(`plugboard: could not prepare the confined run (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); for code you trust, pass --unconfined\n`);
    return 1;
  }
  mkdirSync(outDir, { recursive: true });
  const child = spawn(process.execPath, [...permissionFlags([dir, ...reads], outDir, workers), `${dir}main.mjs`, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, PLUGBOARD_WORKER_DIR: dir, INIT_CWD: '' },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward(signal));
  return new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`plugboard: could not start the confined run: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + (signal === 'SIGKILL' ? 9 : 15) : 1)));
  });
}
