import { afterEach, describe, expect, it } from 'vitest';
import { createFileStore, setDefaultKeepLimit, type FileEvent } from './files.ts';

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
    const store = createFileStore();
    store.append('f', 'c', '123456');
    expect(store.written()).toEqual({});
    const kept = createFileStore({ keepLimit: Infinity });
    kept.append('f', 'c', '123456');
    expect(kept.written()).toEqual({ f: '123456' });
  });
});
