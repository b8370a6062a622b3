/** The journal's status words as an admin reads them: no hyphenated machine identifiers. */
import type { RepairFinishedEvent } from '../../../../src-main/api/contract';
import { plural } from '../../words';

/** "completed-with-problems" → "completed with problems"; unknown words lose their hyphens. */
export function statusText(status: string): string {
  return status.replace(/-/g, ' ');
}

/**
 * How a run ended, saying exactly what happened: "every operation verified" only when each one
 * was written and read back, otherwise the count of each outcome and whether anything was sent.
 */
export function runOutcomeText(finished: RepairFinishedEvent): string {
  if (finished.status === 'error') {
    return `Run stopped: ${finished.message ?? 'the backend gave no reason'}`;
  }
  const head = `Run ${statusText(finished.status)}`;
  const counts = finished.counts;
  if (!counts) return `${head}.`;

  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (finished.status === 'completed' && total > 0 && counts.verified === total) {
    return `${head}: every operation verified.`;
  }
  const parts = [
    counts.verified > 0 ? `${counts.verified} verified` : null,
    counts['already-done'] > 0 ? `${counts['already-done']} already done` : null,
    counts.refused > 0 ? `${counts.refused} refused` : null,
    counts.failed > 0 ? `${counts.failed} failed` : null,
    counts.cancelled > 0 ? `${plural(counts.cancelled, 'operation')} not started` : null,
    counts.pending > 0 ? `${plural(counts.pending, 'operation')} not finished` : null,
  ].filter((part) => part !== null);
  // Verified and failed items are the only ones whose write may have gone out.
  const nothingSent = counts.verified === 0 && counts.failed === 0;
  return `${head}: ${[...parts, ...(nothingSent ? ['nothing sent'] : [])].join(', ')}.`;
}

export { plural };
