/** The per-tenant request log: method, path, status, duration, retries. Never a header value. */
import { z } from 'zod';
import type { RequestLogEntry } from '../../core/scim';
import { method } from '../define';
import { tenantId, tenantRef } from './common';

/** One request as the page shows it: the log's own entry, which never holds a header value. */
export type RequestLogEntryView = RequestLogEntry;

/**
 * A file for the admin to keep. In the desktop app the main process asks where to save it and
 * `savedTo` says where it went (null when the admin cancelled); in a browser `content` comes back
 * and the page offers it as a download.
 */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string | null;
  savedTo: string | null;
}

export const exportRequestLogInput = z
  .object({ tenantId, format: z.enum(['csv', 'json']).default('csv') })
  .strict();

export const requestLogMethods = {
  getRequestLog: method<typeof tenantRef, RequestLogEntryView[]>(tenantRef),
  exportRequestLog: method<typeof exportRequestLogInput, ExportedFile>(exportRequestLogInput),
};
