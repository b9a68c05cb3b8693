import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURES = new URL('../../fixtures/plugboard-yaml/', import.meta.url).pathname;
const MAIN = new URL('./main.ts', import.meta.url).pathname;

function cli(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: cwd ?? process.cwd(), encoding: 'utf8', env: { ...process.env, INIT_CWD: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/;

/** The Ray tutorial with short sleeps, so the test does not wait 15 s. */
function fastRayTutorial(dir: string): string {
  const text = readFileSync(join(FIXTURES, '004_using_ray__model-ray.yaml'), 'utf8').replace('sleep_seconds: 0.5', 'sleep_seconds: 0.01').replace('sleep_seconds: 1', 'sleep_seconds: 0.02');
  const file = join(dir, 'model-ray.yaml');
  writeFileSync(file, text);
  return file;
}

describe('plugboard CLI', () => {
  it.each([
    ['--process-type local', ['--process-type', 'local']],
    ['as written (RayProcess: one worker per component)', []],
  ])('process run %s: the Ray tutorial writes ray.csv (timestamp header + 10 ISO rows) under --out-dir', (_, extra) => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
    const file = fastRayTutorial(dir);
    const out = join(dir, 'out');
    const r = cli(['process', 'run', file, '--out-dir', out, ...extra]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Process complete');
    const rows = readFileSync(join(out, 'ray.csv'), 'utf8').split('\n').filter(Boolean);
    expect(rows[0]).toBe('timestamp');
    expect(rows).toHaveLength(11);
    for (const row of rows.slice(1)) expect(row).toMatch(TIMESTAMP);
  }, 90_000);

  it('process run: hello world writes b.txt relative to the out dir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
    const r = cli(['process', 'run', join(FIXTURES, '001_hello_world__model.yaml'), '--out-dir', dir]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('0\n2\n4\n6\n8\n10\n12\n14\n16\n18\n');
  });

  it('process validate: a bad file gets FILE:LINE:COL: message and exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, ['plugboard:', '  process:', '    args:', '      components:', '      - type: hello_world.Bx', '        args:', '          name: b', '          path: b.txt', ''].join('\n'));
    const r = cli(['process', 'validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:5:15: `);
    expect(r.stderr).toContain("hello_world.Bx");
    expect(r.stdout).not.toContain('Validation passed');
  });

  it('process validate: a good file passes', () => {
    const r = cli(['process', 'validate', join(FIXTURES, '005_events__model.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Validation passed');
  });

  it('process diagram prints the Mermaid flowchart of spec §8', () => {
    const r = cli(['process', 'diagram', join(FIXTURES, '001_hello_world__model.yaml'), '--plain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('flowchart LR\n  a@{ shape: rounded, label: A<br>**a** } --> b@{ shape: rounded, label: B<br>**b** }\n');
  });

  it('process run: a component failing at init is reported at its line in the YAML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
    const file = join(dir, 'reader.yaml');
    writeFileSync(
      file,
      [
        'plugboard:',
        '  process:',
        '    args:',
        '      components:',
        '      - type: plugboard.library.file_io.FileReader',
        '        args: {name: read, path: missing.csv, field_names: [x]}',
        '      - type: components.Save',
        '        args: {name: save, path: out.txt}',
        '      connectors:',
        '      - {source: read.x, target: save.value_to_save}',
        '',
      ].join('\n'),
    );
    const r = cli(['process', 'run', file, '--out-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${file}:5:\\d+: .*missing\\.csv`));
  });

  it('process run: a model that hangs (connector from an unknown component) exits 1 with a message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
    const file = join(dir, 'hang.yaml');
    writeFileSync(file, ['plugboard:', '  process:', '    args:', '      components:', '      - {type: hello_world.B, args: {name: b, path: b.txt}}', '      connectors:', '      - {source: ghost.out_1, target: b.in_1}', ''].join('\n'));
    const r = cli(['process', 'run', file, '--out-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Deadlock: every component is waiting.*b\.in_1 \(waiting for input\)/);
  });
});

describe('plugboard CLI, parallel runs and files on disk', () => {
  it('hands files next to the YAML to the workers (FileReader in a RayProcess)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
    writeFileSync(join(dir, 'in.csv'), 'text\nhello\nworld\n');
    writeFileSync(
      join(dir, 'reader.yaml'),
      `plugboard:
  process:
    type: plugboard.process.RayProcess
    connector_builder: {type: plugboard.connector.RayConnector}
    args:
      components:
      - type: plugboard.library.file_io.FileReader
        args: {name: r, path: in.csv, field_names: [text]}
      - type: plugboard.library.file_io.FileWriter
        args: {name: w, path: copy.csv, field_names: [text]}
      connectors:
      - {source: r.text, target: w.text}
`,
    );
    const r = cli(['process', 'run', join(dir, 'reader.yaml'), '--out-dir', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'copy.csv'), 'utf8')).toBe('text\nhello\nworld\n');
  });
});

describe('plugboard CLI arguments and messages', () => {
  it.each([[['process', 'validate', 'm.yaml', '--bogus']], [['process', 'run', 'm.yaml', '--out-dri', 'x']], [['process', 'diagram', 'a.yaml', 'b.yaml']], [['process', 'frobnicate', 'm.yaml']]])('%j is an error that prints the usage', (args) => {
    const r = cli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^plugboard: .+\nusage: plugboard process run FILE/);
  });

  it('--help prints the usage and exits 0', () => {
    const r = cli(['process', 'run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Running untrusted models');
    expect(r.stdout).toContain('--unconfined');
  });

  it('diagram links to Mermaid Live with the shared encoder (src/model/mermaidLive.ts)', async () => {
    const { mermaidLiveUrl } = await import('../model/index.ts');
    const { deflateSync } = await import('node:zlib');
    const r = cli(['process', 'diagram', join(FIXTURES, '001_hello_world__model.yaml')]);
    expect(r.code).toBe(0);
    const text = r.stdout.split('\n').slice(1, -4).join('\n');
    expect(text).toMatch(/^flowchart LR/);
    expect(r.stdout).toContain(`Editable diagram: ${mermaidLiveUrl(text, (b) => deflateSync(b))}\n`);
  });

  it('an unknown user-module type says which module file was looked for, and where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-cli-'));
    const file = join(dir, 'model.yaml');
    writeFileSync(file, 'plugboard:\n  process:\n    args:\n      components:\n      - {type: my_mod.Counter, args: {name: c}}\n');
    const r = cli(['process', 'validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`No module file ${join(dir, 'my_mod.ts')} was found next to the YAML; pass --modules DIR if it is elsewhere.`);
  });
});
