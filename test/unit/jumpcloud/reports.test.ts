import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_BYTES,
  ImportError,
  importExport,
  importExportFiles,
  readBoundGroupsFile,
} from '../../../src-main/core/jumpcloud';
import { ALICE, CAROL, csvText, powershellMembersCsv, utf16, utf8 } from './sample';

const SSO_COLUMNS = [
  'username',
  'email',
  'application_name',
  'user_state',
  'association_type',
  'association_timestamp',
  'last_login_timestamp',
];

describe('Admin Portal "Users to SSO Applications" report', () => {
  it('reads the users who reach the app, without inventing groups or bindings', async () => {
    const text = csvText(SSO_COLUMNS, [
      ['alice', 'alice@example.com', 'VaultOne SCIM', 'ACTIVATED', 'user_group', '2026-01-01', ''],
      ['carol', 'carol@example.com', 'VaultOne SCIM', 'SUSPENDED', 'direct', '2026-01-01', ''],
    ]);
    const result = await importExport([{ name: 'users-to-sso.csv', data: utf8(text) }]);

    expect(result.directory).toEqual({
      format: 'admin-users-to-sso-apps-csv',
      sources: ['users-to-sso.csv'],
      users: [
        {
          key: 'u:alice',
          id: null,
          username: 'alice',
          email: 'alice@example.com',
          firstName: null,
          lastName: null,
          state: 'ACTIVATED',
          suspended: false,
          passwordExpired: null,
          accountLocked: false,
        },
        {
          key: 'u:carol',
          id: null,
          username: 'carol',
          email: 'carol@example.com',
          firstName: null,
          lastName: null,
          state: 'SUSPENDED',
          suspended: true,
          passwordExpired: null,
          accountLocked: false,
        },
      ],
      groups: [],
      boundGroups: null,
      hasMembership: false,
      skipped: [],
      warnings: [
        'The "Users to SSO Applications" report (VaultOne SCIM) says which users reach the ' +
          'application, not which groups are bound to it: pick the bound groups yourself.',
        'The export does not say whose password has expired, and JumpCloud deactivates those ' +
          'users: inactive users are not judged. Add the “Users to User Groups” report or the ' +
          'users file of a backup.',
      ],
    });
  });

  it('joins with a membership listing by username', async () => {
    const text = csvText(SSO_COLUMNS, [
      ['CAROL', 'carol@example.com', 'VaultOne SCIM', 'SUSPENDED', 'direct', '', ''],
    ]);
    const { directory } = await importExport([
      { name: 'members.csv', data: utf8(powershellMembersCsv()) },
      { name: 'sso.csv', data: utf8(text) },
    ]);

    const carol = directory.users.find((u) => u.id === CAROL.id);
    expect(carol?.state).toBe('SUSPENDED');
    expect(carol?.email).toBe('carol@example.com');
    expect(directory.users).toHaveLength(4);
  });
});

describe('groups JumpCloud treats specially', () => {
  it('notes the built-in "All Users" group', async () => {
    const text = csvText(['GroupName', 'Username', 'UserID'], [['All Users', 'alice', ALICE.id]]);
    const { directory } = await importExport([{ name: 'm.csv', data: utf8(text) }]);

    expect(directory.warnings).toContain(
      'The export includes JumpCloud\'s built-in group "All Users", which holds every user: ' +
        'if it is bound to the application, every user is provisioned.',
    );
  });
});

describe('files on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jc-import-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports files by path, named by their base name', async () => {
    const path = join(dir, 'members.csv');
    await writeFile(path, powershellMembersCsv());
    const result = await importExportFiles([path]);

    expect(result.directory.sources).toEqual(['members.csv']);
    expect(result.directory.groups).toHaveLength(2);
  });

  it('refuses a file over the limit by its size, without reading it', async () => {
    // A sparse 3 GiB file: reading it would fail or take long; the size check must come first.
    const path = join(dir, 'huge.csv');
    await writeFile(path, '');
    await truncate(path, 3 * 1024 * 1024 * 1024);
    const error = (await importExportFiles([path]).catch((e: unknown) => e)) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.name).toBe('ExportTooLargeError');
    expect(error.file).toBe('huge.csv');
    expect(error.message).toContain('50.0 MiB');
    expect(DEFAULT_MAX_BYTES).toBe(50 * 1024 * 1024);
  });

  it('lets the admin raise or lower the limit', async () => {
    const path = join(dir, 'members.csv');
    await writeFile(path, powershellMembersCsv());

    await expect(importExportFiles([path], { maxBytes: 10 })).rejects.toThrow(/at most 10 bytes/);
    await expect(
      importExport([{ name: 'm.csv', data: utf8('x'.repeat(11)) }], { maxBytes: 10 }),
    ).rejects.toBeInstanceOf(ImportError);
  });

  it('names a missing file by the path given, so a wrong folder shows', async () => {
    const path = join(dir, 'nope.csv');
    const error = (await importExportFiles([path]).catch((e: unknown) => e)) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.found).toBe('no such file');
    expect(error.message).toBe(`${path}: expected a readable file, found no such file`);
  });

  it('names a folder given as an export by its path', async () => {
    const error = (await importExportFiles([dir]).catch((e: unknown) => e)) as ImportError;

    expect(error.message).toBe(`${dir}: expected a file, found a folder or device`);
  });

  it('reads bound groups one per line, or as a JSON array', async () => {
    const lines = join(dir, 'bound.txt');
    await writeFile(lines, utf16('# VaultOne\r\nEngineering\r\n\r\n  Sales; EMEA \r\n', 'le'));
    const json = join(dir, 'bound.json');
    await writeFile(json, '["Engineering", "Empty Team"]');

    expect(await readBoundGroupsFile(lines)).toEqual(['Engineering', 'Sales; EMEA']);
    expect(await readBoundGroupsFile(json)).toEqual(['Engineering', 'Empty Team']);
  });

  it('refuses a bound groups JSON that is not a list of names', async () => {
    const json = join(dir, 'bound.json');
    await writeFile(json, '["Engineering", 3]');
    const error = (await readBoundGroupsFile(json).catch((e: unknown) => e)) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.location).toBe('$[1]');
  });

  it('refuses a bound groups JSON object, naming the file and the JSON path', async () => {
    const json = join(dir, 'bound.txt');
    await writeFile(json, '{"hello":[1,2,3]}');
    const error = (await readBoundGroupsFile(json).catch((e: unknown) => e)) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toBe(
      'bound.txt, $: expected a JSON array of group names, found {"hello":[1,2,3]}',
    );
  });

  it('refuses a bound groups file that names no group, instead of meaning "all groups"', async () => {
    for (const [file, text] of [
      ['empty.txt', ''],
      ['comments.txt', '# only a comment\n\n   \n'],
      ['empty.json', '[]'],
    ]) {
      const path = join(dir, file!);
      await writeFile(path, text!);
      const error = (await readBoundGroupsFile(path).catch((e: unknown) => e)) as ImportError;
      expect(error).toBeInstanceOf(ImportError);
      expect(error.message).toBe(
        `${file}: expected at least one bound group name, found no group name`,
      );
    }
  });
});
