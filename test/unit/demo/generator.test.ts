import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEMO_EXPECTED_SUMMARY,
  DEMO_EXPORT_WRITERS,
  buildDemoOrganisation,
  demoAssetsDir,
  writeBoundGroupsFile,
} from '../../../src-main/core/demo';
import { writeDemoAssets } from '../../../src-main/core/demo/write-assets';
import { FINDING_KINDS } from '../../../src-main/core/model';

const org = buildDemoOrganisation();

describe('demo organisation generator', () => {
  it('builds the same organisation every time', () => {
    expect(buildDemoOrganisation()).toEqual(org);
  });

  it('is a realistic size: a few hundred users, a few dozen groups', () => {
    expect(org.jumpcloud.users.length).toBeGreaterThanOrEqual(200);
    expect(org.jumpcloud.users.length).toBeLessThanOrEqual(500);
    expect(org.jumpcloud.groups.length).toBeGreaterThanOrEqual(24);
    expect(org.tenant.users.length).toBeGreaterThanOrEqual(200);
  });

  it('gives JumpCloud users unique 24-hex ids and unique usernames', () => {
    const ids = org.jumpcloud.users.map((u) => u.id);
    expect(ids.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const names = org.jumpcloud.users.map((u) => u.username.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('has suspended, password-expired and staged JumpCloud users', () => {
    const states = org.jumpcloud.users.map((u) => u.state);
    expect(states).toContain('SUSPENDED');
    expect(states).toContain('STAGED');
    expect(org.jumpcloud.users.some((u) => u.passwordExpired)).toBe(true);
  });

  it('plants at least one anomaly of every finding kind and counts them per kind', () => {
    for (const kind of FINDING_KINDS) expect(org.expected[kind]).toBeGreaterThan(0);
    const counted = Object.fromEntries(FINDING_KINDS.map((k) => [k, 0]));
    for (const plant of org.plants) counted[plant.kind] += 1;
    expect(counted).toEqual(org.expected);
    expect(DEMO_EXPECTED_SUMMARY).toEqual(org.expected);
  });
});

describe('demo export writers', () => {
  it('writes the PowerShell CSV with one row per group member and no rows for empty groups', () => {
    const file = DEMO_EXPORT_WRITERS['powershell-group-members-csv'].write(org);
    const parsed = Papa.parse<string[]>(file.content.trim(), { skipEmptyLines: true });
    expect(parsed.data[0]).toEqual(['GroupName', 'Username', 'UserID']);
    const memberships = org.jumpcloud.groups.reduce((sum, g) => sum + g.members.length, 0);
    expect(parsed.data.length - 1).toBe(memberships);
    const empty = org.jumpcloud.groups.filter((g) => g.members.length === 0).map((g) => g.name);
    expect(empty.length).toBeGreaterThan(0);
    expect(parsed.data.some((row) => empty.includes(row[0]))).toBe(false);
  });

  it('writes the Admin Portal report with placeholder rows for groups with no users', () => {
    const file = DEMO_EXPORT_WRITERS['admin-users-to-groups-csv'].write(org);
    expect(file.fileName).toMatch(/^users-to-user-groups-[0-9a-f]{24}-\d{8}Z\.csv$/);
    const rows = Papa.parse<Record<string, string>>(file.content, {
      header: true,
      skipEmptyLines: true,
    }).data;
    const placeholders = rows.filter((r) => r.username === '');
    const empty = org.jumpcloud.groups.filter((g) => g.members.length === 0);
    expect(placeholders.map((r) => r.user_group_name)).toEqual(empty.map((g) => g.name));
    const suspended = org.jumpcloud.users.find((u) => u.state === 'SUSPENDED');
    expect(rows.find((r) => r.username === suspended?.username)?.user_state).toBe('SUSPENDED');
  });

  it('lists the bound groups one per line', () => {
    const lines = writeBoundGroupsFile(org).content.trim().split('\n');
    expect(lines).toEqual(org.jumpcloud.boundGroupNames);
  });
});

describe('bundled demo assets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-assets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are up to date with the generator (run `npm run demo:assets` if not)', () => {
    const written = writeDemoAssets(dir);
    const bundled = readdirSync(demoAssetsDir());
    for (const name of written) {
      expect(bundled).toContain(name);
      expect(readFileSync(join(demoAssetsDir(), name), 'utf8')).toBe(
        readFileSync(join(dir, name), 'utf8'),
      );
    }
  });
});
