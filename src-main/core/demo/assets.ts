/**
 * Where the bundled demo export lives (`assets/demo/` at the project root) and which of its files
 * `audit --demo` uses.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DEMO_AUDIT_FORMAT, DEMO_EXPORT_WRITERS, writeBoundGroupsFile } from './export-writers';
import { buildDemoOrganisation } from './organisation';

/** `assets/demo/` of this checkout. A bundled app passes its own resources folder instead. */
export function demoAssetsDir(projectRoot?: string): string {
  const root = projectRoot ?? fileURLToPath(new URL('../../../', import.meta.url));
  return join(root, 'assets', 'demo');
}

export interface DemoAuditInputs {
  /** The export files, as an admin would hand them over. */
  exportFiles: string[];
  /** The bound groups file (one name per line): the CSV formats carry no binding data. */
  boundGroupsFile: string;
}

/** The bundled files `audit --demo` reads. */
export function demoAuditInputs(projectRoot?: string): DemoAuditInputs {
  const dir = demoAssetsDir(projectRoot);
  const org = buildDemoOrganisation();
  return {
    exportFiles: [join(dir, DEMO_EXPORT_WRITERS[DEMO_AUDIT_FORMAT].write(org).fileName)],
    boundGroupsFile: join(dir, writeBoundGroupsFile(org).fileName),
  };
}
