/**
 * The `scim-companion` command: a thin dispatcher; each subcommand lives in its own module and
 * exports `run(argv): Promise<number>` returning the exit code (0 ok, 1 could not run, 2 usage).
 */
import packageJson from '../../package.json' with { type: 'json' };

const COMMANDS: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  audit: () => import('./audit'),
  'demo-server': () => import('./demo-server'),
  tenants: () => import('./tenants'),
  plan: () => import('./plan'),
  apply: () => import('./apply'),
  undo: () => import('./undo'),
  report: () => import('./report'),
};

const USAGE = `Usage: scim-companion <command> [options]

Commands:
  audit         Compare a tenant with a JumpCloud export
  demo-server   Run the demo tenant alone
  tenants       Manage tenant profiles and their keychain tokens
  plan          Write a repair plan from an audit
  apply         Apply a plan file, with journal and read-back
  undo          Undo a run from its journal
  report        Export findings or a run as CSV, JSON or HTML

Options:
  -V, --version Print the version
  -h, --help    This help

Run "scim-companion <command> --help" (or "scim-companion help <command>") for a command's
options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  if (name === 'help' && rest.length > 0) return runCommand(rest[0] as string, ['--help']);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  return runCommand(name, rest);
}

async function runCommand(name: string, argv: string[]): Promise<number> {
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`scim-companion: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  const command = await load();
  return command.run(argv);
}
