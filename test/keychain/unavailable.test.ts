/**
 * Where no Secret Service answers, adding a tenant fails with KeychainUnavailableError saying
 * what to install or unlock, and nothing is written anywhere else. Runs the real CLI and the
 * real keychain module in child processes whose D-Bus session points at nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TenantStore } from '../../src-main/core/tenants';
import {
  allFiles,
  filesContaining,
  recognisableToken,
  REPO,
  runCli,
  testServiceName,
} from './helpers';

const LINUX = process.platform === 'linux';
const HAS_DBUS_RUN_SESSION = LINUX && spawnSync('which', ['dbus-run-session']).status === 0;
const HAS_GNOME_KEYRING = LINUX && spawnSync('which', ['gnome-keyring-daemon']).status === 0;

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'keychain-absent-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** The environment of a process that can reach no D-Bus session, hence no Secret Service. */
function noBusEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SCIM_COMPANION_HOME: dataDir,
    SCIM_COMPANION_KEYCHAIN_SERVICE: testServiceName(),
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dataDir, 'no-such-bus')}`,
  };
  delete env.DISPLAY;
  return env;
}

describe.skipIf(!LINUX)('keychain absent', () => {
  it('tenants add exits 1 with install/unlock advice and stores nothing', async () => {
    const token = recognisableToken();

    const result = await runCli(
      ['tenants', 'add', 'Acme', '--url', 'https://acme.example.com/v2'],
      noBusEnv(),
      `${token}\n`,
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/OS keychain is not available/);
    expect(result.stderr).toMatch(/gnome-keyring or KWallet/);
    expect(result.stderr).toMatch(/unlock the login keyring/);
    expect(result.stdout + result.stderr).not.toContain(token);
    expect(filesContaining(dataDir, token)).toEqual([]);
    // No profile without its token either.
    const listed = await runCli(['tenants', 'list', '--json'], noBusEnv());
    expect(JSON.parse(listed.stdout)).toEqual([]);
    expect(allFiles(dataDir).filter((f) => f !== 'tenants.json')).toEqual([]);
  });

  it('tenants remove refuses, keeping the profile, rather than orphan a keychain entry', async () => {
    new TenantStore(dataDir).save([
      {
        id: '33333333-3333-4333-8333-333333333333',
        name: 'Acme',
        baseUrl: 'https://acme.example.com/v2',
        policy: 'deactivate',
        protectedGroups: [],
        boundGroups: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);

    const result = await runCli(['tenants', 'remove', 'Acme'], noBusEnv());

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/OS keychain is not available/);
    expect(new TenantStore(dataDir).list().map((t) => t.name)).toEqual(['Acme']);
  });

  it('OsKeychain throws KeychainUnavailableError, not a raw D-Bus error', async () => {
    const script = `
      import { OsKeychain } from './src-main/core/tenants/keychain.ts';
      try {
        await new OsKeychain(process.env.SCIM_COMPANION_KEYCHAIN_SERVICE).write('t1', 'secret');
        console.log('WROTE');
      } catch (error) {
        console.log(JSON.stringify({ name: error.name, message: error.message }));
      }`;
    const out = await runNode(script, noBusEnv());
    const error = JSON.parse(out.trim()) as { name: string; message: string };
    expect(error.name).toBe('KeychainUnavailableError');
    expect(error.message).toMatch(/Secret Service/);
  });

  it.skipIf(!HAS_DBUS_RUN_SESSION)(
    'a D-Bus session without any Secret Service gives the same error',
    async () => {
      const token = recognisableToken();
      const env = { ...noBusEnv() };
      delete env.DBUS_SESSION_BUS_ADDRESS;
      const result = await runCommand(
        'dbus-run-session',
        [
          '--',
          process.execPath,
          join(REPO, 'bin/scim-companion.js'),
          'tenants',
          'add',
          'Acme',
          '--url',
          'https://a.example.com',
        ],
        env,
        token,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/OS keychain is not available/);
      expect(filesContaining(dataDir, token)).toEqual([]);
    },
  );
});

describe.skipIf(!HAS_DBUS_RUN_SESSION || !HAS_GNOME_KEYRING)('keychain locked', () => {
  it('tenants add exits 1 asking to unlock the login keyring, and stores nothing', async () => {
    const token = recognisableToken();
    const keyrings = join(dataDir, 'keyrings-home');
    // A login keyring made with one password, then a daemon that fails to unlock it with another:
    // the keyring stays locked, and no prompt can be shown without a display.
    const script = `
      set -e
      mkdir -p "$KEYRINGS"
      eval "$(printf right | XDG_DATA_HOME="$KEYRINGS" gnome-keyring-daemon --unlock --components=secrets)"
      "$NODE" -e "require('keytar').setPassword('scim-companion-lock-probe', 'a', 'b')"
      eval "$(printf wrong | XDG_DATA_HOME="$KEYRINGS" gnome-keyring-daemon --replace --unlock --components=secrets 2>/dev/null)"
      "$NODE" "$CLI" tenants add Acme --url https://acme.example.com/v2
    `;
    const env: NodeJS.ProcessEnv = {
      ...noBusEnv(),
      KEYRINGS: keyrings,
      NODE: process.execPath,
      CLI: join(REPO, 'bin/scim-companion.js'),
    };
    delete env.DBUS_SESSION_BUS_ADDRESS;

    const result = await runCommand('dbus-run-session', ['--', 'bash', '-c', script], env, token);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/locked collection/);
    expect(result.stderr).toMatch(/unlock the login keyring/);
    expect(result.stdout + result.stderr).not.toContain(token);
    const plaintext = filesContaining(dataDir, token);
    expect(plaintext).toEqual([]);
  });
});

function runNode(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return runCommand(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    env,
    '',
  ).then((result) => {
    if (result.code !== 0) throw new Error(`child failed: ${result.stderr}`);
    return result.stdout;
  });
}

function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd: REPO });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
