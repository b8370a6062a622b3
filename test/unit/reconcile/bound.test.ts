import { describe, expect, it } from 'vitest';
import {
  AuditInputError,
  describeBoundSource,
  reconcile,
  resolveBoundGroups,
} from '../../../src-main/core/reconcile';
import { directory, jcGroup, jcUser, snapshot, tenantGroup, tenantUser } from './builders';

const groups = [jcGroup('Engineering', []), jcGroup('Finance', []), jcGroup('Legal', [])];

describe('resolveBoundGroups', () => {
  it('takes the export binding data first, even when the admin gave a list', () => {
    const bound = resolveBoundGroups(directory([], groups, { boundGroups: ['finance'] }), [
      'Legal',
    ]);
    expect(bound.source).toBe('export');
    expect(bound.names).toEqual(['finance']);
    expect(bound.groups.map((g) => g.name)).toEqual(['Finance']);
  });

  it("uses the admin's list when the export has no binding data, without repeats", () => {
    const bound = resolveBoundGroups(directory([], groups), [' Legal', 'LEGAL', 'finance', '']);
    expect(bound.source).toBe('admin');
    expect(bound.names).toEqual(['Legal', 'finance']);
    expect(bound.groups.map((g) => g.name)).toEqual(['Finance', 'Legal']);
    expect(bound.unknownNames).toEqual([]);
  });

  it('treats every group as bound when nothing else says, and says so', () => {
    const bound = resolveBoundGroups(directory([], groups, { boundGroups: [] }), null);
    expect(bound.source).toBe('all-groups');
    expect(bound.names).toEqual(['Engineering', 'Finance', 'Legal']);
    expect(describeBoundSource(bound.source, 3)).toMatch(/all 3 groups.*treated as bound/);
  });
});

/** The error `run` throws, or null when it returns. */
function errorOf(run: () => unknown): AuditInputError | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof AuditInputError) return error;
    throw error;
  }
}

describe('resolveBoundGroups refuses bound names that would empty the plan', () => {
  it('refuses an admin name the export does not contain, suggesting the close one', () => {
    const error = errorOf(() => resolveBoundGroups(directory([], groups), ['Enginering']));
    expect(error?.problem).toBe('unknown-bound');
    expect(error?.unknownNames).toEqual(['Enginering']);
    expect(error?.message).toBe(
      'Bound group not in the export: Enginering (did you mean Engineering?). ' +
        'Check the spelling, or export the groups too.',
    );
  });

  it('refuses even when other names are known, and suggests nothing for a far name', () => {
    const error = errorOf(() => resolveBoundGroups(directory([], groups), ['Legal', 'Marketing']));
    expect(error?.problem).toBe('unknown-bound');
    expect(error?.message).toMatch(/^Bound group not in the export: Marketing\. /);
  });

  it('refuses export binding data none of whose groups is in the export', () => {
    const error = errorOf(() =>
      resolveBoundGroups(directory([], groups, { boundGroups: ['Sales'] }), null),
    );
    expect(error?.problem).toBe('no-bound');
  });
});

describe('reconcile refuses an export that cannot support conclusions', () => {
  const ann = jcUser('k-ann', 'ann');
  const snap = snapshot(
    [tenantUser('t-ann', 'ann'), tenantUser('t-bob', 'bob')],
    [tenantGroup('g-eng', 'Engineering', ['t-ann'])],
  );

  it('refuses a users-only export (no groups) instead of calling every group an orphan', () => {
    const error = errorOf(() => reconcile(snap, directory([ann], [], { sources: ['u.csv'] })));
    expect(error?.problem).toBe('no-groups');
    expect(error?.message).toMatch(
      /^The export \(u\.csv\) carries no user groups: add the 'Users to User Groups' report/,
    );
    expect(error?.message).not.toMatch(/does not know/);
  });

  it('refuses a header-only export (no users, no groups)', () => {
    expect(errorOf(() => reconcile(snap, directory([], [])))?.problem).toBe('no-users');
  });

  it('refuses a mistyped bound name instead of deleting every group', () => {
    const dir = directory([ann], [jcGroup('Engineering', [ann.key])]);
    expect(errorOf(() => reconcile(snap, dir, { boundGroups: ['Enginering'] }))?.problem).toBe(
      'unknown-bound',
    );
    const kinds = reconcile(snap, dir, { boundGroups: ['engineering'] }).findings.map(
      (f) => f.kind,
    );
    expect(kinds).not.toContain('orphan-group');
  });
});

describe('resolveBoundGroups with a group-members export (no rows for empty groups)', () => {
  const members = directory([], groups, { format: 'powershell-group-members-csv' });

  it('tolerates a bound name that may be an empty group, and reports it as unknown', () => {
    const bound = resolveBoundGroups(members, ['Legal', 'Access Reviewers']);
    expect(bound.unknownNames).toEqual(['Access Reviewers']);
    expect(bound.groups.map((g) => g.name)).toEqual(['Legal']);
  });

  it('still refuses a name that reads like a typo of a group the export has', () => {
    const error = errorOf(() => resolveBoundGroups(members, ['Legal', 'Finanse']));
    expect(error?.message).toMatch(/Finanse \(did you mean Finance\?\)/);
  });
});
