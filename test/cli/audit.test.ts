import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EXPECTED_SUMMARY,
  buildDemoOrganisation,
  demoAuditInputs,
  startDemoServer,
  type DemoServer,
} from '../../src-main/core/demo';
import { FINDING_KINDS, type AuditReport } from '../../src-main/core/model';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'scim-companion.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the installed bin as an admin would, in a child process. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
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

describe('scim-companion audit --demo --json', () => {
  let result: CliResult;
  let report: AuditReport;
  beforeAll(async () => {
    result = await cli(['audit', '--demo', '--json']);
    report = JSON.parse(result.stdout) as AuditReport;
  });

  it('exits 0 with only the report on stdout', () => {
    expect(result.code).toBe(0);
    expect(result.stdout.trim().startsWith('{')).toBe(true);
    expect(Object.keys(report)).toEqual(['generatedAt', 'tenant', 'export', 'summary', 'findings']);
  });

  it('counts exactly what the demo dataset was built to show, every kind', () => {
    expect(Object.keys(report.summary)).toEqual([...FINDING_KINDS]);
    for (const kind of FINDING_KINDS) {
      expect({ kind, count: report.summary[kind] }).toEqual({
        kind,
        count: DEMO_EXPECTED_SUMMARY[kind],
      });
    }
    expect(report.findings).toHaveLength(
      Object.values(DEMO_EXPECTED_SUMMARY).reduce((a, b) => a + b, 0),
    );
  });

  it('describes the tenant and the export as the generator built them', () => {
    const org = buildDemoOrganisation();
    expect(new Date(report.generatedAt).toISOString()).toBe(report.generatedAt);
    expect(report.tenant.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    expect(report.tenant.users).toBe(org.tenant.users.length);
    expect(report.tenant.groups).toBe(org.tenant.groups.length);
    expect(report.export.format).toBe('admin-users-to-groups-csv');
    expect(report.export.users).toBe(org.jumpcloud.users.length);
    expect(report.export.groups).toBe(org.jumpcloud.groups.length);
    expect(report.export.boundGroups).toEqual(org.jumpcloud.boundGroupNames);
  });

  it('gives every finding the documented shape', () => {
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(['kind', 'target', 'reason', 'action', 'detail']);
      expect(FINDING_KINDS).toContain(finding.kind);
      expect(['user', 'group']).toContain(finding.target.type);
      expect(finding.target.id === null || typeof finding.target.id === 'string').toBe(true);
      expect(typeof finding.target.name).toBe('string');
      expect(finding.reason.length).toBeGreaterThan(0);
      expect(typeof finding.detail).toBe('object');
    }
    const unmanaged = report.findings.filter((f) => f.kind === 'unmanaged-user');
    expect(unmanaged.every((f) => f.action === null)).toBe(true);
    const missing = report.findings.filter((f) => f.kind === 'missing-user');
    expect(missing.every((f) => f.target.id === null)).toBe(true);
  });
});

describe('scim-companion audit exit codes', () => {
  let server: DemoServer;
  beforeAll(async () => {
    server = await startDemoServer();
  });
  afterAll(async () => {
    await server.close();
  });
  const demoExport = () => demoAuditInputs().exportFiles[0];

  it('prints a readable table and exits 0 against a real tenant URL', async () => {
    const result = await cli(
      ['audit', '--url', server.baseUrl, '--token-env', 'DEMO_TOKEN', '--export', demoExport()],
      { DEMO_TOKEN: server.token },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Summary$/m);
    // No bound groups given and none in the export: every group counts as bound, said plainly.
    expect(result.stdout).toMatch(/treated as bound/);
    expect(result.stdout).not.toContain(server.token);
  });

  it('exits 1 with one line on stderr when the token is refused', async () => {
    const result = await cli(
      ['audit', '--url', server.baseUrl, '--token-env', 'DEMO_TOKEN', '--export', demoExport()],
      { DEMO_TOKEN: 'demo-wrong-token-0123456789abcdef' },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^scim-companion audit: .*401/);
  });

  it('exits 1 when the export cannot be read', async () => {
    const result = await cli(
      [
        'audit',
        '--url',
        server.baseUrl,
        '--token-env',
        'DEMO_TOKEN',
        '--export',
        '/nonexistent.csv',
      ],
      { DEMO_TOKEN: server.token },
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^scim-companion audit: \/nonexistent\.csv: expected a readable/);
  });

  it('names an export that is a folder by the path given', async () => {
    const tenant = ['--url', server.baseUrl, '--token-env', 'DEMO_TOKEN'];
    const result = await cli(['audit', ...tenant, '--export', ROOT], { DEMO_TOKEN: server.token });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `scim-companion audit: ${ROOT}: expected a file, found a folder or device\n`,
    );
  });

  it('exits 1 when the tenant is unreachable', async () => {
    const port = await closedPort();
    const result = await cli(
      ['audit', '--url', `http://127.0.0.1:${port}/scim/v2`, '--token-env', 'DEMO_TOKEN'].concat([
        '--export',
        demoExport(),
      ]),
      { DEMO_TOKEN: server.token },
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['audit', '--no-such-option']],
    [['audit']],
    [['audit', '--demo', '--export', 'x.csv']],
    [['audit', '--demo', '--policy', 'shred']],
  ])('exits 2 for bad arguments: %j', async (args) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^scim-companion audit: /);
  });
});

describe('scim-companion demo-server', () => {
  it('prints its base URL and token, serves SCIM, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'demo-server'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => /Token:\s+\S+/.test(out) && resolve());
      child.on('exit', () => reject(new Error(`demo-server exited early: ${out}`)));
    });

    const baseUrl = /Base URL: (\S+)/.exec(out)?.[1] as string;
    const token = /Token:\s+(\S+)/.exec(out)?.[1] as string;
    const response = await fetch(`${baseUrl}/Users?count=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { totalResults: number };
    expect(body.totalResults).toBe(buildDemoOrganisation().tenant.users.length);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
