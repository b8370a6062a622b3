import { startQuirkServer } from '../servers/quirk-server';
import { defineInteropSuite } from './scim-suite';

defineInteropSuite('quirk server, well-behaved', () =>
  startQuirkServer({ seed: { users: 230, groups: 12, membersPerGroup: 9 } }),
);
