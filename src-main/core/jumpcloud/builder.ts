/**
 * Collects what the files of one import say about users, groups, memberships and bindings, and
 * merges it into one Directory. Files often describe the same user from different sides (a
 * members dump knows only ids, a report only usernames), so records are joined by JumpCloud id
 * and by username (case-insensitively) whenever at most one side has an id; groups likewise by id
 * and by name.
 */
import type {
  Directory,
  DirectoryGroup,
  DirectoryUser,
  JumpCloudState,
  SkippedRows,
} from '../model';
import { Bindings } from './bindings';
import { ImportError } from './errors';
import { emptyUserSlot, fillDetails, toDirectoryUser, type UserSlot } from './user-slot';

/** What one record says about a user; absent or null fields say nothing. */
export interface UserFacts {
  id?: string | null;
  username?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  state?: JumpCloudState | null;
  activated?: boolean | null;
  suspended?: boolean | null;
  passwordExpired?: boolean | null;
  accountLocked?: boolean | null;
}

/** What one record says about a group. */
export interface GroupFacts {
  id?: string | null;
  name?: string | null;
  dynamic?: boolean | null;
}

/** Where a reference came from, so an unresolvable one can be reported precisely. */
export interface Origin {
  file: string;
  location: string;
}

interface GroupSlot extends GroupFacts {
  id: string | null;
  name: string | null;
  origin: Origin | null;
}

/** Builds one Directory from any number of files. Returns slot numbers for cross-references. */
export class DirectoryBuilder {
  private readonly users: UserSlot[] = [];
  private readonly userParent: number[] = [];
  // A prototype-less object rather than a Map: V8 looks up freshly parsed string keys in it
  // markedly faster, and this lookup runs once per row of the largest exports.
  private readonly userById: Record<string, number | undefined> = Object.create(null);
  private readonly userByName = new Map<string, number>();
  /** Slots not yet in userByName: indexing names only when one is looked up saves a lot on
   * large files whose rows all carry ids. */
  private unindexedNames: number[] = [];
  private readonly groups: GroupSlot[] = [];
  private readonly groupParent: number[] = [];
  private readonly groupById = new Map<string, number>();
  private readonly groupByName = new Map<string, number>();
  /** Members per group slot, as user slots (resolved through the unions at build time). */
  private readonly members = new Map<number, Set<number>>();
  /** Which groups the export binds to which application. */
  readonly bindings = new Bindings();
  private usersMerged = false;
  private usersWithoutId = 0;
  /** Set by sources that list every group's members, so a group absent from them is empty. */
  private coversAllGroups = false;
  private readonly skipped = new Map<string, number>();
  private readonly warnings: string[] = [];

  /** Records a user and returns its slot; needs an id or a username. */
  addUser(facts: UserFacts): number {
    const id = facts.id ?? null;
    if (id !== null) {
      const found = this.userById[id];
      if (found !== undefined) return this.fillUser(find(this.userParent, found), facts);
    }
    const name = facts.username ? facts.username.toLowerCase() : null;
    // An id-carrying record joins by name only a user seen without an id, so with no such user
    // the name lookup (and indexing the names for it) is skipped.
    if (name !== null && (id === null || this.usersWithoutId > 0)) {
      this.indexNames();
      const found = this.userByName.get(name);
      if (found !== undefined) {
        const root = find(this.userParent, found);
        if (id === null || this.users[root].id === null) return this.fillUser(root, facts);
      }
    }

    // A user not seen before: indexed here directly, the common case in large files.
    const slot = this.users.length;
    this.users.push(emptyUserSlot(id, facts.username ?? null));
    if (id === null) this.usersWithoutId++;
    this.userParent.push(slot);
    if (id !== null) this.userById[id] = slot;
    if (name !== null) this.unindexedNames.push(slot);
    fillDetails(this.users[slot], facts);
    return slot;
  }

  /**
   * The slot of a user already recorded under this exact id with a username, else -1: the
   * per-row path of the largest files, one lookup for a user seen before.
   */
  knownUser(id: string): number {
    const found = this.userById[id];
    if (found === undefined || this.users[found].username === null) return -1;
    return this.userParent[found] === found ? found : find(this.userParent, found);
  }

  /** Adds the names of new slots to the index; the first slot with a name keeps it. */
  private indexNames(): void {
    for (const slot of this.unindexedNames) {
      const name = (this.users[slot].username as string).toLowerCase();
      if (!this.userByName.has(name)) this.userByName.set(name, slot);
    }
    this.unindexedNames = [];
  }

  private fillUser(slot: number, facts: UserFacts): number {
    const user = this.users[slot];
    if (facts.id && user.id === null) {
      user.id = facts.id;
      this.userById[facts.id] = slot;
      this.usersWithoutId--;
    }
    if (facts.username && user.username === null) {
      user.username = facts.username;
      this.indexNames();
      const name = facts.username.toLowerCase();
      const other = this.userByName.get(name);
      if (other === undefined) this.userByName.set(name, slot);
      else {
        const root = find(this.userParent, other);
        if (root !== slot && (this.users[root].id === null || user.id === null)) {
          this.mergeUsers(slot, root);
        }
      }
    }
    fillDetails(user, facts);
    return slot;
  }

  /** Folds user slot `from` into `into`: one person seen by id in one file, by name in another. */
  private mergeUsers(into: number, from: number): void {
    const source = this.users[from];
    this.userParent[from] = into;
    this.usersMerged = true;
    // Merges need one side without an id, so one user without an id disappears either way.
    this.usersWithoutId--;
    if (source.id !== null && this.users[into].id === null) {
      this.users[into].id = source.id;
      this.userById[source.id] = into;
    }
    this.fillUser(into, { ...source, id: null, username: null });
  }

  /** Records a group and returns its slot; a group known only by id needs an origin. */
  addGroup(facts: GroupFacts, origin: Origin | null = null): number {
    const id = facts.id ?? null;
    const name = facts.name?.toLowerCase() ?? null;
    let slot = -1;
    if (id !== null) {
      const found = this.groupById.get(id);
      if (found !== undefined) slot = find(this.groupParent, found);
    }
    if (slot < 0 && name !== null) {
      const found = this.groupByName.get(name);
      if (found !== undefined) {
        const root = find(this.groupParent, found);
        if (id === null || this.groups[root].id === null) slot = root;
      }
    }
    if (slot < 0) {
      slot = this.groups.length;
      this.groups.push({ id: null, name: null, origin });
      this.groupParent.push(slot);
    }
    this.fillGroup(slot, facts);
    return slot;
  }

  private fillGroup(slot: number, facts: GroupFacts): void {
    const group = this.groups[slot];
    if (facts.id && group.id === null) {
      group.id = facts.id;
      this.groupById.set(facts.id, slot);
    }
    if (facts.name && group.name === null) {
      group.name = facts.name;
      const name = facts.name.toLowerCase();
      const other = this.groupByName.get(name);
      if (other === undefined) this.groupByName.set(name, slot);
      else {
        const root = find(this.groupParent, other);
        if (root !== slot && (this.groups[root].id === null || group.id === null)) {
          this.groupParent[root] = slot;
          const merged = this.groups[root];
          if (merged.id !== null && group.id === null) {
            group.id = merged.id;
            this.groupById.set(merged.id, slot);
          }
          group.dynamic = group.dynamic ?? merged.dynamic;
        }
      }
    }
    if (group.dynamic == null && facts.dynamic != null) group.dynamic = facts.dynamic;
  }

  /** States that a group's member list is known, even when it turns out empty. */
  membersKnown(group: number): Set<number> {
    let set = this.members.get(group);
    if (!set) {
      set = new Set();
      this.members.set(group, set);
    }
    return set;
  }

  addMember(group: number, user: number): void {
    this.membersKnown(group).add(user);
  }

  /** The source lists the members of every group in the org (reports, PowerShell CSV). */
  listsAllGroups(): void {
    this.coversAllGroups = true;
  }

  skip(reason: string, count = 1): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + count);
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** The merged directory; throws ImportError when a reference cannot be resolved to a name. */
  build(format: string, sources: string[], application?: string): Directory {
    const groupRoots = roots(this.groupParent);
    for (const slot of groupRoots) {
      const group = this.groups[slot];
      if (group.name === null) {
        const origin = group.origin ?? { file: sources.join(', '), location: '' };
        throw new ImportError(
          origin.file,
          origin.location || null,
          `a group id that a groups file of the same import names (add the /usergroups dump)`,
          group.id ?? 'an unnamed group',
        );
      }
    }

    const userRoots = roots(this.userParent);
    const users = userRoots.map((slot) => toDirectoryUser(this.users[slot]));
    const members = this.memberKeys(userRoots, users);
    const hasMembership = members.size > 0;
    const groups: DirectoryGroup[] = groupRoots.map((slot) => {
      const group = this.groups[slot];
      const known = members.get(slot);
      return {
        id: group.id,
        name: group.name as string,
        members: known ?? (this.coversAllGroups ? [] : null),
        dynamic: group.dynamic ?? false,
      };
    });

    this.noteGroups(groups);
    this.noteUsers(users);
    return {
      format,
      sources,
      users,
      groups,
      boundGroups: this.bindings.groupNames(
        application,
        (slot) => this.groups[find(this.groupParent, slot)].name as string,
        (message) => this.warn(message),
      ),
      hasMembership,
      skipped: [...this.skipped].map(([reason, count]): SkippedRows => ({ reason, count })),
      warnings: [...this.warnings],
    };
  }

  /** Member keys per root group slot, merged slots resolved. */
  private memberKeys(userRoots: number[], users: DirectoryUser[]): Map<number, string[]> {
    const keyOf: string[] = new Array<string>(this.users.length);
    userRoots.forEach((slot, i) => (keyOf[slot] = users[i].key));
    for (let slot = 0; slot < keyOf.length; slot++) {
      keyOf[slot] ??= keyOf[find(this.userParent, slot)];
    }

    // Usually each group has one set of distinct root slots: its keys are distinct already.
    const setsPerGroup = new Map<number, Set<number>[]>();
    for (const [slot, set] of this.members) {
      const root = find(this.groupParent, slot);
      setsPerGroup.set(root, [...(setsPerGroup.get(root) ?? []), set]);
    }
    const result = new Map<number, string[]>();
    for (const [group, sets] of setsPerGroup) {
      const keys: string[] = [];
      for (const set of sets) for (const user of set) keys.push(keyOf[user]);
      const merged = sets.length > 1 || this.usersMerged;
      result.set(group, merged ? [...new Set(keys)] : keys);
    }
    return result;
  }

  /**
   * Says which findings the export cannot support, so fewer findings are not read as fewer
   * problems.
   */
  private noteUsers(users: DirectoryUser[]): void {
    if (users.length === 0) return;
    if (users.every((u) => u.state === null && !u.suspended)) {
      this.warn(
        'The export carries no user states: users suspended in JumpCloud are not found and ' +
          'inactive users are not judged. Add the users file of the same backup ' +
          '(JumpCloudUsers_….CSV) or use the “Users to User Groups” report.',
      );
    } else if (users.every((u) => u.passwordExpired === null)) {
      this.warn(
        'The export does not say whose password has expired, and JumpCloud deactivates those ' +
          'users: inactive users are not judged. Add the “Users to User Groups” report or the ' +
          'users file of a backup.',
      );
    }
    if (users.every((u) => u.email === null && u.firstName === null && u.lastName === null)) {
      this.warn('The export carries no emails or names: only userName drift is checked.');
    }
  }

  private noteGroups(groups: DirectoryGroup[]): void {
    if (groups.some((g) => g.name.toLowerCase() === 'all users')) {
      this.warn(
        'The export includes JumpCloud\'s built-in group "All Users", which holds every user: ' +
          'if it is bound to the application, every user is provisioned.',
      );
    }
    const dynamic = groups.filter((g) => g.dynamic).length;
    if (dynamic > 0) {
      this.warn(
        `${dynamic} dynamic ${dynamic === 1 ? 'group' : 'groups'}: JumpCloud changes their members on its own, ` +
          'so membership differences there may be legitimate.',
      );
    }
  }
}

function find(parent: number[], slot: number): number {
  let root = slot;
  while (parent[root] !== root) root = parent[root];
  while (parent[slot] !== root) {
    const next = parent[slot];
    parent[slot] = root;
    slot = next;
  }
  return root;
}

function roots(parent: number[]): number[] {
  const result: number[] = [];
  for (let i = 0; i < parent.length; i++) if (find(parent, i) === i) result.push(i);
  return result;
}
