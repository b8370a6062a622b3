/**
 * `scim-companion tenants`: add, list, test, rename and remove tenant profiles, and replace a
 * tenant's token. Tokens are read from stdin (piped, or typed hidden at a terminal), never from
 * an argument, and go straight to the OS keychain.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ScimClient } from '../core/scim';
import {
  createTenantService,
  defaultDataDir,
  expiryWarning,
  KeychainUnavailableError,
  profileFieldsSchema,
  replaceTokenCommand,
  TenantExistsError,
  TenantHostChangeError,
  testTenantConnection,
  type ProfileFields,
  type ProfilePatch,
  type TenantService,
  type TenantProfile,
} from '../core/tenants';
import { readTokenFromStdin, reportCliError, UsageError } from './tenant-options';

const USAGE = `Usage: scim-companion tenants <subcommand> [options]

  add NAME --url URL [--policy deactivate|delete] [--ca-file FILE] [--expires YYYY-MM-DD]
               [--notes TEXT] [--protect "Group A,Group B"]
                        Store a tenant; the token is read from stdin (pipe it, or paste it
                        at the hidden prompt) and kept in the OS keychain only
  list [--json]         The stored tenants, whether a token is stored, and expiry warnings
  test NAME [--json]    Read-only connection test: discovery and a one-user listing
  update NAME [--url URL [--yes]] [--policy P] [--ca-file FILE] [--expires YYYY-MM-DD]
              [--notes TEXT] [--protect "Group A,Group B"]
              [--clear ca-file|expires|notes|bound-groups]
                        Change a tenant's settings (the token stays as it is; a --url on
                        another host needs --yes, as the stored token would go there)
  rename NAME NEW_NAME  Rename a tenant (its keychain entry follows)
  replace-token NAME    Store a new token for a tenant, read from stdin
  remove NAME           Remove a tenant and its keychain entry

Exit codes: 0 done, 1 could not (keychain, network, unknown tenant), 2 bad arguments.`;

type Subcommand = (args: string[], service: TenantService<ScimClient>) => Promise<number>;

const SUBCOMMANDS: Record<string, Subcommand> = {
  add,
  list,
  test,
  update,
  rename,
  'replace-token': replaceToken,
  remove,
};

/** Entry point of `scim-companion tenants`. */
export async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const helpAsked = args.includes('--help') || args.includes('-h');
  if (!name || name === '--help' || name === '-h' || helpAsked) {
    process.stdout.write(USAGE + '\n');
    return name || helpAsked ? 0 : 2;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) {
    process.stderr.write(`scim-companion tenants: unknown subcommand "${name}"\n${USAGE}\n`);
    return 2;
  }
  try {
    return await subcommand(args, createTenantService({ dataDir: defaultDataDir() }));
  } catch (error) {
    return reportCliError(`tenants ${name}`, error);
  }
}

async function add(args: string[], service: TenantService<ScimClient>): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      policy: { type: 'string' },
      'ca-file': { type: 'string' },
      expires: { type: 'string' },
      notes: { type: 'string' },
      protect: { type: 'string' },
      token: { type: 'string' },
    },
  });
  if (values.token !== undefined) {
    throw new UsageError('The token is read from stdin, never from an argument.');
  }
  const name = onePositional(positionals, 'NAME');
  if (!values.url) throw new UsageError('tenants add needs --url URL.');
  if (values.policy !== undefined && values.policy !== 'deactivate' && values.policy !== 'delete') {
    throw new UsageError(`--policy must be "deactivate" or "delete", not "${values.policy}".`);
  }

  const fields: ProfileFields = {
    name,
    baseUrl: values.url,
    policy: values.policy as ProfileFields['policy'],
    caFile: fullPath(values['ca-file']),
    tokenExpiresAt: values.expires,
    notes: values.notes,
    protectedGroups: splitList(values.protect),
  };
  // Refuse bad arguments before asking for the token, not after it has been pasted.
  const problems = profileFieldsSchema.safeParse(fields);
  if (!problems.success) {
    throw new UsageError(problems.error.issues.map((issue) => issue.message).join(' '));
  }
  if (service.find(name)) throw new TenantExistsError(name);

  const token = await readTokenFromStdin();
  if (!token) throw new UsageError('No token on stdin. Pipe it in, or paste it at the prompt.');
  const profile = await service.add(fields, token);
  process.stdout.write(
    `Added tenant "${profile.name}" (${profile.baseUrl}); token stored in the OS keychain.\n`,
  );
  warnExpiry(profile);
  return 0;
}

async function list(args: string[], service: TenantService<ScimClient>): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const now = new Date();
  const rows = [];
  for (const profile of service.list()) {
    rows.push({ profile, token: await tokenState(service, profile), now });
  }

  if (values.json) {
    const out = rows.map(({ profile, token }) => ({
      ...profile,
      token,
      expiryWarning: expiryWarning(profile, now)?.message ?? null,
    }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write('No tenants yet. Add one: scim-companion tenants add NAME --url URL\n');
    return 0;
  }
  const table = rows.map(({ profile, token }) => [
    profile.name,
    profile.baseUrl,
    profile.policy,
    token,
    profile.tokenExpiresAt ?? '-',
  ]);
  printTable([['NAME', 'BASE URL', 'POLICY', 'TOKEN', 'EXPIRES'], ...table]);
  for (const { profile } of rows) warnExpiry(profile, now);
  return 0;
}

async function test(args: string[], service: TenantService<ScimClient>): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  const result = await testTenantConnection(service, onePositional(positionals, 'NAME'));

  if (values.json) {
    const { discovery: _discovery, ...summary } = result;
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return result.ok ? 0 : 1;
  }
  process.stdout.write(`Testing tenant "${result.tenantName}" (${result.baseUrl})\n`);
  for (const step of result.steps) {
    process.stdout.write(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.step.padEnd(9)} ${step.message}\n`);
    if (step.fix) process.stdout.write(`       fix: ${step.fix}\n`);
  }
  for (const advice of result.expiryAdvice) process.stdout.write(`  note: ${advice}\n`);
  process.stdout.write(
    result.ok ? 'Connection OK (nothing was written).\n' : 'Connection failed.\n',
  );
  return result.ok ? 0 : 1;
}

const CLEARABLE = {
  'ca-file': 'caFile',
  expires: 'tokenExpiresAt',
  notes: 'notes',
  'bound-groups': 'boundGroups',
} as const;

async function update(args: string[], service: TenantService<ScimClient>): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      policy: { type: 'string' },
      'ca-file': { type: 'string' },
      expires: { type: 'string' },
      notes: { type: 'string' },
      protect: { type: 'string' },
      clear: { type: 'string', multiple: true },
      yes: { type: 'boolean' },
    },
  });
  const profile = service.get(onePositional(positionals, 'NAME'));
  const patch: ProfilePatch = {
    baseUrl: values.url,
    policy: values.policy as ProfilePatch['policy'],
    caFile: fullPath(values['ca-file']),
    tokenExpiresAt: values.expires,
    notes: values.notes,
    protectedGroups: splitList(values.protect),
  };
  for (const field of values.clear ?? []) {
    if (!(field in CLEARABLE)) {
      throw new UsageError(`--clear takes ${Object.keys(CLEARABLE).join(', ')}; not "${field}".`);
    }
    patch[CLEARABLE[field as keyof typeof CLEARABLE]] = null;
  }
  if (Object.values(patch).every((value) => value === undefined)) {
    throw new UsageError('Nothing to change: give at least one option.');
  }

  const updated = updateConsented(service, profile, patch, values.yes === true);
  process.stdout.write(`Updated tenant "${updated.name}".\n`);
  warnExpiry(updated);
  return 0;
}

/** `service.update`, with a refused host change told as the command-line fix. */
function updateConsented(
  service: TenantService<ScimClient>,
  profile: TenantProfile,
  patch: ProfilePatch,
  yes: boolean,
): TenantProfile {
  try {
    // With --yes the admin agrees to the URL given in this same command, whatever its origin.
    const sendTokenTo = yes && patch.baseUrl ? originOf(patch.baseUrl) : null;
    return service.update(profile.id, patch, { sendTokenTo });
  } catch (error) {
    if (!(error instanceof TenantHostChangeError)) throw error;
    throw new UsageError(
      `The stored token of tenant "${profile.name}" would be sent to ${error.toHost} (it was ` +
        `for ${error.fromHost}). Add --yes to allow it; or add --yes and use ` +
        `"${replaceTokenCommand(profile.name)}" after the change, before connecting, to give ` +
        `${error.toHost} a token of its own.`,
    );
  }
}

async function rename(args: string[], service: TenantService<ScimClient>): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 2) throw new UsageError('tenants rename needs NAME and NEW_NAME.');
  const before = service.get(positionals[0] as string);
  const after = service.rename(before.id, positionals[1] as string);
  process.stdout.write(`Renamed tenant "${before.name}" to "${after.name}".\n`);
  return 0;
}

async function replaceToken(args: string[], service: TenantService<ScimClient>): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const profile = service.get(onePositional(positionals, 'NAME'));
  const token = await readTokenFromStdin();
  if (!token) throw new UsageError('No token on stdin. Pipe it in, or paste it at the prompt.');
  await service.replaceToken(profile.id, token);
  process.stdout.write(`Replaced the token of tenant "${profile.name}" in the OS keychain.\n`);
  return 0;
}

async function remove(args: string[], service: TenantService<ScimClient>): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const removed = await service.remove(onePositional(positionals, 'NAME'));
  process.stdout.write(`Removed tenant "${removed.name}" and its keychain entry.\n`);
  return 0;
}

/** "stored", "missing", or "keychain unavailable"; never the token. */
async function tokenState(
  service: TenantService<ScimClient>,
  profile: TenantProfile,
): Promise<string> {
  try {
    return (await service.hasToken(profile.id)) ? 'stored' : 'missing';
  } catch (error) {
    if (error instanceof KeychainUnavailableError) return 'keychain unavailable';
    throw error;
  }
}

function warnExpiry(profile: TenantProfile, now: Date = new Date()): void {
  const warning = expiryWarning(profile, now);
  if (warning) process.stderr.write(`Warning: ${warning.message}\n`);
}

function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Expected exactly one ${what}.`);
  return positionals[0] as string;
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) {
    const line = row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
    process.stdout.write(line.trimEnd() + '\n');
  }
}

/** A relative `--ca-file` means the working folder's, as anywhere on a command line. */
function fullPath(path: string | undefined): string | undefined {
  if (path === undefined || path.trim() === '' || path.trim().startsWith('~')) return path;
  return resolve(path.trim());
}

/** The origin of a URL as typed; null when it is no URL (the profile check says why). */
function originOf(url: string): string | null {
  try {
    return new URL(url.trim()).origin;
  } catch {
    return null;
  }
}
