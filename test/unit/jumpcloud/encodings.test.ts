import { describe, expect, it } from 'vitest';
import { ImportError, importExport } from '../../../src-main/core/jumpcloud';
import type { Directory } from '../../../src-main/core/model';
import {
  ALICE,
  BOB,
  CAROL,
  DAVE,
  bareUser,
  csvText,
  powershellMembersCsv,
  usersToGroupsCsv,
  utf16,
  utf8,
  utf8Bom,
} from './sample';

const EXPECTED_GROUPS: Directory['groups'] = [
  { id: null, name: 'Engineering', members: [ALICE.id, BOB.id], dynamic: false },
  { id: null, name: 'Sales; EMEA', members: [ALICE.id, CAROL.id, DAVE.id], dynamic: false },
];

async function read(data: Uint8Array) {
  return importExport([{ name: 'members.csv', data }]);
}

describe('reading the bytes and lines of a CSV export', () => {
  const text = powershellMembersCsv();
  const variants: Array<[string, Uint8Array]> = [
    ['UTF-8 without BOM', utf8(text)],
    ['UTF-8 with BOM', utf8Bom(text)],
    ['UTF-16 LE with BOM (Windows PowerShell 5.1)', utf16(text, 'le')],
    ['UTF-16 BE with BOM', utf16(text, 'be')],
    ['semicolon delimiters', utf8(powershellMembersCsv(';'))],
    ['tab delimiters', utf8(powershellMembersCsv('\t'))],
    ['LF line ends', utf8(text.replace(/\r\n/g, '\n'))],
    ['no final line end', utf8(text.replace(/\r\n$/, ''))],
    ['blank lines and Excel empty rows at the end', utf8(text + '\r\n,,\r\n')],
    ['unquoted fields', utf8(text.replace(/"/g, '').replace('Sales; EMEA', '"Sales; EMEA"'))],
  ];

  for (const [label, data] of variants) {
    it(`reads ${label}`, async () => {
      const { directory } = await read(data);

      expect(directory.users).toEqual([ALICE, BOB, CAROL, DAVE].map(bareUser));
      expect(directory.groups).toEqual(EXPECTED_GROUPS);
    });
  }

  it('counts Excel empty rows as skipped', async () => {
    const result = await read(utf8(text + ',,\r\n,,\r\n'));

    expect(result.files[0].skipped).toEqual([{ reason: 'empty row', count: 2 }]);
    expect(result.files[0].rows).toBe(7);
  });

  it('keeps line breaks inside quoted fields and reports later lines correctly', async () => {
    const data = csvText(
      ['GroupName', 'Username', 'UserID'],
      [
        ['Night\r\nShift', 'amy', ''],
        ['Ops', 'bo', 'not-an-id'],
      ],
    );
    const error = await read(utf8(data)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ImportError);
    // Header on line 1, the quoted field spans lines 2-3, so the bad row is line 4.
    expect((error as ImportError).location).toBe('line 4');
    expect((error as ImportError).expected).toBe(
      'a JumpCloud user id (24 hex digits) in column "UserID"',
    );

    const ok = await read(utf8(data.replace('not-an-id', '')));
    expect(ok.directory.groups.map((g) => g.name)).toEqual(['Night\r\nShift', 'Ops']);
  });

  it('reads the report with semicolons and a UTF-16 BOM alike', async () => {
    const plain = await importExport([{ name: 'r.csv', data: utf8(usersToGroupsCsv()) }]);
    const odd = await importExport([{ name: 'r.csv', data: utf16(usersToGroupsCsv(';'), 'le') }]);

    expect(odd.directory).toEqual(plain.directory);
  });

  it('refuses UTF-16 without a byte-order mark rather than misreading it', async () => {
    const data = utf16(text, 'le').subarray(2);
    const error = await read(data).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).file).toBe('members.csv');
  });

  describe('UTF-16 without a byte-order mark', () => {
    const advice =
      'UTF-16 text without a byte-order mark: save it again as UTF-8, or as UTF-16 with a BOM ' +
      '(PowerShell: Export-Csv -Encoding utf8)';
    const withoutBom = (content: string, endian: 'le' | 'be') => utf16(content, endian).subarray(2);

    it.each([
      ['little-endian CSV', withoutBom(text, 'le')],
      ['big-endian CSV', withoutBom(text, 'be')],
      ['the Admin Portal report, little-endian', withoutBom(usersToGroupsCsv(), 'le')],
      ['JSON, little-endian', withoutBom('[{"username":"amy"}]', 'le')],
    ])('says how to save %s again', async (_label, data) => {
      const error = (await read(data).catch((e: unknown) => e)) as ImportError;

      expect(error).toBeInstanceOf(ImportError);
      expect(error.message).toBe(`members.csv: ${advice}`);
    });

    it('is told apart from UTF-8 with accents and from UTF-16 with its mark', async () => {
      const accented = powershellMembersCsv().replaceAll('alice', 'alicë');
      await expect(read(utf8(accented))).resolves.toBeDefined();
      await expect(read(utf16(accented, 'le'))).resolves.toBeDefined();
    });
  });

  it('refuses bytes that are not UTF-8, naming the first bad byte', async () => {
    const data = new Uint8Array([...utf8('GroupName,Username\r\nOps,'), 0xff, 0x41]);
    const error = (await read(data).catch((e: unknown) => e)) as ImportError;

    expect(error).toBeInstanceOf(ImportError);
    expect(error.location).toBe('byte 24');
    expect(error.expected).toMatch(/UTF-8/);
  });
});
