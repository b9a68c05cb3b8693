/**
 * The tutorials' components as editable modules. Their source is the library's own file
 * (`src/library/hello_ray.ts`, read as text by the app), shown with `import ... from 'plugboard'`
 * instead of the library's relative runtime import, so users read and edit exactly what runs.
 */
import type { ModuleSource } from '../protocol/run.ts';

/** Library files that are tutorial user modules (not `plugboard.library.*`), in menu order. */
export const EXAMPLE_MODULE_FILES: readonly string[] = [
  'hello_world.ts',
  'components.ts',
  'hello_ray.ts',
  'resources_example.ts',
  'hello_events.ts',
  'hello_tuner.ts',
  'production_line.ts',
  'factory_simulation.ts',
];

// Only the specifier of the runtime import changes; the code itself is the library's.
const RUNTIME_IMPORT = /(\bfrom\s+)(['"])\.\.\/runtime\/index\.ts\2/g;

/**
 * The editable copy of a library example.
 * @example toExampleModule('hello_ray.ts', helloRayLibrarySource).source // "... from 'plugboard'; ..."
 */
export function toExampleModule(file: string, librarySource: string): ModuleSource {
  return { file, source: librarySource.replace(RUNTIME_IMPORT, "$1'plugboard'") };
}
