/**
 * The application menu. Commands that belong to the page (open an export) are sent to the
 * renderer as a `menu` event; the rest are Electron roles. Developer tools and reload exist only
 * in an unpackaged app.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { CompanionEvent } from '../api/contract';
import { openExternalSafely } from './security';

export interface MenuOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  /** Sends an event to the renderer (through the same channel as backend events). */
  emit: (event: CompanionEvent) => void;
}

/** A `menu` event the renderer can act on, e.g. `{ type: 'menu', command: 'open-export' }`. */
export type MenuCommand = 'open-export' | 'show-tenants';

/** The menu template, exported so the unit tests can check it without building a menu. */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const command = (name: MenuCommand) => () => options.emit({ type: 'menu', command: name });

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];

  return [
    ...appMenu,
    {
      label: 'File',
      submenu: [
        { label: 'Tenants', accelerator: 'CmdOrCtrl+T', click: command('show-tenants') },
        {
          label: 'Open JumpCloud Export…',
          accelerator: 'CmdOrCtrl+O',
          click: command('open-export'),
        },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...developer,
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'SCIM 2.0 Protocol (RFC 7644)',
          click: () => openExternalSafely('https://www.rfc-editor.org/rfc/rfc7644'),
        },
        {
          label: 'SCIM 2.0 Schema (RFC 7643)',
          click: () => openExternalSafely('https://www.rfc-editor.org/rfc/rfc7643'),
        },
      ],
    },
  ];
}

/** Installs the application menu. */
export function setupMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
