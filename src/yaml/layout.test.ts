import { describe, expect, it } from 'vitest';
import { applyEdit } from './applyEdit.ts';
import { fixtureNames, readFixture } from './fixtures.node.ts';
import { readLayout, renameInLayout, writeLayout } from './layout.ts';
import { parseConfig } from './parseConfig.ts';

const hello = readFixture('001_hello_world__model.yaml');

describe('layout block', () => {
  it('appends one JSON line and changes nothing else', () => {
    const out = writeLayout(hello, { a: { x: 40, y: 80 }, b: { x: 300.123, y: 20 } });
    expect(out).toBe(`${hello}\n# plugboard-studio:layout {"a":[40,80],"b":[300.12,20]}`);
    expect(readLayout(out)).toEqual({ a: { x: 40, y: 80 }, b: { x: 300.12, y: 20 } });
    const withNl = readFixture('002_complex_processes__loop.yaml');
    expect(writeLayout(withNl, { a: { x: 1, y: 2 } })).toBe(`${withNl}# plugboard-studio:layout {"a":[1,2]}\n`);
  });

  it('replaces the existing line in place and removes it when empty', () => {
    const once = writeLayout(hello, { a: { x: 1, y: 1 } });
    const twice = writeLayout(once, { a: { x: 2, y: 3 } });
    expect(twice).toBe(`${hello}\n# plugboard-studio:layout {"a":[2,3]}`);
    expect(writeLayout(twice, {})).toBe(hello);
    const crlf = hello.replace(/\n/g, '\r\n');
    const c1 = writeLayout(crlf, { a: { x: 1, y: 1 } });
    expect(c1).toBe(`${crlf}\r\n# plugboard-studio:layout {"a":[1,1]}`);
    expect(readLayout(c1)).toEqual({ a: { x: 1, y: 1 } });
    expect(writeLayout(c1, {})).toBe(crlf);
  });

  it('ignores malformed blocks and bad entries', () => {
    expect(readLayout('# plugboard-studio:layout {oops')).toEqual({});
    expect(readLayout('# plugboard-studio:layout {"a":[1],"b":[1,2],"c":"x"}')).toEqual({ b: { x: 1, y: 2 } });
    expect(readLayout(hello)).toEqual({});
  });

  it.each(fixtureNames())('%s: parse ignores the block', (name) => {
    const text = readFixture(name);
    const withLayout = writeLayout(text, { x: { x: 1, y: 2 } });
    const a = parseConfig(text);
    const b = parseConfig(withLayout);
    expect(b.config).toEqual(a.config);
    expect(b.diagnostics).toEqual(a.diagnostics);
  });

  it('edits keep the block last and untouched', () => {
    const text = writeLayout(hello, { a: { x: 1, y: 2 } });
    const r = applyEdit(text, { kind: 'add-connector', source: { entity: 'a', descriptor: 'out_1' }, target: { entity: 'b', descriptor: 'other' } });
    expect(r.ok && r.text.endsWith('        target: "b.other"\n# plugboard-studio:layout {"a":[1,2]}')).toBe(true);
    expect(renameInLayout({ a: { x: 1, y: 2 }, b: { x: 0, y: 0 } }, 'a', undefined)).toEqual({ b: { x: 0, y: 0 } });
  });
});
