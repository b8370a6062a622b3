/**
 * Regenerates the bundled demo export in `assets/demo/` (`npm run demo:assets`): one file per
 * export format, the bound groups list, and the expected finding counts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoAssetsDir } from './assets';
import { DEMO_EXPORT_WRITERS, writeBoundGroupsFile } from './export-writers';
import { DEMO_MORE_EXPORT_WRITERS, type DemoExportBytes } from './more-export-writers';
import { buildDemoOrganisation } from './organisation';

/** Writes every demo asset into `dir` and returns the file names written. */
export function writeDemoAssets(dir = demoAssetsDir()): string[] {
  const org = buildDemoOrganisation();
  const files: DemoExportBytes[] = [
    ...Object.values(DEMO_EXPORT_WRITERS).map((writer) => writer.write(org)),
    ...Object.values(DEMO_MORE_EXPORT_WRITERS).map((writer) => writer.write(org)),
    writeBoundGroupsFile(org),
    { fileName: 'expected-summary.json', content: JSON.stringify(org.expected, null, 2) + '\n' },
  ];
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(join(dir, file.fileName), file.content);
  return files.map((file) => file.fileName);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  for (const name of writeDemoAssets()) process.stdout.write(`wrote assets/demo/${name}\n`);
}
