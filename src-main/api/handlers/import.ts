/** Handlers that read a JumpCloud export and summarise it for the admin before any audit. */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Directory } from '../../core/model';
import type { Handlers } from '../define';
import type { ImportSummary, importMethods } from '../methods/import';
import { ApiError, toWireError } from '../errors';
import type { BackendContext } from '../context';
import type { ExportFileData } from '../ports';
import { log } from '../../core/log';

export function createImportHandlers(ctx: BackendContext): Handlers<typeof importMethods> {
  async function importFiles(
    tenantId: string,
    files: () => Promise<ExportFileData[]>,
    maxFileMegabytes: number | null,
  ): Promise<ImportSummary> {
    await ctx.tenant(tenantId);
    const maxBytes = maxFileMegabytes === null ? null : maxFileMegabytes * 1024 * 1024;
    const reading = files().then((data) => ctx.deps.importExport(data, { maxBytes }));
    const { directory, files: reports } = await reading.catch((error: unknown) => {
      throw dropReplacedExport(ctx, tenantId, error);
    });

    const summary = { ...summarise(directory), files: reports };
    ctx.imports.set(tenantId, { summary, directory });
    // A new export makes the last audit stale.
    ctx.audits.delete(tenantId);
    log.info(
      { tenantId, format: summary.format, users: summary.users, groups: summary.groups },
      'export imported',
    );
    return summary;
  }

  return {
    async importExport({ tenantId, files, maxFileMegabytes }) {
      const decoded = files.map((file) => ({
        name: basename(file.name),
        data: Buffer.from(file.base64, 'base64'),
      }));
      return importFiles(tenantId, async () => decoded, maxFileMegabytes);
    },

    async importExportFromDialog({ tenantId }) {
      const pick = ctx.deps.pickExportFiles;
      if (!pick) {
        throw new ApiError(
          'unsupported',
          'There is no file dialog here: choose the files in the page instead.',
        );
      }
      const paths = await pick();
      if (!paths || paths.length === 0) return null;
      const read = () =>
        Promise.all(
          paths.map(async (path) => ({ name: basename(path), data: await readFile(path) })),
        );
      return importFiles(tenantId, read, null);
    },

    async getImport({ tenantId }) {
      return ctx.imports.get(tenantId)?.summary ?? null;
    },
  };
}

/**
 * The admin chose files to replace the tenant's export and they could not be read: the export
 * before them, and any audit of it, are dropped, so nothing is audited or repaired against an
 * export the admin meant to replace. The error says so when there was one.
 */
function dropReplacedExport(ctx: BackendContext, tenantId: string, error: unknown): unknown {
  const previous = ctx.imports.get(tenantId);
  ctx.imports.delete(tenantId);
  ctx.audits.delete(tenantId);
  if (!previous) return error;

  log.info({ tenantId, format: previous.summary.format }, 'export dropped: its replacement failed');
  const wire = toWireError(error);
  const retry =
    wire.code === 'export-too-large-error'
      ? 'read these files with a higher size limit, or choose the export files again'
      : 'choose the export files again';
  const note =
    `The export imported before (${previous.summary.format}) is no longer in use, nor any ` +
    `audit of it: ${retry}.`;
  const message = /[.!?]$/.test(wire.message) ? wire.message : `${wire.message}.`;
  return new ApiError(wire.code, `${message} ${note}`, wire.details);
}

function summarise(directory: Directory): Omit<ImportSummary, 'files'> {
  return {
    importId: randomUUID(),
    format: directory.format,
    sources: directory.sources,
    users: directory.users.length,
    groups: directory.groups.length,
    hasMembership: directory.hasMembership,
    boundGroupsFromExport: directory.boundGroups,
    groupList: directory.groups
      .map((group) => ({
        name: group.name,
        members: group.members === null ? null : group.members.length,
        dynamic: group.dynamic,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    skipped: directory.skipped,
    warnings: directory.warnings,
  };
}
