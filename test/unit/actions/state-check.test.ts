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

  it('still applies a plan file from before privilege was recorded', () => {
    const { privileged: _dropped, ...older } = deactivate!.expected as { privileged?: boolean };
    const item = { ...deactivate!, expected: older as typeof deactivate.expected };
    const verdict = verdictFor(item, { type: 'user', user: { ...alice, privileged: true } });
    expect(verdict).toEqual({ action: 'write' });
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
