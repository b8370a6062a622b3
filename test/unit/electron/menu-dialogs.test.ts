import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

const electron = await import('../../fakes/electron');
const { menuTemplate } = await import('../../../src-main/electron/menu');
const { pickExportFiles, saveFileWithDialog, safeFileName } =
  await import('../../../src-main/electron/dialogs');

let dir: string;
beforeEach(() => {
  electron.resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'dialogs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every item of a template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? items(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  const emitted: unknown[] = [];
  const options = (isPackaged: boolean, platform: NodeJS.Platform = 'linux') => ({
    platform,
    isPackaged,
    appName: 'SCIM Companion',
    emit: (event: unknown) => emitted.push(event),
  });

  it('sends "open export" to the page instead of opening anything itself', () => {
    const open = items(menuTemplate(options(true))).find((i) =>
      i.label?.startsWith('Open JumpCloud'),
    );
    (open?.click as () => void)();
    expect(emitted).toEqual([{ type: 'menu', command: 'open-export' }]);
    expect(open?.accelerator).toBe('CmdOrCtrl+O');
  });

  it('has developer tools and reload only when unpackaged', () => {
    const roles = (packaged: boolean) => items(menuTemplate(options(packaged))).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('opens help links over https only', () => {
    const help = menuTemplate(options(true)).find((i) => i.role === 'help');
    for (const item of help!.submenu as MenuItemConstructorOptions[]) (item.click as () => void)();
    expect(electron.fake.openedExternally).toEqual([
      'https://www.rfc-editor.org/rfc/rfc7644',
      'https://www.rfc-editor.org/rfc/rfc7643',
    ]);
  });

  it('has the app menu on macOS only', () => {
    expect(menuTemplate(options(true, 'darwin'))[0]?.label).toBe('SCIM Companion');
    expect(menuTemplate(options(true, 'linux'))[0]?.label).toBe('File');
  });
});

describe('native dialogs', () => {
  it('pickExportFiles returns the chosen paths, or null when cancelled', async () => {
    electron.fake.nextDialogResult = { canceled: false, filePaths: ['/a.csv', '/b.csv'] };
    expect(await pickExportFiles(null)).toEqual(['/a.csv', '/b.csv']);
    electron.fake.nextDialogResult = { canceled: true };
    expect(await pickExportFiles(null)).toBeNull();
    expect(electron.fake.dialogCalls[0]?.options.properties).toEqual([
      'openFile',
      'multiSelections',
    ]);
  });

  it('saveFileWithDialog writes the content where the admin chose, owner-only', async () => {
    const chosen = join(dir, 'report.html');
    electron.fake.nextDialogResult = { canceled: false, filePath: chosen };

    const saved = await saveFileWithDialog(null, {
      fileName: '../../etc/report.html',
      content: '<p>ok</p>',
    });

    expect(saved).toBe(chosen);
    expect(readFileSync(chosen, 'utf8')).toBe('<p>ok</p>');
    if (process.platform !== 'win32') expect(statSync(chosen).mode & 0o777).toBe(0o600);
    expect(electron.fake.dialogCalls[0]?.options.defaultPath).toBe('report.html');
  });

  it('saveFileWithDialog writes nothing when cancelled', async () => {
    electron.fake.nextDialogResult = { canceled: true };
    expect(await saveFileWithDialog(null, { fileName: 'x.csv', content: 'x' })).toBeNull();
  });

  it.each([
    ['report.csv', 'report.csv'],
    ['..\\..\\win.ini', 'win.ini'],
    ['a/b/c.json', 'c.json'],
    ['bad:name?.csv', 'bad_name_.csv'],
    ['..', 'scim-companion-export.txt'],
    ['', 'scim-companion-export.txt'],
  ])('safeFileName(%j) = %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });
});
