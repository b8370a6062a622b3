/**
 * Reading a JumpCloud export: the renderer sends file contents (base64), or, in the desktop app,
 * asks the main process to pick files with a native dialog. The summary is shown to the admin
 * before the audit uses the export.
 */
import { z } from 'zod';
import { method } from '../define';
import type { SkippedRows } from '../../core/model';
import { tenantId, tenantRef } from './common';

/** Bound on one file sent over the contract, in base64 characters (about 96 MB of data). */
export const MAX_FILE_BASE64 = 128 * 1024 * 1024;

export interface ImportedGroupView {
  name: string;
  /** Null when the export says nothing about this group's members. */
  members: number | null;
  dynamic: boolean;
}

/** One file of an export: what was detected in it and what was skipped. */
export interface ImportedFileView {
  name: string;
  format: string;
  rows: number;
  skipped: SkippedRows[];
}

/** What was read from an export: shown before the audit uses it. */
export interface ImportSummary {
  importId: string;
  format: string;
  sources: string[];
  files: ImportedFileView[];
  users: number;
  groups: number;
  hasMembership: boolean;
  /** Bound groups named by the export's binding data, else null (the admin picks). */
  boundGroupsFromExport: string[] | null;
  groupList: ImportedGroupView[];
  skipped: SkippedRows[];
  warnings: string[];
}

export const exportFile = z
  .object({
    name: z.string().min(1).max(1000),
    base64: z.string().max(MAX_FILE_BASE64),
  })
  .strict();

export const importExportInput = z
  .object({
    tenantId,
    files: z.array(exportFile).min(1, 'Pick at least one file.').max(50),
    /** Raises the per-file size limit (MiB) for exports larger than the default. */
    maxFileMegabytes: z.number().int().min(1).max(1024).nullable().default(null),
  })
  .strict();

export const importMethods = {
  importExport: method<typeof importExportInput, ImportSummary>(importExportInput),
  /** Desktop only: the main process shows a native open dialog. Null when the admin cancels. */
  importExportFromDialog: method<typeof tenantRef, ImportSummary | null>(tenantRef),
  /** The export last imported for this tenant in this session, or null. */
  getImport: method<typeof tenantRef, ImportSummary | null>(tenantRef),
};
