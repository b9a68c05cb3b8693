import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmptyRegistry } from '../runtime/registry.ts';
import { loadModulesFromDir, modulesForYaml, registerModulesForYaml, usedModuleStems } from './loadModulesFromDir.node.ts';

const yaml = `plugboard:
  process:
    args:
      components:
      - type: my_math.Double
        args: { name: a }
      - type: "plugboard.library.file_io.FileWriter"  # library
        args: { name: w, path: x.csv }
`;
const double = "import { componentClass, port } from 'plugboard';\nexport class Double extends componentClass({ inputs: { x: port<number>() }, outputs: { y: port<number>() } }) {\n  override step() { this.out.y = 2 * this.in.x; }\n}\n";

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'modules-'));
  writeFileSync(join(dir, 'my_math.ts'), double);
  writeFileSync(join(dir, 'other.ts'), 'export const b = ;\n');
  writeFileSync(join(dir, 'types.d.ts'), '');
  writeFileSync(join(dir, 'not-a-module.ts'), '');
  writeFileSync(join(dir, 'model.yaml'), yaml);
  return dir;
}

describe('CLI module loading', () => {
  it('reads module files from a directory, ignoring other files', () => {
    const dir = project();
    expect(loadModulesFromDir(dir).map((m) => m.file)).toEqual(['my_math.ts', 'other.ts']);
    expect(loadModulesFromDir(join(dir, 'missing'))).toEqual([]);
    // Next to the YAML: only the modules its types name. --modules DIR: all of them.
    expect(modulesForYaml(join(dir, 'model.yaml'), yaml).modules.map((m) => m.file)).toEqual(['my_math.ts']);
    expect(modulesForYaml(join(dir, 'model.yaml'), yaml, dir).modules.map((m) => m.file)).toEqual(['my_math.ts', 'other.ts']);
  });

  it('registers the types a YAML uses and reports module problems at their path on disk', () => {
    const dir = project();
    const registry = createEmptyRegistry();
    expect(registerModulesForYaml(registry, join(dir, 'model.yaml'), yaml).diagnostics).toEqual([]);
    expect(registry.lookup('my_math.Double')?.inputs).toEqual(['x']);
    const { diagnostics } = registerModulesForYaml(createEmptyRegistry(), join(dir, 'model.yaml'), yaml, dir);
    expect(diagnostics[0]).toMatchObject({ code: 'module-syntax', file: join(dir, 'other.ts'), range: { start: { line: 1, column: 18 } } });
  });

  it('finds the module names a YAML uses', () => {
    expect([...usedModuleStems(yaml)]).toEqual(['my_math', 'plugboard.library.file_io']);
  });
});
