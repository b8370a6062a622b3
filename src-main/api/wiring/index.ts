/** The real core modules behind the backend's ports. */
import { buildDemoOrganisation, startDemoServer } from '../../core/demo';
import { importExport } from '../../core/jumpcloud';
import { buildAuditReport, reconcile } from '../../core/reconcile';
import type { BackendDeps } from '../context';
import type { Auditor, ExportImporter } from '../ports';
import { scimSession } from './scim';
import { tenantDirectory } from './tenants';

const importFiles: ExportImporter = (files, { maxBytes }) =>
  importExport(files, maxBytes === null ? {} : { maxBytes });

const audit: Auditor = ({ snapshot, directory, boundGroups, policy }) => {
  const { findings, bound, warnings } = reconcile(snapshot, directory, { boundGroups, policy });
  const report = buildAuditReport({ snapshot, directory, findings, boundGroups: bound.names });
  return { report, boundSource: bound.source, warnings };
};

/** Every dependency of the backend, from the core modules, for one data dir. */
export function defaultDeps(dataDir: string): BackendDeps {
  return {
    dataDir,
    tenants: tenantDirectory(dataDir),
    scim: scimSession,
    importExport: importFiles,
    audit,
    startDemo: async () => {
      const server = await startDemoServer();
      return {
        baseUrl: server.baseUrl,
        token: server.token,
        boundGroups: buildDemoOrganisation().jumpcloud.boundGroupNames,
        close: () => server.close(),
      };
    },
  };
}
