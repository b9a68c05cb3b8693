import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModulesFromDir, modulesForYaml, usedModuleStems } from './loadModulesFromDir.node.ts';

const yaml = `plugboard:
  process:
    args:
      components:
      - type: hello_ray.Sleep
        args: { name: a, sleep_seconds: 1 }
      - type: "plugboard.library.file_io.FileWriter"  # library
        args: { name: w, path: x.csv }
`;

describe('CLI module loading', () => {
  it('reads module files from a directory, ignoring other files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modules-'));
    writeFileSync(join(dir, 'hello_ray.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'other.ts'), 'export const b = 1;\n');
    writeFileSync(join(dir, 'types.d.ts'), '');
    writeFileSync(join(dir, 'not-a-module.ts'), '');
    writeFileSync(join(dir, 'model.yaml'), yaml);
    expect((await loadModulesFromDir(dir)).map((m) => m.file)).toEqual(['hello_ray.ts', 'other.ts']);
    expect(await loadModulesFromDir(join(dir, 'missing'))).toEqual([]);
    // Next to the YAML: only the modules its types name.
    expect((await modulesForYaml(join(dir, 'model.yaml'), yaml)).map((m) => m.file)).toEqual(['hello_ray.ts']);
    // --modules DIR: all of them.
    expect((await modulesForYaml(join(dir, 'model.yaml'), yaml, dir)).map((m) => m.file)).toEqual(['hello_ray.ts', 'other.ts']);
  });

  it('finds the module names a YAML uses', () => {
    expect([...usedModuleStems(yaml)]).toEqual(['hello_ray', 'plugboard.library.file_io']);
  });
});
