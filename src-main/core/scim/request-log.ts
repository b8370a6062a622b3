/**
 * A per-tenant log of SCIM requests for the admin to view and export: method, path, status,
 * duration and retries. It never records a header value, a body or the token.
 */

export interface RequestLogEntry {
  /** ISO time the request started. */
  at: string;
  method: string;
  /** Path below the base URL, with query. */
  path: string;
  /** HTTP status of the final attempt; null when no answer came (network error, cancel). */
  status: number | null;
  durationMs: number;
  retries: number;
  /** Error kind when the request failed. */
  error: string | null;
}

type Listener = (entry: RequestLogEntry) => void;

const CSV_COLUMNS: (keyof RequestLogEntry)[] = [
  'at',
  'method',
  'path',
  'status',
  'durationMs',
  'retries',
  'error',
];

/** Bounded in memory: the oldest entries go first once `capacity` is reached. */
export class RequestLog {
  private readonly items: RequestLogEntry[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(private readonly capacity = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.items.push(entry);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
    for (const listener of this.listeners) listener(entry);
  }

  /** Calls `listener` for each new entry; returns the function that stops it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  entries(): RequestLogEntry[] {
    return this.items.slice();
  }

  clear(): void {
    this.items.length = 0;
  }

  toJSON(): string {
    return JSON.stringify(this.items, null, 2);
  }

  toCSV(): string {
    const lines = [CSV_COLUMNS.join(',')];
    for (const entry of this.items) {
      lines.push(CSV_COLUMNS.map((c) => csvCell(entry[c])).join(','));
    }
    return lines.join('\r\n') + '\r\n';
  }
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would be run as a formula by spreadsheet apps.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
