// The tutorials' components as editable modules: the library's own source files, loaded as text on
// demand (Vite `?raw`), shown with `import ... from 'plugboard'`.
import { EXAMPLE_MODULE_FILES, toExampleModule } from '../../src/modules/examples.ts';
import type { ModuleSource } from '../../src/index.ts';

const loaders = import.meta.glob<string>('../../src/library/*.ts', { query: '?raw', import: 'default' });

/** Example module files that exist in this build, in menu order. */
export const EXAMPLE_FILES: readonly string[] = EXAMPLE_MODULE_FILES.filter((file) => `../../src/library/${file}` in loaders);

/** @example const module = await loadExampleModule('hello_ray.ts'); */
export async function loadExampleModule(file: string): Promise<ModuleSource> {
  const load = loaders[`../../src/library/${file}`];
  if (!load) throw new Error(`No example module ${file}`);
  return toExampleModule(file, await load());
}

/** The text of a new module: a small component to start from. */
export function newModuleSource(className = 'Double'): string {
  return `import { componentClass, port, arg } from 'plugboard';

/** Multiplies x by factor. Rename it and change it: the palette updates as you type. */
export class ${className} extends componentClass({
  description: 'y = factor × x',
  inputs: { x: port<number>() },
  outputs: { y: port<number>() },
  args: { factor: arg.number({ default: 2 }) },
}) {
  override step(): void {
    this.out.y = this.args.factor * this.in.x;
  }
}
`;
}
