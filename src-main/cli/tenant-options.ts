/**
 * The tenant options every command that talks to a tenant shares: `--tenant NAME` (a stored
 * profile, its token from the OS keychain) or `--url URL --token-env VAR` (a token from an
 * environment variable). A token is never accepted as an argument: the process list and shell
 * history would keep it.
 *
 * Usage:
 *   const { values } = parseArgs({ args: argv, options: { ...TENANT_OPTIONS, json: {...} } });
 *   const tenant = await resolveTenant(values);           // throws UsageError or another Error
 *   ...
 *   catch (error) { return reportCliError('audit', error); }  // prints one line, returns 1 or 2
 */
import { existsSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import {
  baseUrlSchema,
  defaultDataDir,
  expiryWarning,
  TenantInputError,
  TenantService,
  tokenSchema,
  unauthorizedAdvice,
  type DeprovisionPolicy,
  type TokenKeychain,
} from '../core/tenants';
import { plainFsMessage, rawFsErrorMessage } from './files';

/** Spread into a `parseArgs` options object. */
export const TENANT_OPTIONS = {
  tenant: { type: 'string' },
  url: { type: 'string' },
  'token-env': { type: 'string' },
  'ca-file': { type: 'string' },
  policy: { type: 'string' },
  // Declared only to refuse it with a helpful message instead of "unknown option".
  token: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Help text lines for the options above, for a command's `--help`. */
export const TENANT_OPTIONS_HELP = `  --tenant NAME          A stored tenant (scim-companion tenants add); token from the OS keychain
  --url URL              The tenant's SCIM base URL, with --token-env
  --token-env VAR        Name of the environment variable holding the bearer token
  --ca-file FILE         PEM file of a private CA (TLS verification always stays on)
  --policy P             deactivate | delete (default: the tenant's, else deactivate)`;

export interface TenantOptionValues {
  tenant?: string;
  url?: string;
  'token-env'?: string;
  'ca-file'?: string;
  policy?: string;
  token?: string;
}

/** Everything a command needs to talk to one tenant. Keep `token` in memory only. */
export interface ResolvedTenant {
  /** The profile name, or the URL's host for `--url`. */
  name: string;
  /** The profile id for `--tenant`, null for `--url`. */
  tenantId: string | null;
  baseUrl: string;
  token: string;
  policy: DeprovisionPolicy;
  protectedGroups: string[];
  /** The bound groups last picked for this tenant, null when none were remembered. */
  boundGroups: string[] | null;
  caFile: string | null;
  /** A sentence when the token's entered expiry date is near or past; print it on stderr. */
  expiryWarning: string | null;
}

/** Bad arguments: the command prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  dataDir?: string;
  keychain?: TokenKeychain;
  now?: Date;
}

/**
 * Resolves the tenant options into a connection. Throws UsageError for argument mistakes
 * (exit 2) and typed runtime errors (unknown tenant, keychain unavailable, token missing, empty
 * variable, missing CA file: exit 1).
 */
export async function resolveTenant(
  values: TenantOptionValues,
  options: ResolveOptions = {},
): Promise<ResolvedTenant> {
  const env = options.env ?? process.env;
  const policy = parsePolicy(values.policy);
  checkCombination(values);

  const resolved = values.tenant
    ? await fromProfile(values.tenant, options, env)
    : fromUrl(values.url ?? '', values['token-env'] ?? '', env);

  if (policy) resolved.policy = policy;
  if (values['ca-file']) resolved.caFile = values['ca-file'];
  if (resolved.caFile && !existsSync(resolved.caFile)) {
    throw new Error(`The CA file ${resolved.caFile} does not exist.`);
  }
  return resolved;
}

function checkCombination(values: TenantOptionValues): void {
  if (values.token !== undefined) {
    throw new UsageError(
      'A token is never accepted as an argument (it would stay in the shell history and process ' +
        'list). Store it with "scim-companion tenants add", or name a variable with --token-env.',
    );
  }
  if (values.tenant !== undefined && (values.url !== undefined || values['token-env'])) {
    throw new UsageError('Use either --tenant NAME or --url URL --token-env VAR, not both.');
  }
  if (values.tenant === undefined && values.url === undefined) {
    throw new UsageError('Name the tenant: --tenant NAME, or --url URL --token-env VAR.');
  }
  if (values.tenant !== undefined && !values.tenant.trim()) {
    throw new UsageError('--tenant needs a tenant name.');
  }
  if (values.url !== undefined && !values['token-env']) {
    throw new UsageError(
      '--url needs --token-env VAR, the environment variable holding the token.',
    );
  }
}

async function fromProfile(
  name: string,
  options: ResolveOptions,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedTenant> {
  const service = new TenantService({
    dataDir: options.dataDir ?? defaultDataDir(env),
    keychain: options.keychain,
  });
  const { profile, connection } = await service.connectionFor(name);
  return {
    name: profile.name,
    tenantId: profile.id,
    baseUrl: connection.baseUrl,
    token: connection.token,
    policy: profile.policy,
    protectedGroups: [...profile.protectedGroups],
    boundGroups: profile.boundGroups ? [...profile.boundGroups] : null,
    caFile: connection.caFile ?? null,
    expiryWarning: expiryWarning(profile, options.now ?? new Date())?.message ?? null,
  };
}

function fromUrl(url: string, variable: string, env: NodeJS.ProcessEnv): ResolvedTenant {
  const baseUrl = baseUrlSchema.safeParse(url);
  if (!baseUrl.success) {
    throw new UsageError(`--url: ${baseUrl.error.issues.map((i) => i.message).join(' ')}`);
  }
  const value = env[variable];
  if (value === undefined || value.trim() === '') {
    throw new Error(`The environment variable ${variable} (from --token-env) is not set or empty.`);
  }
  const token = tokenSchema.safeParse(value);
  if (!token.success) {
    // The messages name the problem, never the value.
    const problems = token.error.issues.map((issue) => issue.message).join(' ');
    throw new Error(
      `The environment variable ${variable} does not hold a usable token: ${problems}`,
    );
  }
  return {
    name: new URL(baseUrl.data).host,
    tenantId: null,
    baseUrl: baseUrl.data,
    token: token.data,
    policy: 'deactivate',
    protectedGroups: [],
    boundGroups: null,
    caFile: null,
    expiryWarning: null,
  };
}

function parsePolicy(value: string | undefined): DeprovisionPolicy | null {
  if (value === undefined) return null;
  if (value === 'deactivate' || value === 'delete') return value;
  throw new UsageError(`--policy must be "deactivate" or "delete", not "${value}".`);
}

/** 2 for bad arguments (UsageError, TenantInputError, parseArgs errors), 1 for anything else. */
export function exitCodeOf(error: unknown): 1 | 2 {
  if (error instanceof UsageError || error instanceof TenantInputError) return 2;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_') ? 2 : 1;
}

/**
 * Prints `scim-companion COMMAND: message` (plus expired-token advice on a 401) on stderr as one
 * line, and returns the exit code. Messages of this app never carry a token. This is where every
 * command's errors end up, so raw file system errors are put into words here.
 */
export function reportCliError(command: string, error: unknown): 1 | 2 {
  const message =
    rawFsErrorMessage(error) ??
    plainFsMessage(error instanceof Error ? error.message : String(error));
  const advice = unauthorizedAdvice(error);
  const line = advice && !message.includes('expired') ? `${message} ${advice}` : message;
  process.stderr.write(`scim-companion ${command}: ${line.replace(/\s*\n\s*/g, ' ')}\n`);
  return exitCodeOf(error);
}

/**
 * Reads a token from stdin: the whole of piped input, or one hidden line typed at a terminal.
 * Never echoes it.
 */
export async function readTokenFromStdin(
  stdin: NodeJS.ReadStream = process.stdin,
  prompt: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  prompt.write('Paste the integration token (input hidden), then press Enter: ');
  return readHiddenLine(stdin, prompt);
}

function readHiddenLine(stdin: NodeJS.ReadStream, prompt: NodeJS.WritableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      prompt.write('\n');
      if (error) reject(error);
      else resolve(line.trim());
    };
    const onData = (data: Buffer): void => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new UsageError('Cancelled.'));
        if (char === '\u007f' || char === '\b') line = line.slice(0, -1);
        else line += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
