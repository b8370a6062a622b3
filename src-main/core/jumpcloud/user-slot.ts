/**
 * What the builder knows of one user while files are read, and how it becomes a DirectoryUser.
 */
import type { DirectoryUser, JumpCloudState } from '../model';
import type { UserFacts } from './builder';

/** A user being assembled from several records; null fields are not known yet. */
export interface UserSlot extends UserFacts {
  id: string | null;
  username: string | null;
}

/** A slot that knows only an id and/or a username, every field present for a stable shape. */
export function emptyUserSlot(id: string | null, username: string | null): UserSlot {
  return {
    id,
    username,
    email: null,
    firstName: null,
    lastName: null,
    state: null,
    activated: null,
    suspended: null,
    passwordExpired: null,
    accountLocked: null,
  };
}

/** Fills what the slot does not know yet; the first file to say something wins. */
export function fillDetails(user: UserSlot, facts: UserFacts): void {
  user.email ??= facts.email ?? null;
  user.firstName ??= facts.firstName ?? null;
  user.lastName ??= facts.lastName ?? null;
  user.state ??= facts.state ?? null;
  user.activated ??= facts.activated ?? null;
  user.suspended ??= facts.suspended ?? null;
  user.passwordExpired ??= facts.passwordExpired ?? null;
  user.accountLocked ??= facts.accountLocked ?? null;
}

/** The finished user: a state derived from `activated`/`suspended` when the export has none. */
export function toDirectoryUser(slot: UserSlot): DirectoryUser {
  const suspended = slot.suspended ?? slot.state === 'SUSPENDED';
  const state: JumpCloudState | null =
    slot.state ??
    (suspended
      ? 'SUSPENDED'
      : slot.activated === true
        ? 'ACTIVATED'
        : slot.activated === false
          ? 'STAGED'
          : null);
  return {
    key: slot.id ?? `u:${(slot.username as string).toLowerCase()}`,
    id: slot.id,
    username: slot.username,
    email: slot.email ?? null,
    firstName: slot.firstName ?? null,
    lastName: slot.lastName ?? null,
    state,
    suspended,
    passwordExpired: slot.passwordExpired ?? null,
    accountLocked: slot.accountLocked ?? false,
  };
}
