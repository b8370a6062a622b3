import { startBetterAuthServer } from '../servers/better-auth-server';
import { defineInteropSuite } from './scim-suite';

defineInteropSuite('Better Auth SCIM plugin', () => startBetterAuthServer());
