/**
 * The pages of an open tenant, in navigation order. Another concern adds a page with one entry
 * here (Repair and History live in `pages/repair/`).
 */
import type { ReactNode } from 'react';
import { DiscoveryPage } from './pages/DiscoveryPage';
import { GroupsPage, UsersPage } from './pages/DirectoryPages';
import { ReconcilePage } from './pages/ReconcilePage';
import { RequestLogPage } from './pages/RequestLogPage';
import { HistoryPage } from './pages/repair/HistoryPage';
import { RepairPage } from './pages/repair/RepairPage';

export interface TenantRoute {
  id: string;
  label: string;
  render: (tenantId: string) => ReactNode;
}

export const routes: TenantRoute[] = [
  { id: 'users', label: 'Users', render: () => <UsersPage /> },
  { id: 'groups', label: 'Groups', render: () => <GroupsPage /> },
  { id: 'reconcile', label: 'Reconcile', render: (id) => <ReconcilePage tenantId={id} /> },
  { id: 'repair', label: 'Repair', render: (id) => <RepairPage tenantId={id} /> },
  { id: 'history', label: 'History', render: (id) => <HistoryPage tenantId={id} /> },
  { id: 'discovery', label: 'Discovery', render: (id) => <DiscoveryPage tenantId={id} /> },
  { id: 'request-log', label: 'Request log', render: (id) => <RequestLogPage tenantId={id} /> },
];
