/**
 * Export for Plugboard (issue 9): what a study needs to run and tune in Python Plugboard on a Ray
 * cluster — the YAML (tune section included, as written), one Python module per user-module file
 * the model uses, and a README with the commands. Built-in tutorial types map to Plugboard's own
 * example modules (the README says where to get them).
 */
import type { TypeCatalog } from '../model/catalog.ts';
import type { ConfigSpec } from '../model/spec.ts';
import type { ModuleSource } from '../protocol/run.ts';
import { pythonModule } from './pythonModule.ts';

/** Plugboard's example module (repository path) for each built-in tutorial module. */
export const PLUGBOARD_EXAMPLE_MODULES: Readonly<Record<string, string>> = {
  hello_world: 'examples/tutorials/001_hello_world/hello_world.py',
  components: 'examples/tutorials/002_complex_processes/components.py',
  hello_llm: 'examples/tutorials/003_more_components/hello_llm.py',
  hello_ray: 'examples/tutorials/004_using_ray/hello_ray.py',
  resources_example: 'examples/tutorials/004_using_ray/resources_example.py',
  hello_events: 'examples/tutorials/005_events/hello_events.py',
  hello_tuner: 'examples/tutorials/006_optimisation/hello_tuner.py',
  production_line: 'examples/demos/fundamentals/002_production_line_optimisation/production_line.py',
  factory_simulation: 'examples/demos/fundamentals/003_factory_simulation/factory_simulation.py',
};
const RAW = 'https://raw.githubusercontent.com/plugboard-dev/plugboard/main/';

export interface ExportInput {
  /** The YAML text as it is (comments, tune section). */
  readonly yaml: string;
  /** File name for the YAML (`model-with-tuner.yaml`). */
  readonly yamlName: string;
  readonly config: ConfigSpec;
  readonly modules: readonly ModuleSource[];
  /** A catalog that knows the user modules' types (their args, ports and descriptions). */
  readonly catalog: TypeCatalog;
}

export interface ExportResult {
  /** Relative path → text. */
  readonly files: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
}

const moduleOf = (type: string): string => type.slice(0, type.lastIndexOf('.'));

/** The YAML's type path for a type string (the long resources tutorial path maps to its module). */
function userModuleName(type: string): string {
  const m = moduleOf(type);
  return m.startsWith('examples.tutorials.004_using_ray.') ? m.slice('examples.tutorials.004_using_ray.'.length) : m;
}

/**
 * @example exportForPlugboard({ yaml, yamlName: 'model.yaml', config, modules, catalog }).files['README.md']
 */
export function exportForPlugboard(input: ExportInput): ExportResult {
  const files: Record<string, string> = { [input.yamlName]: input.yaml };
  const warnings: string[] = [];
  const used = new Map<string, Set<string>>();
  for (const c of input.config.process.components) {
    const m = userModuleName(c.type);
    (used.get(m) ?? used.set(m, new Set()).get(m)!).add(c.type);
  }
  const userModules = new Map(input.modules.map((m) => [m.file.replace(/\.ts$/, ''), m]));
  const written: string[] = [];
  const examples: string[] = [];
  const library: string[] = [];
  for (const [name, types] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    const mod = userModules.get(name);
    if (mod) {
      const infos = [...types].map((t) => input.catalog.lookup(t)).filter((i) => i !== undefined);
      // Every component class the file exports, not only those the YAML uses.
      const all = input.catalog.list().filter((i) => i.module === name);
      const classes = [...new Map([...all, ...infos].map((i) => [i.className, i])).values()];
      files[`${name}.py`] = pythonModule(name, mod.file, mod.source, classes);
      written.push(name);
    } else if (name in PLUGBOARD_EXAMPLE_MODULES) examples.push(name);
    else if (name.startsWith('plugboard.')) library.push(name);
    else warnings.push(`No module for '${name}' (types ${[...types].join(', ')}): write ${name}.py before running in Plugboard.`);
  }
  const tune = input.config.tune !== undefined && input.config.tune !== null;
  const y = input.yamlName;
  const readme = [
    `# ${y.replace(/\.ya?ml$/, '')} — exported from Plugboard Studio`,
    '',
    `\`${y}\` is the model${tune ? ' with its `tune` section' : ''}, in Plugboard's own YAML format.`,
    '',
    '## Files',
    '',
    `- \`${y}\` — the model, exactly as edited in Studio (comments kept).`,
    ...written.map((m) => `- \`${m}.py\` — the components of \`${userModules.get(m)!.file}\`: classes with the same type paths, inputs, outputs and args. **Port each \`step\`** from the TypeScript kept in its comment (they raise \`NotImplementedError\` until then).`),
    ...(examples.length
      ? [
          '',
          "The model also uses Plugboard's own tutorial modules; put them next to the YAML:",
          '',
          '```bash',
          ...examples.map((m) => `curl -LO ${RAW}${PLUGBOARD_EXAMPLE_MODULES[m]}   # ${m}.py`),
          '```',
        ]
      : []),
    ...(library.length ? ['', `Built into Plugboard: ${library.map((m) => `\`${m}\``).join(', ')}.`] : []),
    ...(warnings.length ? ['', '**Missing:**', '', ...warnings.map((w) => `- ${w}`)] : []),
    '',
    '## Run it with Python Plugboard',
    '',
    '```bash',
    `pip install "plugboard[ray]"`,
    `plugboard process validate ${y}`,
    `plugboard process run ${y}`,
    ...(tune ? [`plugboard process tune ${y}`] : []),
    '```',
    '',
    '## On a Ray cluster',
    '',
    'Submit from this folder (its files are shipped as the working directory):',
    '',
    '```bash',
    `ray job submit --address http://<head-node>:8265 --working-dir . -- plugboard process ${tune ? 'tune' : 'run'} ${y}`,
    '```',
    '',
    ...(tune
      ? [
          `\`tune\` runs \`num_samples\` trials with Ray Tune and Optuna, \`max_concurrent\` at a time, and prints the best configuration (full parameter names such as \`component.<name>.arg.<arg>\`).`,
          '',
        ]
      : []),
  ].join('\n');
  files['README.md'] = readme;
  return { files, warnings };
}
