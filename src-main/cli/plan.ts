/**
 * `scim-companion plan`: audits a tenant against a JumpCloud export and writes the repair plan
 * for the selected finding kinds, then prints its preview (every request, with curl).
 */
import {
  ACTIONABLE_KINDS,
  DEFAULT_PLAN_KINDS,
  buildPlan,
  savePlan,
  unknownProtectedGroups,
} from '../core/actions';
import type { FindingKind, Snapshot } from '../core/model';
import {
  AUDIT_OPTIONS,
  AUDIT_OPTIONS_HELP,
  auditTenant,
  checkExportOptions,
  withTenant,
} from './audit-inputs';
import { runCommand } from './command';
import { checkOutputFile, writingTo } from './files';
import { printPreview } from './repair-common';
import { UsageError } from './tenant-options';

const HELP = `Usage: scim-companion plan [tenant options] [export options] [--only KIND,KIND] --out PLAN

Writes a repair plan: the writes that fix the selected findings, each with the state its object
was in now. Review the printed preview, then run "scim-companion apply PLAN".

  --only KINDS           Finding kinds to act on (default: ${DEFAULT_PLAN_KINDS.join(',')});
                         also possible: inactive-user (reactivate)
  --protected NAME       A group no repair may touch without --confirm-privileged (repeat);
                         added to the tenant's protected groups; must be a tenant group
  --out FILE             Where to write the plan (JSON)
  --quiet                Do not print the preview
${AUDIT_OPTIONS_HELP}`;

const OPTIONS = {
  ...AUDIT_OPTIONS,
  only: { type: 'string' },
  protected: { type: 'string', multiple: true },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

export function run(argv: string[]): Promise<number> {
  return runCommand('plan', argv, { options: OPTIONS }, HELP, async ({ values }) => {
    const out = values.out;
    if (!out) throw new UsageError('Say where to write the plan: --out FILE.');
    const kinds = parseKinds(values.only);
    checkExportOptions(values);
    // Before the audit, which may take minutes: a plan that cannot be saved is not worth making.
    await checkOutputFile('the plan', out);

    return await withTenant(values, async (connected) => {
      const { findings, snapshot } = await auditTenant(connected, values);
      const { tenant, client } = connected;
      checkProtected(values.protected ?? [], snapshot.groups);
      const plan = buildPlan({
        tenant: { id: tenant.tenantId, name: tenant.name, baseUrl: client.baseUrl },
        snapshot,
        findings: findings.filter((f) => kinds.includes(f.kind)),
        policy: tenant.policy,
        protectedGroups: [...tenant.protectedGroups, ...(values.protected ?? [])],
      });
      await writingTo('the plan', out, () => savePlan(out, plan));
      if (!values.quiet) printPreview(plan, client);
      const confirm = plan.items.filter((i) => i.confirmReasons.length > 0).length;
      process.stderr.write(
        `Plan written to ${out}: ${plan.items.length} ${plan.items.length === 1 ? 'operation' : 'operations'}` +
          (confirm ? `, ${confirm} needing --confirm-privileged` : '') +
          `. Apply it with: scim-companion apply ${out} ${tenantHint(tenant.tenantId, tenant.name)}\n`,
      );
      return 0;
    });
  });
}

function parseKinds(only: string | undefined): FindingKind[] {
  if (!only) return [...DEFAULT_PLAN_KINDS];
  const kinds = only
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  for (const kind of kinds) {
    if (kind === 'unmanaged-user') {
      throw new UsageError(
        'unmanaged-user findings are local VaultOne accounts and are never repaired.',
      );
    }
    if (!ACTIONABLE_KINDS.includes(kind as FindingKind)) {
      throw new UsageError(
        `--only: "${kind}" is not a kind a repair acts on (${ACTIONABLE_KINDS.join(', ')}).`,
      );
    }
  }
  return kinds as FindingKind[];
}

function tenantHint(tenantId: string | null, name: string): string {
  return tenantId ? `--tenant ${JSON.stringify(name)}` : '--url URL --token-env VAR';
}

/** A protected name that is no tenant group protects nothing: most likely a typo. */
function checkProtected(names: string[], tenantGroups: Snapshot['groups']): void {
  const unknown = unknownProtectedGroups(names, tenantGroups).map((u) => u.name);
  if (unknown.length > 0) {
    throw new UsageError(`--protected: no tenant group is named ${unknown.join(', ')}.`);
  }
}
