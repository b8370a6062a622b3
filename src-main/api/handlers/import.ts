/** Handlers that read a JumpCloud export and summarise it for the admin before any audit. */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Directory } from '../../core/model';
import type { Handlers } from '../define';
import type { ImportSummary, importMethods } from '../methods/import';
import { ApiError } from '../errors';
import type { BackendContext } from '../context';
import type { ExportFileData } from '../ports';
import { log } from '../../core/log';

export function createImportHandlers(ctx: BackendContext): Handlers<typeof importMethods> {
  async function importFiles(
    tenantId: string,
    files: ExportFileData[],
    maxFileMegabytes: number | null,
  ): Promise<ImportSummary> {
    await ctx.tenant(tenantId);
    const maxBytes = maxFileMegabytes === null ? null : maxFileMegabytes * 1024 * 1024;
    const { directory, files: reports } = await ctx.deps.importExport(files, { maxBytes });
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
      return importFiles(
        tenantId,
        files.map((file) => ({
          name: basename(file.name),
          data: Buffer.from(file.base64, 'base64'),
        })),
        maxFileMegabytes,
      );
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
      const files = await Promise.all(
        paths.map(async (path) => ({ name: basename(path), data: await readFile(path) })),
      );
      return importFiles(tenantId, files, null);
    },

    async getImport({ tenantId }) {
      return ctx.imports.get(tenantId)?.summary ?? null;
    },
  };
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
