/**
 * Node's file system errors in words an admin can act on. Every command's error passes through
 * `reportCliError`, which uses `plainFsMessage`, so a raw `ENOENT: no such file or directory,
 * open '…'` never reaches the terminal, whether the error came straight from `fs` or a core
 * module folded its text into a message of its own.
 */
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import { dirname } from 'node:path';

const READ_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has a loop of symbolic links',
  EMFILE: 'too many files are open; try again',
  EBUSY: 'the file is in use by another program',
};

const WRITE_REASONS: Record<string, string> = {
  ...READ_REASONS,
  ENOENT: 'the folder does not exist',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EEXIST: 'a file of that name is in the way',
};

// What `fs` puts in a message: `CODE: libuv description, syscall 'path'` (+ ` -> 'dest'`).
const RAW_FS_TEXT = /\b(E[A-Z]+): [a-z][^,]*, [a-z]+(?: '[^']*')?(?: -> '[^']*')?/g;

/** The error's `code`, when it is a Node system error (`ENOENT`, `EACCES`…). */
function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

/** Why a file could not be used, in words; the raw code when it is an unusual one. */
export function fsReason(error: unknown): string {
  const code = codeOf(error);
  if (code) return READ_REASONS[code] ?? code;
  return error instanceof Error ? plainFsMessage(error.message) : String(error);
}

/** Why a file could not be written, in words (a missing folder is the usual one). */
export function writeReason(error: unknown): string {
  const code = codeOf(error);
  if (code) return WRITE_REASONS[code] ?? code;
  return error instanceof Error ? plainFsMessage(error.message) : String(error);
}

/** A message with any raw `fs` error text in it replaced by the reason in words. */
export function plainFsMessage(message: string): string {
  // Codes not listed stay as they are: the match might be a server's text, not Node's.
  return message.replace(
    RAW_FS_TEXT,
    (raw: string, code: string) => READ_REASONS[code] ?? WRITE_REASONS[code] ?? raw,
  );
}

/**
 * The message for an error that came straight from `fs` (it carries `syscall` and `path`), or
 * null for any other error. Such an error names no purpose, so the path and the reason must do.
 */
export function rawFsErrorMessage(error: unknown): string | null {
  const raw = error as { syscall?: unknown; path?: unknown } | null;
  const code = codeOf(error);
  if (!code || typeof raw?.syscall !== 'string' || typeof raw.path !== 'string') return null;
  const writing = ['write', 'rename', 'mkdir', 'unlink', 'copyfile'].includes(raw.syscall);
  const reason = writing ? writeReason(error) : fsReason(error);
  return `Cannot ${writing ? 'write' : 'use'} ${raw.path}: ${reason}.`;
}

/**
 * Runs `write`, which writes `what` (e.g. "the plan") to `path`; a file system failure becomes
 * "Cannot write the plan to PATH: the folder does not exist." Temporary files the writer uses
 * next to `path` stay out of the message.
 */
export async function writingTo<T>(
  what: string,
  path: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!codeOf(error)) throw error;
    throw new Error(`Cannot write ${what} to ${path}: ${writeReason(error)}.`, { cause: error });
  }
}

/**
 * Checks, before any slow work, that `path` names a file that can be created or replaced: its
 * folder exists and `path` is no folder. The write can still fail (permissions, disk full) and
 * says so then.
 */
export async function checkOutputFile(what: string, path: string): Promise<void> {
  const cannot = `Cannot write ${what} to ${path}`;
  const folder = dirname(path);
  const info = await fs.stat(folder).catch((error: unknown) => {
    throw new Error(`${cannot}: ${writeReason(error)}.`, { cause: error });
  });
  if (!info.isDirectory()) throw new Error(`${cannot}: ${folder} is not a folder.`);

  const existing = await fs.stat(path).catch(() => null);
  if (existing?.isDirectory()) {
    throw new Error(`${cannot}: it is a folder; name a file in it.`);
  }
}

/** `path` when it is a file that can be read; else an error naming it, its purpose and why. */
export async function readable(path: string, what: string): Promise<string> {
  const cannot = `Cannot read the ${what} file ${path}`;
  let info: Stats;
  try {
    await fs.access(path, fsConstants.R_OK);
    info = await fs.stat(path);
  } catch (error) {
    throw new Error(`${cannot}: ${fsReason(error)}.`, { cause: error });
  }
  if (info.isFile()) return path;
  throw new Error(
    `${cannot}: ${info.isDirectory() ? READ_REASONS.EISDIR : 'it is no regular file'}.`,
  );
}
