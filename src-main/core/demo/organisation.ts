/**
 * The demo organisation: the JumpCloud roster, the VaultOne tenant as JumpCloud would have left
 * it, and the anomalies planted on top so that every finding kind shows. The expected count per
 * kind is kept by the planter as it plants, independently of the reconcile engine.
 */
import { FINDING_KINDS, type FindingKind } from '../model';
import { BOUND_GROUPS, UNSELECTED_GROUPS, buildRoster, type Roster } from './roster';
import type {
  DemoJumpCloudUser,
  DemoOrganisation,
  DemoPlant,
  DemoTenant,
  DemoTenantGroup,
  DemoTenantUser,
} from './types';

/** The bound group whose members the demo server never returns. */
export const HIDDEN_MEMBERS_GROUP = 'Security Operations';
/** Bound groups with members that JumpCloud never managed to create in the tenant. */
export const MISSING_GROUPS = ['Release Managers', 'Cloud Admins - Azure'];

/** Builds the whole demo organisation. Pure and deterministic: same result on every call. */
export function buildDemoOrganisation(): DemoOrganisation {
  const roster = buildRoster();
  const tenant = tenantLeftByJumpCloud(roster);
  const planter = new Planter(roster, tenant);
  planter.plantAll();
  return {
    jumpcloud: roster.jumpcloud,
    tenant,
    expected: planter.expected,
    plants: planter.plants,
  };
}

/**
 * The tenant as JumpCloud's own pushes leave it: every member of a bound group provisioned
 * (inactive when suspended or password-expired), bound groups with members created, and the
 * unselected groups frozen as they were, their members not covered elsewhere deactivated.
 */
function tenantLeftByJumpCloud(roster: Roster): DemoTenant {
  const { faker } = roster;
  const tenantIdOf = new Map<string, string>();
  const users: DemoTenantUser[] = [];
  for (const id of [...roster.coreUserIds, ...roster.frozenOnlyUserIds]) {
    const user = roster.userById.get(id) as DemoJumpCloudUser;
    const tenantUser = tenantUserFrom(user, faker.string.uuid());
    if (roster.frozenOnlyUserIds.includes(id)) tenantUser.active = false;
    tenantIdOf.set(id, tenantUser.id);
    users.push(tenantUser);
  }

  const groups: DemoTenantGroup[] = [];
  for (const name of [...BOUND_GROUPS, ...UNSELECTED_GROUPS]) {
    const group = roster.groupByName.get(name);
    if (!group || group.members.length === 0) continue;
    groups.push({
      id: faker.string.uuid(),
      displayName: group.name,
      externalId: group.id,
      members: group.members.map((member) => tenantIdOf.get(member) as string),
    });
  }
  return { users, groups, hiddenMemberGroupIds: [] };
}

function tenantUserFrom(user: DemoJumpCloudUser, tenantId: string): DemoTenantUser {
  return {
    id: tenantId,
    userName: user.username,
    externalId: user.id,
    givenName: user.firstName,
    familyName: user.lastName,
    email: user.email,
    active: user.state === 'ACTIVATED' && !user.passwordExpired,
  };
}

/** Plants each anomaly on users no other anomaly touches, counting the finding it must cause. */
class Planter {
  readonly expected = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, 0])) as Record<
    FindingKind,
    number
  >;
  readonly plants: DemoPlant[] = [];
  private readonly plainUsers: DemoJumpCloudUser[];
  private readonly plainGroups: string[];

  constructor(
    private readonly roster: Roster,
    private readonly tenant: DemoTenant,
  ) {
    this.plainGroups = BOUND_GROUPS.filter(
      (name) => name !== HIDDEN_MEMBERS_GROUP && !MISSING_GROUPS.includes(name),
    );
    // Plain users: active in JumpCloud and in bound groups whose tenant membership is readable.
    this.plainUsers = roster.coreUserIds
      .map((id) => roster.userById.get(id) as DemoJumpCloudUser)
      .filter((user) => user.state === 'ACTIVATED' && !user.passwordExpired && !user.accountLocked)
      .filter((user) => this.boundGroupsOf(user).every((name) => this.plainGroups.includes(name)));
  }

  plantAll(): void {
    this.plantGroupAnomalies();
    this.plantLeftovers();
    this.plantUserAnomalies();
    this.plantMembershipAnomalies();
    this.plantLocalAccounts();
  }

  private record(kind: FindingKind, name: string, why: string): void {
    this.expected[kind] += 1;
    this.plants.push({ kind, name, why });
  }

  private plantGroupAnomalies(): void {
    for (const name of MISSING_GROUPS) {
      this.tenant.groups = this.tenant.groups.filter((group) => group.displayName !== name);
      this.record('missing-group', name, 'bound with members, never created in the tenant');
    }
    this.tenant.hiddenMemberGroupIds.push(this.tenantGroup(HIDDEN_MEMBERS_GROUP).id);
    this.record('membership-unknown', HIDDEN_MEMBERS_GROUP, 'the server never returns members');
    for (const name of UNSELECTED_GROUPS) {
      this.record('orphan-group', name, 'unselected in JumpCloud, left with frozen members');
    }
  }

  /** What unselecting groups and JumpCloud's "Test Connection" leave behind. */
  private plantLeftovers(): void {
    for (const id of this.roster.frozenOnlyUserIds.slice(0, 3)) {
      const user = this.tenantUserByExternalId(id);
      user.active = true;
      this.record('deprovision-user', user.userName, 'only in unselected groups, still active');
    }

    const { faker } = this.roster;
    const suffix = faker.string.hexadecimal({ length: 8, casing: 'lower', prefix: '' });
    const testUser: DemoTenantUser = {
      id: faker.string.uuid(),
      userName: `jc-test-connection-${suffix}`,
      externalId: faker.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' }),
      givenName: 'JumpCloud',
      familyName: 'Test Connection',
      email: null,
      active: true,
    };
    this.tenant.users.push(testUser);
    this.record('deprovision-user', testUser.userName, 'Test Connection user left behind');
    const testGroup = `JumpCloud Test Connection ${suffix}`;
    this.tenant.groups.push({
      id: faker.string.uuid(),
      displayName: testGroup,
      externalId: faker.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' }),
      members: [testUser.id],
    });
    this.record('orphan-group', testGroup, 'Test Connection group left behind');
  }

  private plantUserAnomalies(): void {
    const suspended = this.roster.coreUserIds
      .map((id) => this.roster.userById.get(id) as DemoJumpCloudUser)
      .filter((user) => user.state === 'SUSPENDED')
      .slice(0, 3);
    for (const user of suspended) {
      this.tenantUserByExternalId(user.id).active = true;
      this.record('deprovision-user', user.username, 'suspended in JumpCloud, active here');
    }

    for (const user of this.take(3)) {
      this.tenantUserByExternalId(user.id).active = false;
      this.record('inactive-user', user.username, 'active in JumpCloud, inactive here');
    }

    for (const user of this.take(3)) {
      const tenantId = this.tenantUserByExternalId(user.id).id;
      this.tenant.users = this.tenant.users.filter((candidate) => candidate.id !== tenantId);
      for (const group of this.tenant.groups) {
        group.members = group.members.filter((member) => member !== tenantId);
      }
      this.record('missing-user', user.username, 'in a bound group, never provisioned');
    }

    const [changed, wiped, renamed] = this.take(3);
    this.tenantUserByExternalId(changed.id).email = `${changed.username}@old-mail.example`;
    this.record('attribute-drift', changed.username, 'email changed in the tenant');
    this.tenantUserByExternalId(wiped.id).email = null;
    this.record('attribute-drift', wiped.username, 'email wiped by a PUT with emails: null');
    // The short form the account had before a rename in JumpCloud: no dot, so no collision.
    const [first, last] = renamed.username.split('.');
    const formerName = `${first.slice(0, 1)}${last}`;
    this.tenantUserByExternalId(renamed.id).userName = formerName;
    this.record('attribute-drift', formerName, 'renamed in JumpCloud, old userName here');

    const [twice] = this.take(1);
    const original = this.tenantUserByExternalId(twice.id);
    this.tenant.users.push({
      ...original,
      id: this.roster.faker.string.uuid(),
      userName: original.userName.toUpperCase(),
    });
    this.record('duplicate-user', twice.username, 'two tenant users carry its externalId');
  }

  private plantMembershipAnomalies(): void {
    for (const user of this.take(3)) {
      const group = this.tenantGroup(this.boundGroupsOf(user)[0]);
      const tenantId = this.tenantUserByExternalId(user.id).id;
      group.members = group.members.filter((member) => member !== tenantId);
      this.record('membership-missing', group.displayName, `${user.username} not a member here`);
    }

    for (const [index, user] of this.take(4).entries()) {
      const mine = this.boundGroupsOf(user);
      const others = this.plainGroups.filter((name) => !mine.includes(name));
      const group = this.tenantGroup(others[index % others.length]);
      group.members.push(this.tenantUserByExternalId(user.id).id);
      this.record('membership-extra', group.displayName, `${user.username} stale member`);
    }
  }

  /** Accounts created in VaultOne by hand: JumpCloud knows nothing about them. */
  private plantLocalAccounts(): void {
    const locals: Array<[string, string, string, boolean]> = [
      ['breakglass.admin', 'Break-Glass', 'Administrator', true],
      ['svc-vaultone-backup', 'Backup', 'Service', true],
      ['ext.auditor.review', 'External', 'Auditor', false],
    ];
    for (const [userName, givenName, familyName, active] of locals) {
      this.tenant.users.push({
        id: this.roster.faker.string.uuid(),
        userName,
        externalId: null,
        givenName,
        familyName,
        email: `${userName}@vaultone.local`,
        active,
      });
      this.record('unmanaged-user', userName, 'local VaultOne account');
    }
  }

  /** The next `count` plain users, each used by one anomaly only. */
  private take(count: number): DemoJumpCloudUser[] {
    if (this.plainUsers.length < count) throw new Error('demo roster ran out of plain users');
    return this.plainUsers.splice(0, count);
  }

  private boundGroupsOf(user: DemoJumpCloudUser): string[] {
    return BOUND_GROUPS.filter((name) =>
      this.roster.groupByName.get(name)?.members.includes(user.id),
    );
  }

  private tenantGroup(name: string): DemoTenantGroup {
    const group = this.tenant.groups.find((candidate) => candidate.displayName === name);
    if (!group) throw new Error(`demo tenant has no group "${name}"`);
    return group;
  }

  private tenantUserByExternalId(externalId: string): DemoTenantUser {
    const user = this.tenant.users.find((candidate) => candidate.externalId === externalId);
    if (!user) throw new Error(`demo tenant has no user for JumpCloud id ${externalId}`);
    return user;
  }
}

/** Findings `audit --demo` must report, per kind, as the generator planted them. */
export const DEMO_EXPECTED_SUMMARY: Record<FindingKind, number> = buildDemoOrganisation().expected;
