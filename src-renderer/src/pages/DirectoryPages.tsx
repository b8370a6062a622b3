/** The open tenant's users and groups, from its last complete snapshot, searched locally. */
import { useDeferredValue, useMemo, useState } from 'react';
import type { GroupRow, UserRow } from '../../../src-main/api/contract';
import { Dialog } from '../components/Dialog';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { useApp } from '../store';

const userColumns: Column<UserRow>[] = [
  { key: 'userName', header: 'User name', width: '2fr', render: (u) => u.userName },
  {
    key: 'name',
    header: 'Name',
    width: '1.5fr',
    render: (u) => [u.givenName, u.familyName].filter(Boolean).join(' ') || u.displayName || '—',
  },
  { key: 'email', header: 'Email', width: '2fr', render: (u) => u.email ?? '—' },
  {
    key: 'active',
    header: 'Status',
    width: '90px',
    render: (u) => (
      <span className={u.active ? 'pill ok' : 'pill off'}>{u.active ? 'active' : 'inactive'}</span>
    ),
  },
  {
    key: 'externalId',
    header: 'externalId',
    width: '1.6fr',
    render: (u) => <code>{u.externalId ?? '—'}</code>,
  },
];

const groupColumns: Column<GroupRow>[] = [
  { key: 'displayName', header: 'Group', width: '3fr', render: (g) => g.displayName },
  {
    key: 'members',
    header: 'Members',
    width: '110px',
    render: (g) =>
      g.memberCount === null ? <span className="warning">unknown</span> : g.memberCount,
  },
  {
    key: 'externalId',
    header: 'externalId',
    width: '2fr',
    render: (g) => <code>{g.externalId ?? '—'}</code>,
  },
];

function matches(query: string, ...fields: (string | null)[]): boolean {
  return fields.some((f) => f !== null && f.toLowerCase().includes(query));
}

function useSearch() {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim().toLowerCase());
  return { query, setQuery, deferred };
}

function SearchBox(props: {
  value: string;
  onChange: (v: string) => void;
  label: string;
  count: string;
}) {
  return (
    <div className="toolbar">
      <input
        type="search"
        placeholder={props.label}
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid="search"
      />
      <span className="muted" data-testid="row-count">
        {props.count}
      </span>
    </div>
  );
}

function NoSnapshot() {
  const reading = useApp((s) => s.run !== null);
  return (
    <div className="empty">
      {reading
        ? 'Reading the tenant… the table appears when every user and group has been read.'
        : 'No snapshot of this tenant yet. Use “Read tenant” above.'}
    </div>
  );
}

export function UsersPage() {
  const snapshot = useApp((s) => s.snapshot);
  const { query, setQuery, deferred } = useSearch();
  const users = useMemo(() => {
    const all = [...(snapshot?.users ?? [])].sort((a, b) => a.userName.localeCompare(b.userName));
    if (!deferred) return all;
    return all.filter((u) =>
      matches(deferred, u.userName, u.email, u.givenName, u.familyName, u.externalId),
    );
  }, [snapshot, deferred]);

  return (
    <section className="page" aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      {!snapshot ? (
        <NoSnapshot />
      ) : (
        <>
          <SearchBox
            value={query}
            onChange={setQuery}
            label="Search users by name, email or id"
            count={`${users.length} of ${snapshot.users.length} users`}
          />
          <VirtualTable
            rows={users}
            columns={userColumns}
            rowKey={(u) => u.id}
            label="Users"
            testId="users-table"
            empty="No user matches the search."
          />
        </>
      )}
    </section>
  );
}

export function GroupsPage() {
  const snapshot = useApp((s) => s.snapshot);
  const [open, setOpen] = useState<GroupRow | null>(null);
  const { query, setQuery, deferred } = useSearch();
  const groups = useMemo(() => {
    const all = [...(snapshot?.groups ?? [])].sort((a, b) =>
      a.displayName.localeCompare(b.displayName),
    );
    return deferred ? all.filter((g) => matches(deferred, g.displayName, g.externalId)) : all;
  }, [snapshot, deferred]);

  return (
    <section className="page" aria-labelledby="groups-title">
      <h1 id="groups-title">Groups</h1>
      {!snapshot ? (
        <NoSnapshot />
      ) : (
        <>
          <SearchBox
            value={query}
            onChange={setQuery}
            label="Search groups by name or id"
            count={`${groups.length} of ${snapshot.groups.length} groups`}
          />
          <VirtualTable
            rows={groups}
            columns={groupColumns}
            rowKey={(g) => g.id}
            label="Groups"
            testId="groups-table"
            empty="No group matches the search."
            onOpen={setOpen}
          />
          {open && (
            <GroupMembersDialog group={open} users={snapshot.users} onClose={() => setOpen(null)} />
          )}
        </>
      )}
    </section>
  );
}

function GroupMembersDialog(props: { group: GroupRow; users: UserRow[]; onClose: () => void }) {
  const byId = useMemo(() => new Map(props.users.map((u) => [u.id, u])), [props.users]);
  const members = props.group.members;
  return (
    <Dialog title={props.group.displayName} onClose={props.onClose} testId="group-members">
      {members === null ? (
        <p className="warning">
          The server did not return this group's members, so nothing is concluded about them.
        </p>
      ) : members.length === 0 ? (
        <p className="muted">No members.</p>
      ) : (
        <ul className="member-list">
          {members.map((id) => {
            const user = byId.get(id);
            return (
              <li key={id}>
                {user ? user.userName : <code>{id}</code>}
                {user && !user.active && <span className="pill off">inactive</span>}
                {!user && <span className="muted"> (not among the tenant's users)</span>}
              </li>
            );
          })}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
