/** The checks right before a write: is it still wanted, and is this the tenant it was for. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src-main/core/actions/plan';
import { checkPlanTenant, TenantMismatchError } from '../../../src-main/core/actions/run';
import { verdictFor } from '../../../src-main/core/actions/state-check';
import * as f from './fixtures';

const alice = f.user('u-alice', 'alice');
const snap = f.snapshot([alice], [f.group('g-eng', 'Engineering', [])]);
const [deactivate] = buildPlan({
  tenant: f.TENANT,
  snapshot: snap,
  findings: [f.deprovision(alice)],
  policy: 'deactivate',
}).items;

describe('the check before a write', () => {
  it('sends the write when the user is as planned', () => {
    expect(verdictFor(deactivate!, { type: 'user', user: alice })).toEqual({ action: 'write' });
  });

  it('refuses a user who gained roles or entitlements since planning', () => {
    const now = { ...alice, privileged: true };
    const verdict = verdictFor(deactivate!, { type: 'user', user: now });
    expect(verdict.action).toBe('refuse');
    expect(verdict).toMatchObject({ message: expect.stringContaining('roles or entitlements') });
  });

  it('judges a plan without the privilege field by its confirmation reasons', () => {
    const { privileged: _dropped, ...older } = deactivate!.expected as { privileged?: boolean };
    const item = { ...deactivate!, expected: older as typeof deactivate.expected };
    const now = { type: 'user' as const, user: { ...alice, privileged: true } };

    expect(verdictFor(item, now).action).toBe('refuse');
    const confirmed = { ...item, confirmReasons: ['alice carries roles or entitlements'] };
    expect(verdictFor(confirmed, now)).toEqual({ action: 'write' });
  });

  it('lets a privileged user be reactivated: that grants nothing JumpCloud does not expect', () => {
    const inactive = { ...alice, active: false };
    const [reactivate] = buildPlan({
      tenant: f.TENANT,
      snapshot: f.snapshot([inactive], []),
      findings: [f.inactive(inactive)],
      policy: 'deactivate',
    }).items;
    const now = { type: 'user' as const, user: { ...inactive, privileged: true } };
    expect(verdictFor(reactivate!, now)).toEqual({ action: 'write' });
  });
});

describe('the tenant a plan was made for', () => {
  const plan = {
    tenant: { id: null, name: 'Acme', baseUrl: 'https://Acme.example.com/scim/v2/T1' },
  };

  it('accepts the same URL with another host case or a trailing slash', () => {
    const check = (url: string) => checkPlanTenant(plan as never, url);
    expect(() => check('https://acme.example.com/scim/v2/T1/')).not.toThrow();
    expect(() => check('HTTPS://ACME.EXAMPLE.COM/scim/v2/T1')).not.toThrow();
  });

  it('refuses a path that differs only by case: another tenant on the same host', () => {
    expect(() => checkPlanTenant(plan as never, 'https://acme.example.com/scim/v2/t1')).toThrow(
      TenantMismatchError,
    );
  });
});
