/**
 * The PowerShell `Backup-JCOrganization` zip: one file per object type (`User`, `UserGroup`,
 * `Application`, ...) and one per association (`Association-UserGroupToUser`, ...), JSON or CSV,
 * in a `JumpCloud_<timestamp>/` folder, with a manifest. Entry names are part of the format, so
 * they decide how each entry is read. The association from applications to user groups is the
 * list of bound groups.
 */
import { unzipSync } from 'fflate';
import type { DirectoryBuilder } from '../builder';
import { FileTally } from '../tally';
import { CsvRecords } from '../csv';
import { ExportTooLargeError, ImportError } from '../errors';
import { parseJson } from '../json';
import type { FileReport, ReadOptions } from '../read-file';
import { isObject, JsonRecords, type RecordSet } from '../records';
import { decodeText } from '../text';
import { readApplications, readAssociations, readUserGroups } from './graph';
import { readUsers } from './users';

// Backup type names as the module writes them, and the graph type each stands for.
const GRAPH_TYPES: Record<string, string> = {
  user: 'user',
  usergroup: 'user_group',
  application: 'application',
};

const ENTRY = /^(?:(association)-([a-z0-9]+)to([a-z0-9]+)|([a-z0-9]+))\.(json|csv)$/i;

/** Reads the backup's users, groups, applications and their associations. */
export function readBackupZip(
  name: string,
  data: Uint8Array,
  builder: DirectoryBuilder,
  options: ReadOptions,
): FileReport {
  const entries = unzip(name, data, options.maxBytes);
  const tally = new FileTally(builder);
  const names = Object.keys(entries).filter((path) => !path.endsWith('/'));
  const kinds = names.map((path) => ({ path, match: ENTRY.exec(baseName(path)) }));
  const has = (type: string) => kinds.some((k) => k.match?.[4]?.toLowerCase() === type);
  if (!has('user') && !has('usergroup')) {
    throw new ImportError(
      name,
      'zip entries',
      'a Backup-JCOrganization zip with User and UserGroup files (.json or .csv)',
      `entries ${names.slice(0, 5).map(printable).join(', ') || 'none'}`,
    );
  }

  let rows = 0;
  // Objects first, so associations find the groups and applications they name.
  const ordered = [...kinds].sort((a, b) => Number(!!a.match?.[1]) - Number(!!b.match?.[1]));
  for (const { path, match } of ordered) {
    const file = `${name}!${printable(path)}`;
    const base = baseName(path).toLowerCase();
    if (!match || base === 'manifest.json' || base === 'backupmanifest.json') {
      if (!/manifest\.json$/i.test(base)) tally.skip(`entry not used by the audit (${path})`);
      continue;
    }
    const [, association, fromName, toName, type, extension] = match;
    if (association) {
      const from = GRAPH_TYPES[fromName.toLowerCase()];
      const to = GRAPH_TYPES[toName.toLowerCase()];
      if (!from || !to) {
        tally.skip(`entry not used by the audit (${path})`);
        continue;
      }
      const set = recordsOf(file, entries[path], extension);
      if ([from, to].sort().join() === 'user,user_group') builder.listsAllGroups();
      readAssociations(set, builder, tally, { type: from, id: null });
      rows += set.count;
      continue;
    }
    const reader = { user: readUsers, usergroup: readUserGroups, application: readApplications }[
      type.toLowerCase()
    ];
    if (!reader) {
      tally.skip(`entry not used by the audit (${path})`);
      continue;
    }
    const set = recordsOf(file, entries[path], extension);
    reader(set, builder, tally);
    rows += set.count;
  }
  return { name, format: 'backup-jcorganization-zip', rows, skipped: tally.skipped() };
}

/** Unpacks the zip, refusing entries larger than the limit before inflating them. */
function unzip(name: string, data: Uint8Array, maxBytes: number): Record<string, Uint8Array> {
  // A backup holds a handful of files; many large ones together are a zip bomb, not a backup.
  const totalLimit = maxBytes * 4;
  let total = 0;
  try {
    return unzipSync(data, {
      filter: (entry) => {
        if (!ENTRY.test(baseName(entry.name))) return false;
        if (entry.originalSize > maxBytes) {
          throw new ExportTooLargeError(
            `${name}!${printable(entry.name)}`,
            entry.originalSize,
            maxBytes,
            {
              location: 'entry size in the zip directory',
            },
          );
        }
        total += entry.originalSize;
        if (total > totalLimit) {
          throw new ExportTooLargeError(name, total, totalLimit, {
            location: 'total of the entries read from the zip',
          });
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportError(name, 'zip structure', 'a readable zip archive', message.slice(0, 80));
  }
}

/** The records of one entry; PowerShell writes a lone object rather than a one-item array. */
function recordsOf(file: string, data: Uint8Array, extension: string): RecordSet {
  const text = decodeText(file, data);
  if (extension.toLowerCase() === 'csv') return CsvRecords.parse(file, text);
  if (text.trim() === '') return new JsonRecords(file, '$', []);
  const root = parseJson(file, text);
  if (Array.isArray(root)) return new JsonRecords(file, '$', root);
  if (isObject(root)) return new JsonRecords(file, '$', [root]);
  throw new ImportError(file, '$', 'an array of objects, or one object');
}

/** An entry name fit for a message: a damaged zip can hold any bytes there. */
function printable(path: string): string {
  const clean = path.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}

function baseName(path: string): string {
  return path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
}
