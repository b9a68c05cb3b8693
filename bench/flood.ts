/**
 * `npm run bench -- flood [--rows 1000000,5000000] [--json]`: peak memory of a CLI run that writes
 * many rows (issue 13 item 3). Each run is `process run` on a two-component model (hello_world.A →
 * FileWriter) in local and in parallel mode, measured with GNU time (`%M`, the largest resident set
 * of the CLI process tree). Goal: flat and under 300 MB, because rows stream to disk.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const MAIN = new URL('../src/cli/main.ts', import.meta.url).pathname;

function model(rows: number): string {
  return `plugboard:
  process:
    args:
      components:
      - {type: hello_world.A, args: {name: a, iters: ${rows}}}
      - {type: plugboard.library.file_io.FileWriter, args: {name: w, path: rows.csv, field_names: [x], chunk_size: 1000}}
      connectors:
      - {source: a.out_1, target: w.x}
`;
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path)) for (const byte of chunk as Buffer) if (byte === 10) n++;
  return n;
}

async function floodOnce(rows: number, mode: 'local' | 'ray'): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-flood-'));
  try {
    writeFileSync(join(dir, 'model.yaml'), model(rows));
    const t0 = performance.now();
    const args = ['-f', 'peak_kb=%M', process.execPath, '--import', 'tsx', MAIN, 'process', 'run', join(dir, 'model.yaml'), '--out-dir', join(dir, 'out'), '--process-type', mode];
    const child = spawn('/usr/bin/time', args, { env: { ...process.env, INIT_CWD: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const wall_s = (performance.now() - t0) / 1000;
    const peak = /peak_kb=(\d+)/.exec(stderr);
    if (code !== 0 || !peak) throw new Error(`flood ${mode} ${rows}: exit ${code}\n${stderr.slice(-2000)}`);
    const file = join(dir, 'out', 'rows.csv');
    const lines = existsSync(file) ? await countLines(file) : 0;
    return { bench: 'flood', mode: mode === 'ray' ? 'parallel' : 'local', rows, rows_on_disk: lines - 1, peak_rss_mb: Math.round(Number(peak[1]) / 1024), wall_s: Number(wall_s.toFixed(1)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Entry from bench/run.ts. */
export async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json');
  const at = argv.indexOf('--rows');
  const counts = at >= 0 ? (argv[at + 1] ?? '').split(',').map(Number) : [1_000_000, 5_000_000];
  if (!existsSync('/usr/bin/time')) throw new Error('flood needs GNU time at /usr/bin/time (apt-get install time)');
  for (const rows of counts) {
    for (const mode of ['local', 'ray'] as const) {
      const record = await floodOnce(rows, mode);
      console.log(json ? JSON.stringify(record) : Object.entries(record).map(([k, v]) => `${k}=${v}`).join('  '));
    }
  }
}
