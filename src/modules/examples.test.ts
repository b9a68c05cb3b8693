import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEmptyRegistry } from '../runtime/registry.ts';
import { EXAMPLE_MODULE_FILES, toExampleModule } from './examples.ts';
import { loadModules } from './loadModules.ts';

const libraryFile = (file: string) => fileURLToPath(new URL(`../library/${file}`, import.meta.url));
const available = EXAMPLE_MODULE_FILES.filter((f) => existsSync(libraryFile(f)));

describe('example modules', () => {
  it('include the Ray and loop tutorials', () => {
    expect(available).toEqual(expect.arrayContaining(['hello_ray.ts', 'components.ts']));
  });

  it.each(available)('%s loads as a module and registers the same types as the library', async (file) => {
    const module = toExampleModule(file, readFileSync(libraryFile(file), 'utf8'));
    expect(module.source).toContain("from 'plugboard'");
    expect(module.source).not.toContain('../runtime');
    const registry = createEmptyRegistry();
    const { diagnostics, types } = loadModules([module], registry);
    expect(diagnostics).toEqual([]);
    type Info = { type: string; inputs: unknown; outputs: unknown; args: unknown };
    const library = (await import(`../library/${file}`)) as Record<string, unknown>;
    const builtins = Object.entries(library).flatMap(([name, v]) => {
      const info = typeof v === 'function' ? (v as { info?: Info }).info : undefined;
      return info ? [{ name, ...info }] : [];
    });
    const stem = file.slice(0, -3);
    // Module types are named <module>.<export>; the library may register a longer canonical path
    // (resources_example) with the short one as an alias.
    expect(types.map((t) => t.type).sort()).toEqual(builtins.map((b) => `${stem}.${b.name}`).sort());
    for (const t of types) {
      const builtin = builtins.find((b) => `${stem}.${b.name}` === t.type)!;
      expect({ inputs: t.inputs, outputs: t.outputs, args: t.args }).toEqual({ inputs: builtin.inputs, outputs: builtin.outputs, args: builtin.args });
    }
  });
});
