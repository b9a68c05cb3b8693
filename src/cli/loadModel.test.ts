import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModelText, loadModel } from './loadModel.ts';
import { checkOutputPath, checkReadPath } from './paths.ts';
import { readModuleTypes } from './staticModules.ts';

describe('model text decoding', () => {
  it('reads UTF-8 (with or without BOM)', () => {
    expect(decodeModelText(new TextEncoder().encode('a: é'))).toEqual({ ok: true, text: 'a: é' });
    expect(decodeModelText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
  });

  it('names UTF-16 instead of "must be a mapping, got a string"', () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x3a, 0x00]);
    expect(decodeModelText(le)).toEqual({ ok: false, message: expect.stringContaining('UTF-16') });
    expect(decodeModelText(Uint8Array.from([0x61, 0x00, 0x3a, 0x00]))).toEqual({ ok: false, message: expect.stringContaining('UTF-16') });
  });

  it('reports invalid UTF-8 instead of replacing it silently', () => {
    const r = decodeModelText(Uint8Array.from([0x61, 0x3a, 0x20, 0xc3, 0x28]));
    expect(r).toEqual({ ok: false, message: expect.stringContaining('not valid UTF-8') });
  });

  it('loadModel reports the encoding as a located problem of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-load-'));
    const file = join(dir, 'm.yaml');
    writeFileSync(file, Buffer.from('\ufeffplugboard: {}\n', 'utf16le'));
    const r = loadModel(file);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics[0]).toMatchObject({ file, message: expect.stringContaining('UTF-16') });
  });
});

describe('path confinement', () => {
  it('accepts paths inside the out dir, normalised', () => {
    expect(checkOutputPath('/tmp/o', './a/../b.csv')).toEqual({ ok: true, target: '/tmp/o/b.csv' });
  });

  it.each([['../x'], ['/etc/x'], ['a/../../x'], ['.'], [''], ['a\0b'], [42]])('refuses %j', (path) => {
    expect(checkOutputPath('/tmp/o', path).ok).toBe(false);
  });

  it('refuses a symlinked folder leading out, and an existing folder as the file', () => {
    const out = mkdtempSync(join(tmpdir(), 'pb-out-'));
    symlinkSync(tmpdir(), join(out, 'up'));
    mkdirSync(join(out, 'dir'));
    expect(checkOutputPath(out, 'up/x.csv')).toEqual({ ok: false, reason: expect.stringContaining('symlink') });
    expect(checkOutputPath(out, 'dir')).toEqual({ ok: false, reason: expect.stringContaining('folder') });
  });

  it('reads only inside the roots, also through symlinks', () => {
    const root = mkdtempSync(join(tmpdir(), 'pb-root-'));
    const other = mkdtempSync(join(tmpdir(), 'pb-other-'));
    writeFileSync(join(root, 'in.csv'), 'x\n');
    writeFileSync(join(other, 'secret.csv'), 'x\n');
    symlinkSync(join(other, 'secret.csv'), join(root, 'link.csv'));
    expect(checkReadPath([root], [root], 'in.csv')).toEqual({ ok: true, target: join(root, 'in.csv') });
    expect(checkReadPath([root], [root], '../' + other.split('/').pop() + '/secret.csv').ok).toBe(false);
    expect(checkReadPath([root], [root], 'link.csv')).toEqual({ ok: false, reason: expect.stringContaining('--allow-read') });
    expect(checkReadPath([root, other], [root], 'link.csv').ok).toBe(true);
  });
});

describe('static reading of user modules (no code runs)', () => {
  it('reads literal ports and args of componentClass and defineComponent', () => {
    const source = `import { componentClass, defineComponent, port, arg } from 'plugboard';
throw new Error('top level must not run');
export class Counter extends componentClass({
  description: 'counts, {not a brace}',
  inputs: ['go'],
  outputs: { n: port<number>(), 'odd-name': port() },
  args: { iters: arg.integer({ default: 3 }), label: arg.string(), extra: arg.optional.mapping() },
}) {}
export const Offset = defineComponent({
  inputs: { a: port<number>() }, outputs: { x: port<number>() },
  step: ({ a }) => ({ x: a + 1 }),
});
export class Dynamic extends componentClass({ inputs: [...names], outputs: [] }) {}
export const notAComponent = 3;`;
    const types = readModuleTypes({ file: 'my_mod.ts', source });
    expect(types.map((t) => [t.info.type, t.info.inputs, t.info.outputs, t.openPorts])).toEqual([
      ['my_mod.Counter', ['go'], ['n', 'odd-name'], false],
      ['my_mod.Offset', ['a'], ['x'], false],
      ['my_mod.Dynamic', [], [], true],
    ]);
    expect(types[0]!.info.args.map((a) => [a.name, a.kind, a.required])).toEqual([
      ['iters', 'integer', false],
      ['label', 'string', true],
      ['extra', 'mapping', false],
    ]);
  });
});
