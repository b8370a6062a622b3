/**
 * The export checks every audit-based command shares (`audit`, `plan`, `report`): bad inputs
 * that would otherwise plan a mass deprovision or delete are refused with one line on stderr.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAssetsDir, startDemoServer, type DemoServer } from '../../src-main/core/demo';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'scim-companion.js');
const REPORT = 'users-to-user-groups-59ca7151a650accf0e2bb218-20261101Z.csv';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('audit refuses inputs that cannot support its conclusions', () => {
  let server: DemoServer;
  let dir: string;
  let audit: (...args: string[]) => Promise<CliResult>;
  beforeAll(async () => {
    server = await startDemoServer();
    dir = await mkdtemp(join(tmpdir(), 'scim-audit-inputs-'));
    audit = (...args) =>
      cli(['audit', '--url', server.baseUrl, '--token-env', 'DEMO_TOKEN', ...args], {
        DEMO_TOKEN: server.token,
      });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 1 for a header-only export instead of planning to remove everyone', async () => {
    const full = await readFile(join(demoAssetsDir(), REPORT), 'utf8');
    const headerOnly = join(dir, 'header-only.csv');
    await writeFile(headerOnly, full.split(/\r?\n/)[0] + '\r\n');

    const result = await audit('--export', headerOnly, '--json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/carries no users/);
  });

  it('exits 1 for a users-only export: no groups, no group conclusions', async () => {
    const users = join(demoAssetsDir(), 'JumpCloudUsers_20261101T0900000000.CSV');
    const result = await audit('--export', users, '--bound', 'Engineering');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/carries no user groups: add the 'Users to User Groups' report/);
  });

  it('exits 2 for a mistyped bound group, suggesting the real one', async () => {
    const result = await audit('--export', join(demoAssetsDir(), REPORT), '--bound', 'Enginering');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/not in the export: Enginering \(did you mean Engineering\?\)/);
  });

  // Exit 2 since a bound file's content became a bad argument, like a mistyped --bound (was 1).
  it('exits 2 for a bound file that is not a list of names', async () => {
    const bad = join(dir, 'bound.txt');
    await writeFile(bad, '{"hello":[1,2,3]}');
    const result = await audit('--export', join(demoAssetsDir(), REPORT), '--bound-file', bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bound\.txt, \$: expected a JSON array of group names/);
  });

  it('exits 2 for an empty bound file, as the README says, instead of auditing', async () => {
    const empty = join(dir, 'empty-bound.txt');
    await writeFile(empty, '# nothing here yet\n');
    const result = await audit('--export', join(demoAssetsDir(), REPORT), '--bound-file', empty);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/empty-bound\.txt: expected at least one bound group name/);
  });

  it('exits 1 for a bound file that cannot be read, naming it as given', async () => {
    const missing = join(dir, 'no-such-bound.txt');
    const result = await audit('--export', join(demoAssetsDir(), REPORT), '--bound-file', missing);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `scim-companion audit: Cannot read the bound groups file ${missing}: ` +
        'no such file or folder.\n',
    );
  });

  it.each([[''], [','], [' , ']])(
    'exits 2 for --bound %j instead of treating every group as bound',
    async (bound) => {
      const result = await audit('--export', join(demoAssetsDir(), REPORT), '--bound', bound);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^scim-companion audit: --bound names no group/);
    },
  );

  it('exits 2 for an --application the backup binds nothing to, naming its apps', async () => {
    const zip = join(demoAssetsDir(), 'JumpCloud_20261101T0900000000.zip');
    const result = await audit('--export', zip, '--application', 'Nope', '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--application "Nope": .* it has bindings for VaultOne/);
  });

  it('with --json, notes on stderr that every group counted as bound', async () => {
    const result = await audit('--export', join(demoAssetsDir(), REPORT), '--json');
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout) as unknown).not.toThrow();
    const notes = result.stderr.trim().split('\n');
    expect(notes.every((line) => line.startsWith('Note: '))).toBe(true);
    expect(notes).toContainEqual(
      expect.stringMatching(/^Note: .*no bound groups were given: all \d+ groups .* as bound\.$/),
    );
  });

  it('notes on stderr that --bound is ignored when the export has bindings', async () => {
    const zip = join(demoAssetsDir(), 'JumpCloud_20261101T0900000000.zip');
    const result = await audit('--export', zip, '--bound', 'Engineering', '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/binding data; its bound groups were used and --bound/);
  });

  it('names --max-file-mb when an export is over the limit, and honours it', async () => {
    const path = join(demoAssetsDir(), REPORT);
    const small = await audit('--export', path, '--max-file-mb', '0.01', '--json');
    expect(small.code).toBe(1);
    expect(small.stderr).toMatch(
      /larger than the 10\.2 KiB limit; raise it with --max-file-mb \d+/,
    );

    const bad = await audit('--export', path, '--max-file-mb', 'lots');
    expect(bad.code).toBe(2);
  });
});
