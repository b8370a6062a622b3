/**
 * Malformed and truncated exports: whatever the bytes, the importer either returns a consistent
 * directory or throws an ImportError that says where the problem is. Seeded, so a failure
 * reproduces; bounded, so it stays fast.
 */
import { describe, expect, it } from 'vitest';
import { ImportError, importExport } from '../../../src-main/core/jumpcloud';
import type { Directory } from '../../../src-main/core/model';
import {
  ENGINEERING,
  SALES,
  VAULTONE_APP,
  applicationGroupsJson,
  backupZipCsv,
  backupZipJson,
  membersJson,
  powershellMembersCsv,
  systemUsersJson,
  userGroupsJson,
  usersToGroupsCsv,
  usersToGroupsRecords,
  utf16,
  utf8,
} from './sample';

/** mulberry32: a tiny seeded generator, enough to pick mutations reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIAL = [...utf8('",;\t\r\n{}[]:\\ '), 0, 0xff, 0xc3, 0xfe];

function mutate(data: Uint8Array, next: () => number): Uint8Array {
  const at = Math.floor(next() * data.length);
  const pick = () => SPECIAL[Math.floor(next() * SPECIAL.length)];
  switch (Math.floor(next() * 5)) {
    case 0:
      return data.slice(0, at); // truncated
    case 1: {
      const copy = data.slice();
      copy[at] = pick(); // one byte replaced
      return copy;
    }
    case 2:
      return new Uint8Array([...data.subarray(0, at), pick(), ...data.subarray(at)]);
    case 3: {
      const end = Math.min(data.length, at + 1 + Math.floor(next() * 40));
      return new Uint8Array([...data.subarray(0, at), ...data.subarray(end)]); // a span removed
    }
    default: {
      const copy = data.slice();
      for (let i = 0; i < 4; i++) copy[Math.floor(next() * copy.length)] = pick();
      return copy;
    }
  }
}

/** What any imported directory must satisfy, whatever the input. */
function expectConsistent(directory: Directory): void {
  const keys = directory.users.map((u) => u.key);
  expect(new Set(keys).size).toBe(keys.length);
  for (const user of directory.users) expect(user.id ?? user.username).toBeTruthy();
  for (const group of directory.groups) {
    for (const member of group.members ?? []) expect(keys).toContain(member);
  }
  const names = directory.groups.map((g) => g.name);
  for (const bound of directory.boundGroups ?? []) expect(names).toContain(bound);
}

const SAMPLES: Array<[string, Uint8Array]> = [
  ['members.csv', utf8(powershellMembersCsv())],
  ['members-utf16.csv', utf16(powershellMembersCsv(';'), 'le')],
  ['report.csv', utf8(usersToGroupsCsv())],
  ['report.json', utf8(JSON.stringify(usersToGroupsRecords(), null, 1))],
  ['systemusers.json', utf8(systemUsersJson())],
  [
    'bundle.json',
    utf8(
      JSON.stringify({
        '/usergroups': JSON.parse(userGroupsJson()),
        [`/usergroups/${ENGINEERING.id}/members`]: membersJson(ENGINEERING.id),
        [`/applications/${VAULTONE_APP.id}/usergroups`]: applicationGroupsJson([SALES.id]),
      }),
    ),
  ],
  ['backup.zip', backupZipJson()],
  ['backup-csv.zip', backupZipCsv()],
];

describe('malformed and truncated exports', () => {
  for (const [name, sample] of SAMPLES) {
    it(`never lets anything but a located ImportError escape (${name})`, async () => {
      const next = random(0x5eed + sample.length);
      let refused = 0;
      for (let round = 0; round < 60; round++) {
        const data = mutate(sample, next);
        try {
          const { directory } = await importExport([{ name, data }]);
          expectConsistent(directory);
        } catch (error) {
          if (!(error instanceof ImportError)) {
            throw new Error(`round ${round}: ${String(error)}`, { cause: error });
          }
          expect(error.file.startsWith(name), `round ${round}: ${error.message}`).toBe(true);
          expect(error.location, `round ${round}: ${error.message}`).toBeTruthy();
          refused++;
        }
      }
      // Most mutations of a well-formed file must be noticed, or the test is not testing much.
      expect(refused).toBeGreaterThan(5);
    });
  }
});
