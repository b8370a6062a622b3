/**
 * `apply` of a plan made from a stored tenant trusts the stored profile, not what the plan file
 * says about its tenant: the admin confirms with the profile's name, and a plan whose base URL
 * no longer matches that profile is refused. Needs the real Secret Service (test/run-tests.sh).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src-main/core/actions';
import { demoAuditInputs, startDemoServer, type DemoServer } from '../../src-main/core/demo';
import { KEYRING_AVAILABLE, testServiceName } from '../keychain/helpers';
import { runCli } from './run-cli';

describe.skipIf(!KEYRING_AVAILABLE)('apply of a plan made from a stored tenant', () => {
  let acme: DemoServer;
  let beta: DemoServer;
  let dir: string;
  let env: Record<string, string>;
  let planFile: string;

  beforeAll(async () => {
    [acme, beta] = await Promise.all([startDemoServer(), startDemoServer()]);
    dir = mkdtempSync(join(tmpdir(), 'cli-apply-stored-'));
    env = {
      SCIM_COMPANION_HOME: join(dir, 'data'),
      SCIM_COMPANION_KEYCHAIN_SERVICE: testServiceName(),
    };
    for (const [name, server] of [
      ['Acme', acme],
      ['Beta', beta],
    ] as const) {
      const added = await runCli(
        ['tenants', 'add', name, '--url', server.baseUrl],
        env,
        server.token,
      );
      expect(added.code, added.stderr).toBe(0);
    }

    const { exportFiles, boundGroupsFile } = demoAuditInputs();
    planFile = join(dir, 'plan.json');
    const planned = await runCli(
      [
        'plan',
        '--tenant',
        'Acme',
        ...exportFiles.flatMap((file) => ['--export', file]),
        '--bound-file',
        boundGroupsFile,
        '--only',
        'membership-extra',
        '--out',
        planFile,
        '--quiet',
      ],
      env,
    );
    expect(planned.code, planned.stderr).toBe(0);
  });

  afterAll(async () => {
    const service = env?.SCIM_COMPANION_KEYCHAIN_SERVICE;
    if (service) {
      for (const { account } of await keytar.findCredentials(service)) {
        await keytar.deletePassword(service, account);
      }
    }
    await Promise.all([acme?.close(), beta?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The plan file with its tenant section edited, as a hand edit would leave it. */
  function editedPlan(file: string, tenant: Partial<Plan['tenant']>): string {
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Plan;
    const path = join(dir, file);
    writeFileSync(path, JSON.stringify({ ...plan, tenant: { ...plan.tenant, ...tenant } }));
    return path;
  }

  it('asks for the stored name, not a name edited into the plan', async () => {
    const plan = editedPlan('renamed.json', { name: 'Evil Corp' });

    const refused = await runCli(['apply', plan, '--quiet'], env, 'Evil Corp\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/writes to "Acme"\. Type the tenant name to confirm/);
    expect(refused.stderr).toMatch(/not the tenant name; nothing was sent/);

    const applied = await runCli(['apply', plan, '--tenant', 'Acme', '--quiet'], env, 'Acme\n');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/writes to "Acme"\./);
    expect(applied.stdout).toMatch(/verified/);
  });

  it.each([[[]], [['--tenant', 'Beta']]])(
    'refuses a plan whose base URL is not its stored tenant’s (options %j)',
    async (options) => {
      const plan = editedPlan(`moved-${options.length}.json`, {
        name: 'Beta',
        baseUrl: beta.baseUrl,
      });
      const result = await runCli(['apply', plan, ...options, '--quiet'], env, 'Beta\n');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `scim-companion apply: This plan names the stored tenant "Acme" (base URL ` +
          `${acme.baseUrl}) but says it was made for ${beta.baseUrl}: the plan file was ` +
          "edited, or the tenant's URL changed since. Make the plan again; nothing was sent.\n",
      );
    },
  );
});
