/** The journal's status words as an admin reads them: no hyphenated machine identifiers. */

/** "completed-with-problems" → "completed with problems"; unknown words lose their hyphens. */
export function statusText(status: string): string {
  return status.replace(/-/g, ' ');
}

export { plural } from '../../words';
