/**
 * Shared setup for the keychain tests: they talk to the real Secret Service that
 * test/run-tests.sh starts (gnome-keyring in a private D-Bus session), under a keychain service
 * name of their own so no real entry is ever touched.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import keytar from 'keytar';

export const KEYRING_AVAILABLE = process.env.SCIM_COMPANION_KEYRING === 'available';

export const SKIP_REASON =
  'SCIM_COMPANION_KEYRING is not "available": run through test/run-tests.sh, which starts ' +
  'gnome-keyring in a private D-Bus session.';

if (!KEYRING_AVAILABLE) process.stdout.write(`[keychain tests skipped] ${SKIP_REASON}\n`);

export const REPO = resolve(__dirname, '../..');
export const CLI = join(REPO, 'bin/scim-companion.js');

/** A keychain service name used by one test file only. */
export function testServiceName(): string {
  return `scim-companion-test-${randomUUID()}`;
}

/** A token nobody could mistake for anything else, to search for afterwards. */
export function recognisableToken(): string {
  return `LEAKCANARY${randomUUID().replaceAll('-', '')}`;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process, with `input` piped to stdin. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Every file under `dir` whose bytes contain `needle`, as paths relative to `dir`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (readFileSync(path).includes(needle)) hits.push(path.slice(dir.length + 1));
    }
  };
  walk(dir);
  return hits;
}

/** Every file under `dir`, relative. */
export function allFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path.slice(dir.length + 1));
    }
  };
  walk(dir);
  return files;
}

/** One test's own data folder and keychain service, with the environment the CLI runs in. */
export interface CliSandbox {
  dataDir: string;
  service: string;
  env: NodeJS.ProcessEnv;
}

export function openCliSandbox(prefix: string): CliSandbox {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const service = testServiceName();
  const env = {
    ...process.env,
    SCIM_COMPANION_HOME: dataDir,
    SCIM_COMPANION_KEYCHAIN_SERVICE: service,
  };
  return { dataDir, service, env };
}

/** Deletes every keychain entry of the sandbox's service, then its data folder. */
export async function closeCliSandbox({ dataDir, service }: CliSandbox): Promise<void> {
  for (const { account } of await keytar.findCredentials(service)) {
    await keytar.deletePassword(service, account);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
