/**
 * The JumpCloud side of the demo organisation: people, user groups, memberships and which groups
 * are bound to the VaultOne application. Everything comes from one seeded faker, so every run
 * builds the same organisation.
 */
import { Faker, base, en } from '@faker-js/faker';
import type { DemoJumpCloud, DemoJumpCloudGroup, DemoJumpCloudUser } from './types';

export const DEMO_SEED = 20_261_203;
export const DEMO_EMAIL_DOMAIN = 'northwind-demo.example';

/** Groups bound to VaultOne that have members (a department or an access group). */
export const BOUND_GROUPS = [
  'Engineering',
  'Platform SRE',
  'Database Administrators',
  'Security Operations',
  'Network Operations',
  'IT Helpdesk',
  'Finance',
  'Finance Approvers',
  'Payroll',
  'Human Resources',
  'Legal',
  'Customer Support Tier 2',
  'Data Analytics',
  'QA Automation',
  'Release Managers',
  'Cloud Admins - AWS',
  'Cloud Admins - Azure',
  'Linux Server Admins',
] as const;

/** Bound to VaultOne but empty: JumpCloud never creates it in the tenant, and that is fine. */
export const EMPTY_BOUND_GROUP = 'VaultOne Access Reviewers';

/** Once bound, then unselected in JumpCloud: still in the tenant with frozen members. */
export const UNSELECTED_GROUPS = ['Contractors - Legacy VPN', 'Project Falcon', 'Ops Night Shift'];

/** Never bound to VaultOne. "All Users" is the group every JumpCloud org has. */
export const OTHER_GROUPS = [
  'All Users',
  'Sales',
  'Marketing',
  'Design',
  'Office - Berlin',
  'Office - Austin',
  'Office - Singapore',
  'Wi-Fi Corporate',
  'Laptop Local Admins',
  'Interns 2026',
  'Zoom Webinar Hosts',
];

const USER_COUNT = 320;
/** Users in no bound group: never provisioned to VaultOne. */
const UNASSIGNED_COUNT = 18;
/** Users only in unselected groups: left behind in the tenant when those groups were unbound. */
export const FROZEN_ONLY_COUNT = 6;
const SUSPENDED_COUNT = 8;
const PASSWORD_EXPIRED_COUNT = 5;
const ACCOUNT_LOCKED_COUNT = 2;
const STAGED_COUNT = 5;

/** The JumpCloud organisation plus the user partitions the anomaly planter works from. */
export interface Roster {
  faker: Faker;
  jumpcloud: DemoJumpCloud;
  /** Users in at least one bound group, in a stable order. */
  coreUserIds: string[];
  frozenOnlyUserIds: string[];
  groupByName: Map<string, DemoJumpCloudGroup>;
  userById: Map<string, DemoJumpCloudUser>;
}

/** Builds the JumpCloud organisation; the returned faker continues the same seeded sequence. */
export function buildRoster(): Roster {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(DEMO_SEED);
  const ids = uniqueIds(faker);

  const users = buildUsers(faker, ids);
  const groups = [...BOUND_GROUPS, EMPTY_BOUND_GROUP, ...UNSELECTED_GROUPS, ...OTHER_GROUPS].map(
    (name): DemoJumpCloudGroup => ({ id: ids(), name, members: [] }),
  );
  const groupByName = new Map(groups.map((group) => [group.name, group]));

  const unassigned = users.slice(0, UNASSIGNED_COUNT);
  const frozenOnly = users.slice(UNASSIGNED_COUNT, UNASSIGNED_COUNT + FROZEN_ONLY_COUNT);
  const core = users.slice(UNASSIGNED_COUNT + FROZEN_ONLY_COUNT);
  assignStates(unassigned, core);
  assignMemberships(faker, groupByName, { unassigned, frozenOnly, core });
  for (const group of groups) group.members.sort();

  return {
    faker,
    jumpcloud: {
      orgId: ids(),
      users,
      groups,
      boundGroupNames: [...BOUND_GROUPS, EMPTY_BOUND_GROUP],
    },
    coreUserIds: core.map((user) => user.id),
    frozenOnlyUserIds: frozenOnly.map((user) => user.id),
    groupByName,
    userById: new Map(users.map((user) => [user.id, user])),
  };
}

/** A source of distinct 24-hex JumpCloud ids. */
function uniqueIds(faker: Faker): () => string {
  const seen = new Set<string>();
  return () => {
    let id = '';
    while (!id || seen.has(id)) {
      id = faker.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' });
    }
    seen.add(id);
    return id;
  };
}

function buildUsers(faker: Faker, ids: () => string): DemoJumpCloudUser[] {
  const usernames = new Set<string>();
  const users: DemoJumpCloudUser[] = [];
  for (let i = 0; i < USER_COUNT; i++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const username = uniqueUsername(`${ascii(firstName)}.${ascii(lastName)}`, usernames);
    users.push({
      id: ids(),
      username,
      email: `${username}@${DEMO_EMAIL_DOMAIN}`,
      firstName,
      lastName,
      state: 'ACTIVATED',
      passwordExpired: false,
      accountLocked: false,
      createdAt: faker.date
        .between({ from: '2019-01-01T00:00:00Z', to: '2026-06-30T00:00:00Z' })
        .toISOString(),
    });
  }
  return users;
}

function ascii(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function uniqueUsername(wanted: string, taken: Set<string>): string {
  let candidate = wanted;
  for (let n = 2; taken.has(candidate); n++) candidate = `${wanted}${n}`;
  taken.add(candidate);
  return candidate;
}

/** Spreads the special states over fixed positions so the planter can rely on them. */
function assignStates(unassigned: DemoJumpCloudUser[], core: DemoJumpCloudUser[]): void {
  // STAGED users are never in a bound group: JumpCloud has not activated them yet.
  for (const user of unassigned.slice(0, STAGED_COUNT)) user.state = 'STAGED';

  // Every 17th core user from 5 on: spread through departments rather than clustered.
  const picks = core.filter((_, index) => index % 17 === 5);
  picks.slice(0, SUSPENDED_COUNT).forEach((user) => (user.state = 'SUSPENDED'));
  picks
    .slice(SUSPENDED_COUNT, SUSPENDED_COUNT + PASSWORD_EXPIRED_COUNT)
    .forEach((user) => (user.passwordExpired = true));
  const lockedFrom = SUSPENDED_COUNT + PASSWORD_EXPIRED_COUNT;
  picks
    .slice(lockedFrom, lockedFrom + ACCOUNT_LOCKED_COUNT)
    .forEach((user) => (user.accountLocked = true));
}

function assignMemberships(
  faker: Faker,
  groupByName: Map<string, DemoJumpCloudGroup>,
  people: {
    unassigned: DemoJumpCloudUser[];
    frozenOnly: DemoJumpCloudUser[];
    core: DemoJumpCloudUser[];
  },
): void {
  const group = (name: string) => groupByName.get(name) as DemoJumpCloudGroup;
  const others = OTHER_GROUPS.filter((name) => name !== 'All Users');
  const everyone = [...people.unassigned, ...people.frozenOnly, ...people.core];
  for (const user of everyone) group('All Users').members.push(user.id);

  for (const user of people.core) {
    for (const name of faker.helpers.arrayElements(BOUND_GROUPS, { min: 1, max: 2 })) {
      group(name).members.push(user.id);
    }
    for (const name of faker.helpers.arrayElements(others, { min: 0, max: 2 })) {
      group(name).members.push(user.id);
    }
    // Some people covered by a bound group were also in a group that was later unselected.
    if (faker.number.int({ min: 0, max: 9 }) === 0) {
      group(faker.helpers.arrayElement(UNSELECTED_GROUPS)).members.push(user.id);
    }
  }

  people.frozenOnly.forEach((user, index) => {
    group(UNSELECTED_GROUPS[index % UNSELECTED_GROUPS.length]).members.push(user.id);
  });
  for (const user of people.unassigned) {
    for (const name of faker.helpers.arrayElements(others, { min: 0, max: 1 })) {
      group(name).members.push(user.id);
    }
  }
}
