import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileStore, fileKeepLimit, normalizeWritePath, setDefaultKeepLimit, type FileEvent } from './files.ts';

describe('file store keep limit (CLI streaming keeps memory bounded)', () => {
  afterEach(() => setDefaultKeepLimit(Infinity));

  it('keeps files by default and reports every write', () => {
    const events: FileEvent[] = [];
    const store = createFileStore({ onEvent: (e) => events.push(e) });
    store.truncate('a.txt', 'c');
    store.append('a.txt', 'c', 'hello\n');
    expect(store.written()).toEqual({ 'a.txt': 'hello\n' });
    expect(events.map((e) => e.mode)).toEqual(['truncate', 'append']);
  });

  it('drops the text of a file past the limit but still reports every append', () => {
    const events: FileEvent[] = [];
    const store = createFileStore({ keepLimit: 10, onEvent: (e) => events.push(e) });
    store.truncate('big.csv', 'w');
    for (let i = 0; i < 5; i++) store.append('big.csv', 'w', 'row,row\n');
    store.append('small.csv', 'w', 'x\n');
    expect(store.written()).toEqual({ 'small.csv': 'x\n' });
    expect(store.read('big.csv')).toBeUndefined();
    expect(events.filter((e) => e.path === 'big.csv').map((e) => e.text).join('')).toBe('row,row\n'.repeat(5));
  });

  it('stores created later pick up the default limit', () => {
    setDefaultKeepLimit(4);
    expect(fileKeepLimit()).toBe(4);
    const store = createFileStore();
    store.append('f', 'c', '123456');
    expect(store.written()).toEqual({});
    const kept = createFileStore({ keepLimit: Infinity });
    kept.append('f', 'c', '123456');
    expect(kept.written()).toEqual({ f: '123456' });
  });

  it('takes the default from PLUGBOARD_FILE_KEEP_LIMIT (worker threads share the environment)', async () => {
    process.env['PLUGBOARD_FILE_KEEP_LIMIT'] = '3';
    vi.resetModules();
    try {
      const fresh = await import('./files.ts');
      const store = fresh.createFileStore();
      store.append('f', 'c', '1234');
      expect(store.written()).toEqual({});
    } finally {
      delete process.env['PLUGBOARD_FILE_KEEP_LIMIT'];
    }
  });
});

describe('file store paths (same rule as the CLI --out-dir)', () => {
  it('normalises relative paths and refuses those leaving the folder', () => {
    expect(normalizeWritePath('./out/../b.txt')).toBe('b.txt');
    expect(normalizeWritePath('a//b.csv')).toBe('a/b.csv');
    for (const bad of ['../x', '/etc/passwd', 'a/../../x', '.', '', 'C:\\x', 'a\0b']) expect(normalizeWritePath(bad)).toBeUndefined();
  });

  it('a write outside the folder throws with the path; ./b.txt and b.txt are one file', () => {
    const store = createFileStore();
    expect(() => store.truncate('../x.csv', 'save')).toThrow("Cannot write '../x.csv': the path leaves the run's folder");
    expect(() => store.append('/home/u/.bashrc', 'save', 'x')).toThrow('leaves the run');
    store.truncate('./b.txt', 'a');
    store.append('b.txt', 'a', '1\n');
    expect(store.written()).toEqual({ './b.txt': '1\n' });
    expect(store.read('b.txt')).toBe('1\n');
  });
});
