/**
 * Public entry point for JumpCloud exports: reads one or several files an admin has (reports,
 * PowerShell CSVs, backup zips, API dumps), recognises each by its content, and merges them into
 * one Directory for the audit. A file that cannot be read whole fails the whole import with an
 * ImportError; nothing partial is ever returned.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { log } from '../log';
import type { Directory } from '../model';
import { DirectoryBuilder } from './builder';
import { ExportTooLargeError, ImportError, preview } from './errors';
import { parseJson } from './json';
import { type FileReport, readExportFile } from './read-file';
import { decodeText } from './text';

export { ExportTooLargeError, ImportError, UnknownApplicationError } from './errors';
export type { FileReport } from './read-file';

/** Files larger than this are refused before reading unless the admin raises the limit. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Options for an import; all optional. */
export interface ImportOptions {
  /** Per-file size limit in bytes (default 50 MiB); also bounds each entry inside a zip. */
  maxBytes?: number;
  /**
   * Name or id of the application whose group bindings count when the export has binding data
   * for several applications (a backup zip of a whole org). Without it, an application whose
   * name mentions VaultOne is preferred, else all applications' bindings are used together.
   */
  application?: string;
}

/** The merged directory, and per file what was detected and read. */
export interface ImportResult {
  directory: Directory;
  /** One entry per file given, in order: what was detected, how many records, what was skipped. */
  files: FileReport[];
}

/** Imports export files already in memory (the app's file picker, tests). */
export async function importExport(
  files: Array<{ name: string; data: Uint8Array }>,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (files.length === 0) {
    throw new ImportError('(no file)', null, 'at least one JumpCloud export file');
  }
  for (const file of files) {
    if (file.data.byteLength > maxBytes) {
      throw new ExportTooLargeError(file.name, file.data.byteLength, maxBytes);
    }
  }

  const started = performance.now();
  const builder = new DirectoryBuilder();
  const reports = files.map((file) =>
    readExportFile(file.name, file.data, builder, { maxBytes, application: opts.application }),
  );
  const format = [...new Set(reports.map((r) => r.format))].join('+');
  const directory = builder.build(
    format,
    files.map((f) => f.name),
    opts.application,
  );
  log.info(
    {
      format,
      files: files.length,
      users: directory.users.length,
      groups: directory.groups.length,
      boundGroups: directory.boundGroups?.length ?? null,
      ms: Math.round(performance.now() - started),
    },
    'JumpCloud export imported',
  );
  return { directory, files: reports };
}

/** Imports export files from disk; each file's size is checked before it is read. */
export async function importExportFiles(
  paths: string[],
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  for (const path of paths) await checkSize(path, maxBytes);
  const files = await Promise.all(
    paths.map(async (path) => ({ name: basename(path), data: await readPath(path) })),
  );
  return importExport(files, opts);
}

/**
 * Reads a bound-groups file for `--bound-file`: a JSON array of group names (a `.json` file, or
 * text starting with `[` or `{`), or one name per line (blank lines and lines starting with `#`
 * ignored). Anything else, and a file naming no group, is an ImportError: an empty list would
 * silently mean "every group is bound".
 */
export async function readBoundGroupsFile(path: string): Promise<string[]> {
  await checkSize(path, DEFAULT_MAX_BYTES);
  const name = basename(path);
  const text = decodeText(name, await readPath(path));
  const names = looksLikeJson(name, text) ? namesFromJson(name, text) : namesFromLines(text);
  if (names.length === 0) {
    throw new ImportError(name, null, 'at least one bound group name', 'no group name');
  }
  return names;
}

function looksLikeJson(name: string, text: string): boolean {
  return /\.json$/i.test(name) || /^[[{"]/.test(text.trimStart());
}

function namesFromJson(name: string, text: string): string[] {
  const value = parseJson(name, text);
  if (!Array.isArray(value)) {
    throw new ImportError(name, '$', 'a JSON array of group names', preview(value));
  }
  return value.map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      throw new ImportError(name, `$[${i}]`, 'a group name (non-empty text)', preview(item));
    }
    return item.trim();
  });
}

function namesFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

// A file that cannot be opened is named by the path as given: the admin must see which path was
// wrong (a folder typo, a relative path from another directory), not only its last part.
async function checkSize(path: string, maxBytes: number): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportError(path, null, 'a file', 'a folder or device');
    size = info.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(path, null, 'a readable file', describeFsError(error));
  }
  if (size > maxBytes) throw new ExportTooLargeError(basename(path), size, maxBytes);
}

async function readPath(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ImportError(path, null, 'a readable file', describeFsError(error));
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to read it';
  if (code === 'ENOTDIR') return 'a part of the path that is not a folder';
  return code ?? 'an error reading it';
}
