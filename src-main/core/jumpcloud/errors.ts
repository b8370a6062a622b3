/**
 * Errors an admin sees when an export cannot be read: each names the file, where in it (a line
 * or a JSON path), and what the importer expected there, so the admin can fix or re-export it.
 */

/** An export file that cannot be read as a whole. Nothing from it is used. */
export class ImportError extends Error {
  override readonly name: string = 'ImportError';

  constructor(
    /** The file name as the admin knows it (a zip entry reads `backup.zip!User.json`). */
    readonly file: string,
    /** `line 12`, a JSON path such as `$[3].to.id`, or null when the whole file is at fault. */
    readonly location: string | null,
    /** What the importer expected to find, in words. */
    readonly expected: string,
    /** What it found instead, when that helps (never a whole record). */
    readonly found: string | null = null,
  ) {
    super(
      `${file}${location ? `, ${location}` : ''}: expected ${expected}` +
        (found ? `, found ${found}` : ''),
    );
  }
}

/** The application asked for has no group bindings in the export; `found` lists the ones it has. */
export class UnknownApplicationError extends ImportError {
  override readonly name: string = 'UnknownApplicationError';
}

/** A file larger than the configured limit, refused before it was read. */
export class ExportTooLargeError extends ImportError {
  override readonly name: string = 'ExportTooLargeError';

  constructor(
    file: string,
    readonly bytes: number,
    readonly maxBytes: number,
    where: { location: string | null } = { location: null },
  ) {
    super(
      file,
      where.location,
      `a file of at most ${formatBytes(maxBytes)} (raise the limit to import larger exports)`,
      formatBytes(bytes),
    );
  }
}

/** Sizes for messages: whole MiB or KiB, enough to compare with the limit. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Shortens a found value for an error message, so no whole record lands in it. */
export function preview(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'undefined');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
