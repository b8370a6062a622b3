/**
 * Reads one export file into the shared builder: finds its container (zip, JSON, CSV) and its
 * format from the content, then hands the records to the matching reader.
 */
import type { DirectoryBuilder } from './builder';
import { FileTally } from './tally';
import { CsvRecords } from './csv';
import { containerOf, KNOWN_HEADERS, tableFormatOf, type TableFormat } from './detect';
import { ImportError } from './errors';
import { readJsonExport } from './formats/api-json';
import { readBackupZip } from './formats/backup-zip';
import { readGroupMembers, readUsersToGroupsReport } from './formats/memberships';
import { readUsersToSsoAppsReport } from './formats/sso-report';
import { readUsers } from './formats/users';
import type { RecordSet } from './records';
import { decodeText } from './text';
import type { SkippedRows } from '../model';

/** What the admin is shown per file before the audit uses it. */
export interface FileReport {
  name: string;
  /** Detected format id, e.g. `powershell-group-members-csv`. */
  format: string;
  /** Records read (CSV data rows, JSON objects), placeholders included. */
  rows: number;
  skipped: SkippedRows[];
}

/** What every reader may need beyond the file itself. */
export interface ReadOptions {
  maxBytes: number;
  /** Name or id of the application whose bindings count, when the export has several. */
  application?: string;
}

const TABLE_READERS: Record<
  TableFormat,
  (set: RecordSet, builder: DirectoryBuilder, tally: FileTally) => void
> = {
  'admin-users-to-groups': readUsersToGroupsReport,
  'admin-users-to-sso-apps': readUsersToSsoAppsReport,
  'powershell-group-members': readGroupMembers,
  'jcbackup-users': readUsers,
};

/** Reads one file; anything unexpected becomes an ImportError naming the file. */
export function readExportFile(
  name: string,
  data: Uint8Array,
  builder: DirectoryBuilder,
  options: ReadOptions,
): FileReport {
  try {
    let decoded: string | null = null;
    const text = () => (decoded ??= decodeText(name, data));
    switch (containerOf(data, text)) {
      case 'zip':
        return readBackupZip(name, data, builder, options);
      case 'json':
        return readJsonExport(name, text(), builder, options);
      case 'csv':
        return readCsvExport(name, text(), builder);
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    // A reader bug or a shape nobody foresaw must still reach the admin as a readable error.
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportError(name, null, 'a readable JumpCloud export', message.slice(0, 120));
  }
}

function readCsvExport(name: string, text: string, builder: DirectoryBuilder): FileReport {
  const set = CsvRecords.parse(name, text);
  const format = tableFormatOf(set);
  if (format === null) {
    throw new ImportError(
      name,
      'line 1',
      KNOWN_HEADERS,
      JSON.stringify(set.header.join(',').slice(0, 60)),
    );
  }
  return readTable(name, set, format, 'csv', builder, set.emptyRows);
}

/** Runs a table reader over records and reports the file. */
export function readTable(
  name: string,
  set: RecordSet,
  format: TableFormat,
  container: 'csv' | 'json',
  builder: DirectoryBuilder,
  emptyRows = 0,
): FileReport {
  const tally = new FileTally(builder);
  tally.skip('empty row', emptyRows);
  TABLE_READERS[format](set, builder, tally);
  return {
    name,
    format: `${format}-${container}`,
    rows: set.count + emptyRows,
    skipped: tally.skipped(),
  };
}
