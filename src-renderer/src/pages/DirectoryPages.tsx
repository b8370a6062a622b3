/** The open tenant's users and groups, from its last complete snapshot, searched locally. */
import { useDeferredValue, useMemo, useState, type ReactNode } from 'react';
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

/** What a snapshot list page needs to know about its rows. */
interface ListPageProps<T extends { id: string }> {
  /** Plural, lower case: "users"; also names the title id and the table's test id. */
  noun: string;
  title: string;
  searchLabel: string;
  /** The snapshot's rows in display order, null while there is no snapshot. */
  rows: T[] | null;
  /** The fields the search looks in. */
  searchFields: (row: T) => (string | null)[];
  columns: Column<T>[];
  empty: string;
  onOpen?: (row: T) => void;
  children?: ReactNode;
}

/** A page listing one kind of snapshot object, searched locally, with the count searched. */
function SnapshotListPage<T extends { id: string }>(props: ListPageProps<T>) {
  const { rows, searchFields } = props;
  const { query, setQuery, deferred } = useSearch();
  const shown = useMemo(
    () => (rows && deferred ? rows.filter((r) => matches(deferred, ...searchFields(r))) : rows),
    [rows, searchFields, deferred],
  );

  return (
    <section className="page" aria-labelledby={`${props.noun}-title`}>
      <h1 id={`${props.noun}-title`}>{props.title}</h1>
      {!rows || !shown ? (
        <NoSnapshot />
      ) : (
        <>
          <SearchBox
            value={query}
            onChange={setQuery}
            label={props.searchLabel}
            count={`${shown.length} of ${rows.length} ${props.noun}`}
          />
          <VirtualTable
            rows={shown}
            columns={props.columns}
            rowKey={(row) => row.id}
            label={props.title}
            testId={`${props.noun}-table`}
            empty={props.empty}
            {...(props.onOpen ? { onOpen: props.onOpen } : {})}
          />
          {props.children}
        </>
      )}
    </section>
  );
}

const userSearchFields = (u: UserRow) => [
  u.userName,
  u.email,
  u.givenName,
  u.familyName,
  u.externalId,
];
const groupSearchFields = (g: GroupRow) => [g.displayName, g.externalId];

export function UsersPage() {
  const snapshot = useApp((s) => s.snapshot);
  const users = useMemo(
    () => snapshot && [...snapshot.users].sort((a, b) => a.userName.localeCompare(b.userName)),
    [snapshot],
  );
  return (
    <SnapshotListPage
      noun="users"
      title="Users"
      searchLabel="Search users by name, email or id"
      rows={users}
      searchFields={userSearchFields}
      columns={userColumns}
      empty="No user matches the search."
    />
  );
}

export function GroupsPage() {
  const snapshot = useApp((s) => s.snapshot);
  const [open, setOpen] = useState<GroupRow | null>(null);
  const groups = useMemo(
    () =>
      snapshot && [...snapshot.groups].sort((a, b) => a.displayName.localeCompare(b.displayName)),
    [snapshot],
  );
  return (
    <SnapshotListPage
      noun="groups"
      title="Groups"
      searchLabel="Search groups by name or id"
      rows={groups}
      searchFields={groupSearchFields}
      columns={groupColumns}
      empty="No group matches the search."
      onOpen={setOpen}
    >
      {open && snapshot && (
        <GroupMembersDialog group={open} users={snapshot.users} onClose={() => setOpen(null)} />
      )}
    </SnapshotListPage>
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
