/** The demo tenant and its bundled JumpCloud export. */
export { startDemoServer, DEMO_SCIM_PATH, type DemoServer, type DemoServerOptions } from './server';
export { buildDemoOrganisation, DEMO_EXPECTED_SUMMARY } from './organisation';
export { demoSnapshot, demoDirectory } from './model-views';
export { demoAssetsDir, demoAuditInputs, type DemoAuditInputs } from './assets';
export {
  DEMO_EXPORT_WRITERS,
  DEMO_AUDIT_FORMAT,
  writeBoundGroupsFile,
  type DemoExportFile,
  type DemoExportWriter,
} from './export-writers';
export type * from './types';
