import { describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { portsOf } from './ports.ts';

describe('ports of a component with odd args', () => {
  it('falls back to the declared ports when portsFor gives something that is not a list of names', () => {
    // Found by the YAML property test: `field_names: value` (a string after an edit) crashed validation.
    const registry = createRegistry();
    const type = 'plugboard.library.file_io.FileWriter';
    expect(portsOf({ type, args: { path: 'a.csv', field_names: ['x', 'y'] } }, registry)?.inputs).toEqual(['x', 'y']);
    for (const field_names of ['value', { a: 1 }, [1, 2]]) {
      const inputs = portsOf({ type, args: { path: 'a.csv', field_names } }, registry)?.inputs;
      expect(Array.isArray(inputs), JSON.stringify(field_names)).toBe(true);
      expect(inputs!.every((f) => typeof f === 'string')).toBe(true);
    }
  });
});
