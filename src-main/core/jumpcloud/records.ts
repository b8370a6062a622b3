/**
 * One view over the records of an export, whether they came from CSV rows or JSON objects, so
 * each format is read by one function. Keys are compared without case, underscores, dashes or
 * spaces: `user_group_name`, `UserGroupName` and `userGroupName` are the same field, which is
 * how one reader copes with the Admin Portal's snake_case and PowerShell's PascalCase.
 */
import { ImportError, preview } from './errors';

/** The comparable form of a field name. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Records of one file (or one part of a file), addressable by index and normalised key. */
export interface RecordSet {
  /** File name for errors. */
  readonly file: string;
  readonly count: number;
  /** Whether any record can carry this field (a CSV column, a key seen in JSON). */
  has(key: string): boolean;
  /** The raw value, undefined when the record lacks it. Keys may be dotted: `to.id`. */
  value(row: number, key: string): unknown;
  /** A getter for one field, resolved once: the per-row path of large files. */
  accessor(key: string): (row: number) => unknown;
  /** Where a record or field is, for errors: `line 12` or `$[3].to.id`. */
  where(row: number, key?: string): string;
  /** The error for a bad field: located, and naming the CSV column when the line alone does not. */
  fieldError(row: number, key: string, expected: string, found?: string | null): ImportError;
}

/** JSON records, each an object, found at `path` in the file. */
export class JsonRecords implements RecordSet {
  readonly count: number;
  private readonly seen = new Set<string>();

  constructor(
    readonly file: string,
    private readonly path: string,
    private readonly items: unknown[],
  ) {
    this.count = items.length;
    items.forEach((item, i) => {
      if (!isObject(item)) {
        throw new ImportError(file, `${path}[${i}]`, 'an object', preview(item));
      }
      for (const key of Object.keys(item)) this.seen.add(normaliseKey(key));
    });
  }

  has(key: string): boolean {
    return this.seen.has(normaliseKey(key.split('.')[0]));
  }

  accessor(key: string): (row: number) => unknown {
    return (row) => this.value(row, key);
  }

  value(row: number, key: string): unknown {
    let current: unknown = this.items[row];
    for (const part of key.split('.')) {
      if (!isObject(current)) return undefined;
      current = current[findKey(current, part)];
    }
    return current;
  }

  fieldError(row: number, key: string, expected: string, found: string | null = null) {
    return new ImportError(this.file, this.where(row, key), expected, found);
  }

  where(row: number, key?: string): string {
    const base = `${this.path}[${row}]`;
    if (!key) return base;
    let current: unknown = this.items[row];
    let path = base;
    for (const part of key.split('.')) {
      const actual = isObject(current) ? findKey(current, part) : part;
      path += /^[A-Za-z_$][\w$]*$/.test(actual) ? `.${actual}` : `[${JSON.stringify(actual)}]`;
      current = isObject(current) ? current[actual] : undefined;
    }
    return path;
  }
}

/** The actual key of `object` that matches `key` once both are normalised (else `key`). */
function findKey(object: Record<string, unknown>, key: string): string {
  if (key in object) return key;
  const wanted = normaliseKey(key);
  for (const candidate of Object.keys(object)) {
    if (normaliseKey(candidate) === wanted) return candidate;
  }
  return key;
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
