import { startDemoServer } from '../../src-main/core/demo';
import { defineInteropSuite } from './scim-suite';

// The demo tenant holds a few hundred users and SCIMMY filters its whole store per page.
defineInteropSuite('demo tenant (SCIMMY)', () => startDemoServer(), { smallPageSize: 40 });
