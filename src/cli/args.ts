/**
 * Command-line parsing for `plugboard process <command> FILE [options]`: `node:util` parseArgs in
 * strict mode, so an unknown or misspelt flag is an error that prints the usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Flag values as parseArgs gives them (strings, booleans, repeated strings). */
export type OptionValues = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** One `process <name>` subcommand. Add new ones to the table in main.ts. */
export interface Subcommand {
  readonly name: string;
  /** Usage line after `plugboard process `, e.g. `validate FILE [--modules DIR]`. */
  readonly usage: string;
  /** Flags of this subcommand (besides the common ones). */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** `argv` is the whole command line (for re-running it confined). */
  run(file: string, values: OptionValues, argv: readonly string[]): number | Promise<number>;
}

/** Flags every subcommand takes. */
export const COMMON_OPTIONS = {
  modules: { type: 'string' },
  'allow-read': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {}

/** Usage text for a table of subcommands. */
export function usage(commands: readonly Subcommand[]): string {
  const lines = commands.map((c, i) => `${i === 0 ? 'usage: ' : '       '}plugboard process ${c.usage}`);
  return `${lines.join('\n')}

Common options:
  --modules DIR      read user component modules (name.ts for type name.Class) from DIR
                     (default: the YAML's folder, only the modules its types name)
  --allow-read DIR   let FileReader and 'process:' references read files under DIR too
                     (default: only the YAML's folder and --out-dir); repeatable
  --unconfined       (run, tune) run module code with the whole of Node, for code you trust;
                     by default it runs under Node's permission model (run writes only
                     --out-dir; tune's trials write nothing)
  --probe C.FIELD    (run) record the values through a port (or a connector A.x..B.y) into
                     probes.csv in --out-dir (probe,time,value; newest 10,000); repeatable
  --steps N          (run) start paused and run N process steps (Plugboard's process.step()),
                     printing each component's state and step count after each; then stop
                     (files written so far are kept)
See README "Running untrusted models" for what is confined.`;
}

/**
 * Picks the subcommand and parses its flags strictly.
 * @example parseCli(['process', 'validate', 'm.yaml'], table) // { command: validate, file: 'm.yaml', values: {} }
 */
export function parseCli(argv: readonly string[], commands: readonly Subcommand[]): { command: Subcommand; file: string; values: OptionValues } {
  const [group, name] = argv;
  if (group === '--help' || group === '-h') throw new UsageError('');
  if (group !== 'process' || name === undefined) throw new UsageError(`expected: process ${commands.map((c) => c.name).join('|')} FILE`);
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command 'process ${name}'`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv.slice(2) as string[], options: { ...COMMON_OPTIONS, ...command.options }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? String(error));
  }
  if (parsed.values['help']) throw new UsageError('');
  const positionals = parsed.positionals;
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? `process ${name} needs a FILE` : `unexpected argument '${positionals[1]}'`);
  return { command, file: positionals[0]!, values: parsed.values as OptionValues };
}

/** The value of a string flag, or undefined. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** The values of a repeatable string flag. */
export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? [...(v as string[])] : typeof v === 'string' ? [v] : [];
}
