// Prints vitest's JSON report as one plain closing line ("N passed, N failed, N skipped"), the
// form CI reads in any language, after vitest's own summary.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(
    `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`,
  );
} catch (error) {
  console.log(`Tests: no summary (${error instanceof Error ? error.message : String(error)})`);
}
