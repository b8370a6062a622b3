/**
 * Native file dialogs: pick JumpCloud export files, save a report or export. Both run in the main
 * process; the renderer only asks, through contract methods, and never names a path itself.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';

/** The JumpCloud export files the admin picked, or null when they cancelled. */
export async function pickExportFiles(window: BrowserWindow | null): Promise<string[] | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open JumpCloud export',
    buttonLabel: 'Open export',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'JumpCloud exports', extensions: ['csv', 'json', 'zip'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = window
    ? await dialog.showOpenDialog(window, options)
    : await dialog.showOpenDialog(options);
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
}

/** A file the backend produced for the admin to keep (report, request log, plan). */
export interface FileToSave {
  fileName: string;
  content: string;
}

/** Asks where to save `file` and writes it there; the path, or null when they cancelled. */
export async function saveFileWithDialog(
  window: BrowserWindow | null,
  file: FileToSave,
): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'Save',
    // Only a bare name is suggested: a path from the backend must not pick the folder.
    defaultPath: safeFileName(file.fileName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;

  await writeFile(result.filePath, file.content, { encoding: 'utf8', mode: 0o600 });
  return result.filePath;
}

/** The last path segment without characters file systems refuse. */
export function safeFileName(name: string): string {
  const bare = basename(name.replaceAll('\\', '/')).replace(/[<>:"|?*\p{Cc}]/gu, '_');
  return bare && bare !== '.' && bare !== '..' ? bare : 'scim-companion-export.txt';
}
