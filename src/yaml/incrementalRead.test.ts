// The incremental read equals a full read after every edit: random keystrokes (seeded) across a
// model with comments, nested args, flow collections and connectors, carried from edit to edit.
import { describe, expect, it } from 'vitest';
import { readEdited, readNext, type IncrementalRead } from './incrementalRead.ts';
import { readDocument } from './readDocument.ts';
import { parseConfig } from './parseConfig.ts';
import { createRegistry } from '../library/index.ts';

function model(n: number): string {
  const lines = ['# a model', 'plugboard:', '  process:', '    args:', '      name: demo', '      components:'];
  for (let i = 0; i < n; i++) {
    lines.push(i % 2 === 0 ? '      - type: hello_ray.Iterator' : '      - type: hello_ray.Sleep', '        args:', `          name: c${i}`);
    lines.push(i % 2 === 0 ? '          iters: 10' : '          sleep_seconds: 0.01');
    if (i % 5 === 0) lines.push('          # a note', `          initial_values: {x: [${i}, 2]}`);
    if (i % 7 === 0) lines.push('          parameters:', '            gain: 2', '            tags: [a, b]');
  }
  lines.push('      connectors:');
  for (let i = 0; i + 1 < n; i += 2) lines.push(`      - source: c${i}.x`, `        target: c${i + 1}.x`);
  lines.push('      - source: c0.x', '        target: c3.x');
  return lines.join('\n') + '\n';
}

/** Mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['x', '1', ' ', ':', '\n', '\n          ', '\n      - ', '#', '-', '[', ']', '{', '}', ',', '"', "'", 'name', ': 5', '\n          extra: 3', '&a', '*a', '\t', 'sleep_seconds: 2\n          '];

function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * text.length);
  const r = rnd();
  if (r < 0.45) return text.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)]! + text.slice(at);
  if (r < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
  const len = 1 + Math.floor(rnd() * 4);
  return text.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)]! + text.slice(at + len);
}

function expectSameRead(inc: IncrementalRead, text: string): void {
  const full = readDocument(text);
  expect(inc.data).toEqual(full.data);
  expect(inc.diagnostics).toEqual(full.diagnostics);
  for (const kind of ['value', 'key'] as const) {
    expect(inc.ranges[kind].size).toBe(full.ranges[kind].size);
    const want = [...full.ranges[kind]].map(([path, range]) => `${path} ${JSON.stringify(range)}`);
    const got = [...full.ranges[kind].keys()].map((path) => `${path} ${JSON.stringify(inc.ranges[kind].get(path))}`);
    if (got.join('\n') !== want.join('\n')) expect(got).toEqual(want); // (the slow compare only on a difference)
  }
}

describe('incremental read after a typed edit', () => {
  it('equals the full read on 800 random edits (carried from one to the next), and a good share are incremental', () => {
    const catalog = createRegistry();
    let incremental = 0;
    let total = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const rnd = random(seed);
      let text = model(24);
      let read = readNext(null, text);
      for (let k = 0; k < 100; k++) {
        const next = edit(text, rnd);
        if (readEdited(read, next)) incremental++;
        total++;
        read = readNext(read, next);
        text = next;
        expectSameRead(read, text);
        // Every 10th edit: the model and diagnostics (with line:col) equal a full parse.
        if (k % 10 === 0) {
          const a = parseConfig(text, { catalog, file: 'm.yaml', read: { ...read, diagnostics: read.diagnostics.map((d) => ({ ...d, file: 'm.yaml' })) } });
          const b = parseConfig(text, { catalog, file: 'm.yaml' });
          expect(a.config).toEqual(b.config);
          expect(a.diagnostics).toEqual(b.diagnostics);
        }
        // Keep the text a model: start again once random edits broke its syntax.
        if (read.diagnostics.some((d) => d.code === 'yaml-syntax')) {
          text = model(24);
          read = readNext(read, text);
        }
      }
    }
    expect(incremental / total).toBeGreaterThan(0.25);
  });

  it('a rename in one component of 1,000 is read from that item alone; an edit at the list edge falls back', () => {
    const text = model(1000);
    const read = readNext(null, text);
    const renamed = text.replace('name: c500\n', 'name: c500x\n');
    const inc = readEdited(read, renamed);
    expect(inc).not.toBeNull();
    expectSameRead(inc!, renamed);
    // The last component has no next item to bound it: full read.
    expect(readEdited(read, text.replace('name: c999\n', 'name: c999x\n'))).toBeNull();
    // A new item typed inside one: full read.
    expect(readEdited(read, text.replace('name: c500\n', 'name: c500\n      - type: hello_ray.Sleep\n'))).toBeNull();
  });
});
