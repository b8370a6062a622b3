/**
 * What every subcommand does around its own work: parse its options (strict, with `-h/--help`),
 * print its help when asked, quiet the core's info logging, and turn an error into one line on
 * stderr and the exit code.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { log } from '../core/log';
import { reportCliError } from './tenant-options';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** A `parseArgs` config without `args`; `--help` is added to its options. */
type CommandConfig = Omit<ParseArgsConfig, 'args' | 'options'> & {
  options: NonNullable<ParseArgsConfig['options']>;
};

/**
 * Parses `argv` with `config` plus `-h/--help`. Returns null after printing `help` when it was
 * asked for (the command then exits 0); throws the `parseArgs` error on bad arguments.
 */
export function parseCommand<const T extends CommandConfig>(
  argv: string[],
  config: T,
  help: string,
) {
  const parsed = parseArgs({
    ...config,
    args: argv,
    options: { ...config.options, ...HELP_OPTION },
  });
  // The generic result type cannot see the option added here, hence the narrow cast.
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(help + '\n');
    return null;
  }
  quietLogs();
  return parsed;
}

/** The commands print their own output; the core's info lines would only clutter it. */
export function quietLogs(): void {
  if (!process.env.SCIM_COMPANION_LOG_LEVEL) log.level = 'warn';
}

/**
 * Runs a subcommand: parses `argv` as `parseCommand` does, then `body`. Help exits 0; any error
 * is printed as one line and exits 2 for bad arguments, 1 otherwise.
 */
export async function runCommand<const T extends CommandConfig>(
  name: string,
  argv: string[],
  config: T,
  help: string,
  body: (parsed: NonNullable<ReturnType<typeof parseCommand<T>>>) => Promise<number>,
): Promise<number> {
  try {
    const parsed = parseCommand(argv, config, help);
    return parsed ? await body(parsed) : 0;
  } catch (error) {
    return reportCliError(name, error);
  }
}
