import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileEvent } from '../runtime/files.ts';
import { createDiskSink } from './diskSink.ts';

const event = (path: string, text: string, mode: 'append' | 'truncate' = 'append'): FileEvent => ({ kind: 'file', t: 0, component: 'w', path, text, mode });

describe('disk sink', () => {
  it('puts each write on disk at once (before the run ends)', () => {
    const out = mkdtempSync(join(tmpdir(), 'pb-sink-'));
    const sink = createDiskSink(out);
    sink.write(event('a/rows.csv', '', 'truncate'));
    sink.write(event('a/rows.csv', 'x\n1\n'));
    expect(readFileSync(join(out, 'a/rows.csv'), 'utf8')).toBe('x\n1\n');
    sink.write(event('a/rows.csv', '2\n'));
    expect(readFileSync(join(out, 'a/rows.csv'), 'utf8')).toBe('x\n1\n2\n');
    sink.write(event('a/rows.csv', 'new\n', 'truncate'));
    expect(sink.close()).toEqual([{ path: 'a/rows.csv', component: 'w', target: join(out, 'a/rows.csv') }]);
    expect(readFileSync(join(out, 'a/rows.csv'), 'utf8')).toBe('new\n');
  });

  it('append without truncate continues an existing file', () => {
    const out = mkdtempSync(join(tmpdir(), 'pb-sink-'));
    writeFileSync(join(out, 'log.txt'), 'old\n');
    const sink = createDiskSink(out);
    sink.write(event('log.txt', 'more\n'));
    sink.close();
    expect(readFileSync(join(out, 'log.txt'), 'utf8')).toBe('old\nmore\n');
  });

  it('each file fails alone, once, with its reason', () => {
    const out = mkdtempSync(join(tmpdir(), 'pb-sink-'));
    mkdirSync(join(out, 'dir'));
    const sink = createDiskSink(out);
    sink.write(event('../escape.txt', 'x'));
    sink.write(event('dir', 'x'));
    sink.write(event('ok.txt', 'fine\n'));
    sink.write(event('dir', 'y'));
    const report = sink.close();
    expect(report.map((f) => [f.path, f.error === undefined ? 'ok' : f.error.split(';')[0]])).toEqual([
      ['../escape.txt', "the output path '../escape.txt' leaves --out-dir"],
      ['dir', "the output path 'dir' is a folder"],
      ['ok.txt', 'ok'],
    ]);
    expect(readFileSync(join(out, 'ok.txt'), 'utf8')).toBe('fine\n');
    expect(existsSync(join(out, '..', 'escape.txt'))).toBe(false);
  });

  it('ensure writes files no event reported, and leaves streamed files alone', () => {
    const out = mkdtempSync(join(tmpdir(), 'pb-sink-'));
    const sink = createDiskSink(out);
    sink.write(event('streamed.csv', 'a\n', 'truncate'));
    sink.ensure('streamed.csv', 'w', 'partial');
    sink.ensure('late.csv', 'w', 'b\n');
    sink.close();
    expect(readFileSync(join(out, 'streamed.csv'), 'utf8')).toBe('a\n');
    expect(readFileSync(join(out, 'late.csv'), 'utf8')).toBe('b\n');
  });
});
