import { describe, expect, it } from 'vitest';
import { describeBoundSource, resolveBoundGroups } from '../../../src-main/core/reconcile';
import { directory, jcGroup } from './builders';

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
    const bound = resolveBoundGroups(directory([], groups), [' Legal', 'LEGAL', 'Marketing', '']);
    expect(bound.source).toBe('admin');
    expect(bound.names).toEqual(['Legal', 'Marketing']);
    expect(bound.unknownNames).toEqual(['Marketing']);
  });

  it('treats every group as bound when nothing else says, and says so', () => {
    const bound = resolveBoundGroups(directory([], groups, { boundGroups: [] }), null);
    expect(bound.source).toBe('all-groups');
    expect(bound.names).toEqual(['Engineering', 'Finance', 'Legal']);
    expect(describeBoundSource(bound.source, 3)).toMatch(/all 3 group\(s\).*treated as bound/);
  });
});
