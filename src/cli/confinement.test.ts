import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = new URL('./main.ts', import.meta.url).pathname;
const HOSTILE = new URL('./testdata/hostile.ts', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', env: { ...process.env, INIT_CWD: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder with model.yaml made of these component lines (and connectors). */
function modelDir(components: string[], connectors: string[] = []): { dir: string; file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pb-conf-'));
  const file = join(dir, 'model.yaml');
  const lines = ['plugboard:', '  process:', '    args:', '      components:', ...components.map((c) => `      - ${c}`)];
  if (connectors.length) lines.push('      connectors:', ...connectors.map((c) => `      - ${c}`));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { dir, file, out: join(dir, 'out') };
}

const counter = (name: string, path: string) => `{type: hello_world.A, args: {name: ${name}, iters: 3}}`;
const save = (name: string, path: string) => `{type: components.Save, args: {name: ${name}, path: '${path}'}}`;

describe('output paths stay inside --out-dir', () => {
  it.each([['../escape.txt'], ['/tmp/pb-absolute-escape.txt'], ['a/../../escape.txt']])('%s is a located error in validate and run, and nothing is written', (path) => {
    const { dir, file, out } = modelDir([counter('a', ''), save('s', path)], ['{source: a.out_1, target: s.value_to_save}']);
    const validate = cli(['process', 'validate', file, '--out-dir', out]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(new RegExp(`${file}:6:\\d+: Component 's': the output path '${path.replace(/\./g, '\\.')}' (leaves --out-dir|is absolute)`));
    const run = cli(['process', 'run', file, '--out-dir', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Component 's'");
    expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
    expect(existsSync('/tmp/pb-absolute-escape.txt')).toBe(false);
  });

  it('does not follow a symlink in --out-dir that leads out of it', () => {
    const { dir, file, out } = modelDir([counter('a', ''), save('s', 'link/x.txt')], ['{source: a.out_1, target: s.value_to_save}']);
    const outside = mkdtempSync(join(tmpdir(), 'pb-outside-'));
    mkdirSync(out);
    symlinkSync(outside, join(out, 'link'));
    const r = cli(['process', 'run', file, '--out-dir', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model\.yaml:6:\d+: .*symlink/);
    expect(existsSync(join(outside, 'x.txt'))).toBe(false);
    expect(dir).toBeTruthy();
  });

  it('two writers of one file (same.csv and ./same.csv) is a located validation error', () => {
    const { file } = modelDir([counter('a', ''), save('s1', 'same.csv'), save('s2', './same.csv')], ['{source: a.out_1, target: s1.value_to_save}', '{source: a.out_1, target: s2.value_to_save}']);
    const r = cli(['process', 'validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file}:7:\\d+: Components 's1' and 's2' both write './same.csv'`));
  });

  it('an --out-dir under /proc is refused at once', () => {
    const { file } = modelDir([counter('a', ''), save('s', 'x.txt')], ['{source: a.out_1, target: s.value_to_save}']);
    const r = cli(['process', 'run', file, '--out-dir', '/proc/self']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is under /proc');
  });

  it('a file inside a path another writer writes as a file is a located validation error', () => {
    const { file } = modelDir([counter('a', ''), save('first', 'blocked'), save('second', 'blocked/x.txt')], ['{source: a.out_1, target: first.value_to_save}', '{source: a.out_1, target: second.value_to_save}']);
    const r = cli(['process', 'validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file}:7:\\d+: Component 'second' writes 'blocked/x\\.txt', but component 'first' writes a file where one of them needs a folder`));
  });

  it('one file that cannot be written fails alone with a located message; the others are written', () => {
    // 'blocked' is a file already in --out-dir, so 'blocked/x.txt' (a path validation cannot see) fails.
    const { dir, file, out } = modelDir([counter('a', ''), '{type: hostile.StoreWriter, args: {name: second, target: blocked/x.txt}}', save('third', 'fine.txt')], [
      '{source: a.out_1, target: second.value}',
      '{source: a.out_1, target: third.value_to_save}',
    ]);
    copyFileSync(HOSTILE, join(dir, 'hostile.ts'));
    mkdirSync(out);
    writeFileSync(join(out, 'blocked'), 'already here\n');
    const r = cli(['process', 'run', file, '--out-dir', out, '--process-type', 'local']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file}:6:\\d+: component 'second' could not write 'blocked/x\\.txt': (ENOTDIR|EEXIST)`));
    expect(readFileSync(join(out, 'fine.txt'), 'utf8')).toBe('0\n1\n2\n');
    expect(readFileSync(join(out, 'blocked'), 'utf8')).toBe('already here\n');
  });
});

describe('inputs are read only inside the allowed folders', () => {
  const reader = (path: string) => `{type: plugboard.library.file_io.FileReader, args: {name: r, path: '${path}', field_names: [x]}}`;
  const writer = '{type: plugboard.library.file_io.FileWriter, args: {name: w, path: copy.csv, field_names: [x]}}';

  it('a FileReader outside the YAML folder fails without echoing the file; --allow-read DIR allows it', () => {
    const secretDir = mkdtempSync(join(tmpdir(), 'pb-secret-'));
    writeFileSync(join(secretDir, 'secret.csv'), 'x\nTOPSECRET\n');
    const { file, out } = modelDir([reader(join(secretDir, 'secret.csv')), writer], ['{source: r.x, target: w.x}']);
    const refused = cli(['process', 'run', file, '--out-dir', out, '--process-type', 'local']);
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).not.toContain('TOPSECRET');
    expect(existsSync(join(out, 'copy.csv')) ? readFileSync(join(out, 'copy.csv'), 'utf8') : '').not.toContain('TOPSECRET');
    const allowed = cli(['process', 'run', file, '--out-dir', out, '--process-type', 'local', '--allow-read', secretDir]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(readFileSync(join(out, 'copy.csv'), 'utf8')).toBe('x\nTOPSECRET\n');
  });

  it("a 'process:' reference to a file outside the folder is refused and its content is not printed", () => {
    const secretDir = mkdtempSync(join(tmpdir(), 'pb-secret-'));
    writeFileSync(join(secretDir, 'notes.txt'), 'root:x:0:0:TOPSECRET:/root:/bin/bash\n');
    const dir = mkdtempSync(join(tmpdir(), 'pb-conf-'));
    writeFileSync(join(dir, 'model.yaml'), `plugboard:\n  process: ${join(secretDir, 'notes.txt')}\n`);
    const r = cli(['process', 'validate', join(dir, 'model.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('could not be read');
    expect(r.stderr).not.toContain('TOPSECRET');
  });

  it("a 'process:' reference to a non-model file in the folder says so without quoting it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-conf-'));
    writeFileSync(join(dir, 'notes.txt'), 'root:x:0:0:TOPSECRET:/root:/bin/bash\nmore TOPSECRET\n');
    writeFileSync(join(dir, 'model.yaml'), 'plugboard:\n  process: notes.txt\n');
    const r = cli(['process', 'validate', join(dir, 'model.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("has no 'plugboard.process' section");
    expect(r.stderr).not.toContain('TOPSECRET');
  });
});

describe('user module code is confined', () => {
  function hostile(type: string) {
    const setup = modelDir([`{type: hostile.${type}, args: {name: h}}`, save('s', 'out.txt')], ['{source: h.n, target: s.value_to_save}']);
    copyFileSync(HOSTILE, join(setup.dir, 'hostile.ts'));
    const marker = join(mkdtempSync(join(tmpdir(), 'pb-marker-')), 'marker');
    return { ...setup, marker };
  }

  it('validate and diagram never run module top-level code', () => {
    const { file, marker } = hostile('Spawn');
    const env = { PB_MARKER: marker, PB_TOP_LEVEL: '1' };
    expect(cli(['process', 'validate', file], env).code).toBe(0);
    expect(cli(['process', 'diagram', file, '--plain'], env).stdout).toContain('Spawn<br>**h**');
    expect(existsSync(marker)).toBe(false);
  });

  it.each([['Spawn', 'child process'], ['Write', 'write outside --out-dir']])('run refuses a module that tries to %s (%s)', (type) => {
    const { file, out, marker } = hostile(type);
    const r = cli(['process', 'run', file, '--out-dir', out], { PB_MARKER: marker });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ERR_ACCESS_DENIED|restricted|denied/i);
    expect(existsSync(marker)).toBe(false);
  });

  it('run also refuses module top-level code writing outside --out-dir; --unconfined trusts it', () => {
    const { file, out, marker } = hostile('Write');
    const confined = cli(['process', 'run', file, '--out-dir', out, '--process-type', 'local'], { PB_MARKER: marker, PB_TOP_LEVEL: '1' });
    expect(confined.code).toBe(1);
    expect(existsSync(marker)).toBe(false);
    const trusted = cli(['process', 'run', file, '--out-dir', out, '--process-type', 'local', '--unconfined'], { PB_MARKER: marker, PB_TOP_LEVEL: '1' });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('written from a step');
  });
});

describe('process tune runs its trials confined', () => {
  /** A tuned counter next to a component that spawns a child process in its step. */
  function tuneModel(): { file: string; marker: string } {
    const { dir, file } = modelDir([counter('a', ''), '{type: hostile.Spawn, args: {name: h}}']);
    copyFileSync(HOSTILE, join(dir, 'hostile.ts'));
    const tune = ['  tune:', '    args:', '      objective: {object_name: a, field_name: out_1}', '      parameters:', '      - {type: ray.tune.randint, object_type: component, object_name: a, field_type: arg, field_name: iters, lower: 1, upper: 5}', '      num_samples: 2', '      mode: max'];
    writeFileSync(file, `${readFileSync(file, 'utf8')}${tune.join('\n')}\n`);
    return { file, marker: join(mkdtempSync(join(tmpdir(), 'pb-marker-')), 'marker') };
  }

  it('a trial whose module spawns a child process fails with access denied; --unconfined trusts it', () => {
    const { file, marker } = tuneModel();
    const confined = cli(['process', 'tune', file, '--json', '--max-concurrent', '1'], { PB_MARKER: marker });
    expect(confined.code).toBe(1);
    const trials = confined.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status?: string; error?: string });
    expect(trials.filter((t) => t.status === 'failed')).toHaveLength(2);
    expect(trials[0]?.error).toMatch(/ERR_ACCESS_DENIED|restricted|denied/i);
    expect(confined.stderr).toMatch(/every trial failed/);
    expect(existsSync(marker)).toBe(false);
    const trusted = cli(['process', 'tune', file, '--json', '--max-concurrent', '1', '--unconfined'], { PB_MARKER: marker });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });
});

describe('files stream to disk and survive a kill', () => {
  it.each([['SIGTERM', false], ['SIGHUP', false], ['SIGINT', true]] as const)('%s (to the whole process group: %s) stops the run like Ctrl-C; rows written so far are on disk as whole rows', async (signal, group) => {
    const { dir, file, out } = modelDir(['{type: hostile.Slow, args: {name: h}}', '{type: plugboard.library.file_io.FileWriter, args: {name: w, path: rows.csv, field_names: [n], chunk_size: 10}}'], ['{source: h.n, target: w.n}']);
    copyFileSync(HOSTILE, join(dir, 'hostile.ts'));
    // A terminal's Ctrl-C reaches the CLI and its confined child both: a process group.
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'process', 'run', file, '--out-dir', out, '--process-type', 'local'], { env: { ...process.env, INIT_CWD: '' }, detached: group });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const target = join(out, 'rows.csv');
    // Rows reach the disk while the run goes on (chunks of 10).
    while (!existsSync(target) || readFileSync(target, 'utf8').split('\n').length < 22) await new Promise((r) => setTimeout(r, 50));
    if (group) process.kill(-child.pid!, signal);
    else child.kill(signal);
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(stderr).toContain(`${signal}: stopping the run`);
    const lines = readFileSync(target, 'utf8').split('\n');
    expect(lines[0]).toBe('n');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows).toEqual(rows.map((_, i) => String(i)));
  }, 60_000);
});
