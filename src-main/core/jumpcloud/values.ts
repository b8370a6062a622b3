/**
 * Reading single values out of export records: CSV cells are strings, JSON values are typed, and
 * both go through these so a "TRUE" in a CSV and a `true` in JSON mean the same.
 */
import type { JumpCloudState } from '../model';
import { preview } from './errors';
import type { RecordSet } from './records';

const JUMPCLOUD_ID = /^[0-9a-f]{24}$/i;
const STATES: readonly JumpCloudState[] = ['STAGED', 'ACTIVATED', 'SUSPENDED'];

/** Trimmed text, or null for empty or absent values. Numbers are read as their text. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') {
    // Most cells need no trimming; skipping trim() on them matters on large files.
    const n = value.length;
    if (n > 0 && value.charCodeAt(0) > 32 && value.charCodeAt(n - 1) > 32) return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A text value that must be text when present (an object where a name belongs is an error). */
export function requireText(set: RecordSet, row: number, key: string): string | null {
  const value = set.value(row, key);
  if (value === undefined || value === null) return null;
  const result = text(value);
  if (result === null && typeof value !== 'string') {
    throw set.fieldError(row, key, 'text', preview(value));
  }
  return result;
}

/** true/false, yes/no, 1/0 in any case; empty or absent is null. Anything else is an error. */
export function flag(set: RecordSet, row: number, key: string): boolean | null {
  const value = set.value(row, key);
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value;
  const word = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (word.trim().toLowerCase()) {
    case 'true':
    case 'yes':
    case '1':
      return true;
    case 'false':
    case 'no':
    case '0':
      return false;
    case '':
      return null;
  }
  throw set.fieldError(row, key, 'true or false', preview(value));
}

/** A JumpCloud user state (STAGED, ACTIVATED, SUSPENDED), any case; empty is null. */
export function jumpCloudState(set: RecordSet, row: number, key: string): JumpCloudState | null {
  const value = set.value(row, key);
  const word = text(value);
  if (word === null && (value === undefined || value === null || value === '')) return null;
  const upper = word?.toUpperCase() as JumpCloudState | undefined;
  if (upper && STATES.includes(upper)) return upper;
  throw set.fieldError(
    row,
    key,
    'a JumpCloud user state (STAGED, ACTIVATED or SUSPENDED)',
    preview(value),
  );
}

/** A JumpCloud object id (24 hex digits), lower-cased; empty or absent is null. */
export function jumpCloudId(set: RecordSet, row: number, key: string, what: string): string | null {
  const value = set.value(row, key);
  if (value === undefined || value === null || value === '') return null;
  const id = typeof value === 'string' ? value.trim() : null;
  if (id === '') return null;
  if (id !== null && JUMPCLOUD_ID.test(id)) return id.toLowerCase();
  throw set.fieldError(row, key, `a JumpCloud ${what} id (24 hex digits)`, preview(value));
}

/** True for a JumpCloud object id. */
export function isJumpCloudId(value: unknown): boolean {
  return typeof value === 'string' && JUMPCLOUD_ID.test(value);
}
