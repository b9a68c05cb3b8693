/**
 * `npm run plugboard -- process <command> FILE [options]` — the verbs of Plugboard's CLI (spec §9).
 *
 * - `process run FILE`: runs the model (confined by Node's permission model, see confine.ts) and
 *   streams the files it writes into `--out-dir`.
 * - `process validate FILE`: "Validation passed", or the errors.
 * - `process diagram FILE [--plain]`: the Mermaid flowchart (spec §8) plus a Mermaid Live link.
 *
 * Problems go to stderr as `FILE:LINE:COL: message`; the exit code is 1 on any error, else 0.
 * To add a subcommand, write a `Subcommand` in its own file and add it to SUBCOMMANDS.
 */
import { existsSync } from 'node:fs';
import { parseCli, usage, UsageError, type Subcommand } from './args.ts';
import { diagramCommand, validateCommand } from './check.ts';
import { runCommand } from './run.ts';
import { exportCommand } from './export.ts';
import { tuneCommand } from './tune.ts';

/** Every `process <name>` subcommand, in the order the usage lists them. */
export const SUBCOMMANDS: readonly Subcommand[] = [runCommand, validateCommand, diagramCommand, tuneCommand, exportCommand];

async function main(argv: readonly string[]): Promise<number> {
  // `npm run` starts scripts in the package root; resolve paths from where the user typed the command.
  const cwd = process.env['INIT_CWD'];
  if (cwd && existsSync(cwd)) process.chdir(cwd);
  try {
    const { command, file, values } = parseCli(argv, SUBCOMMANDS);
    return await command.run(file, values, argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (!error.message) {
      process.stdout.write(`${usage(SUBCOMMANDS)}\n`); // --help
      return 0;
    }
    process.stderr.write(`plugboard: ${error.message}\n${usage(SUBCOMMANDS)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`plugboard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
