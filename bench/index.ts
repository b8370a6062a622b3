/**
 * `npm run bench`: runs every benchmark module in this folder (each exports `run()`), one after
 * the other so they do not compete for the two cores. Figures are ratios against a baseline
 * measured in the same run, never absolute times.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Info-level lines (each import, each snapshot) would bury the figures; the modules below are
// loaded after this, so they log at warn.
process.env.SCIM_COMPANION_LOG_LEVEL ??= 'warn';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

for (const file of files) {
  const bench = (await import(pathToFileURL(join(here, file)).href)) as { run(): Promise<void> };
  process.stdout.write(`\n== ${file} ==\n`);
  await bench.run();
}
