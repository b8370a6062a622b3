/**
 * A FAKE of the `electron` module, for unit tests of the shell where the Electron binary cannot
 * run (it cannot be downloaded on the build machines). It records what the code under test asks
 * of Electron (window options, handlers, headers, dialogs) and lets tests fire the events
 * Electron would fire. It implements no Electron behaviour beyond that bookkeeping.
 *
 * Use: `vi.mock('electron', () => import('../../fakes/electron'))`, then `resetFakeElectron()`.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

/** A fake frame: its URL and parent (null for a main frame). */
export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

/** A fake web contents: remembers sends, its URL, and its window-open handler. */
export class FakeWebContents extends EventEmitter {
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly mainFrame = new FakeFrame('about:blank');
  windowOpenHandler: WindowOpenHandler | null = null;

  getURL(): string {
    return this.mainFrame.url;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Fires an event the way Electron does for cancellable navigation events. */
  fire(name: string, ...args: unknown[]): { prevented: boolean } {
    const outcome = { prevented: false };
    const event = { preventDefault: () => (outcome.prevented = true) };
    this.emit(name, event, ...args);
    return outcome;
  }
}

/** A fake BrowserWindow: keeps its options and what was loaded into it. */
export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  static focused: FakeBrowserWindow | null = null;

  readonly webContents = new FakeWebContents();
  destroyed = false;
  shown = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
  }

  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.focused;
  }

  async loadFile(path: string, options: { query?: Record<string, string> } = {}): Promise<void> {
    // As Electron does: the query, when given, is appended to the file URL.
    const query = new URLSearchParams(options.query ?? {}).toString();
    this.webContents.mainFrame.url = pathToFileURL(path).href + (query ? `?${query}` : '');
  }

  async loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  show(): void {
    this.shown = true;
  }

  focus(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
}

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders: Record<string, string[]> }) => void,
) => void;

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { isMainFrame: boolean; requestingUrl: string },
) => void;

/** A fake session: keeps the handlers the code installs so tests can call them. */
export class FakeSession {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;

  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** A fake ipcMain: `handle` registers, `invoke` (test only) calls like a renderer would. */
export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron structured-clones what crosses; so does this fake.
    return structuredClone(await handler(event, ...args));
  }
}

/** A fake ipcRenderer for preload tests: routes `invoke` to a FakeIpcMain. */
export class FakeIpcRenderer extends EventEmitter {
  constructor(
    private readonly main: FakeIpcMain,
    private readonly event: unknown,
  ) {
    super();
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.main.invoke(channel, this.event, ...structuredClone(args));
  }
}

interface DialogResult {
  canceled: boolean;
  filePaths?: string[];
  filePath?: string;
}

/** The fake's shared state, reset by `resetFakeElectron()`. */
export const fake = {
  openedExternally: [] as string[],
  dialogCalls: [] as Array<{ kind: 'open' | 'save'; options: Record<string, unknown> }>,
  nextDialogResult: { canceled: true } as DialogResult,
  applicationMenu: null as { template: unknown[] } | null,
  exposed: {} as Record<string, unknown>,
  appEvents: new EventEmitter(),
  appCalls: [] as string[],
  paths: {} as Record<string, string>,
  isPackaged: true,
  singleInstance: true,
  ready: null as null | (() => void),
};

export const BrowserWindow = FakeBrowserWindow;
export const session = { defaultSession: new FakeSession() };
export const ipcMain = new FakeIpcMain();
export let ipcRenderer = new FakeIpcRenderer(ipcMain, {});

export const shell = {
  async openExternal(url: string): Promise<void> {
    fake.openedExternally.push(url);
  },
};

export const dialog = {
  async showOpenDialog(...args: unknown[]): Promise<DialogResult> {
    fake.dialogCalls.push({ kind: 'open', options: args.at(-1) as Record<string, unknown> });
    return { filePaths: [], ...fake.nextDialogResult };
  },
  async showSaveDialog(...args: unknown[]): Promise<DialogResult> {
    fake.dialogCalls.push({ kind: 'save', options: args.at(-1) as Record<string, unknown> });
    return fake.nextDialogResult;
  },
};

export const Menu = {
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    fake.applicationMenu = menu;
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    fake.exposed[key] = api;
  },
};

let readyResolve: () => void = () => undefined;
let readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));

export const app = {
  get isPackaged(): boolean {
    return fake.isPackaged;
  },
  getName: () => 'scim-companion',
  setPath(name: string, value: string): void {
    fake.paths[name] = value;
  },
  enableSandbox(): void {
    fake.appCalls.push('enableSandbox');
  },
  requestSingleInstanceLock: () => fake.singleInstance,
  on(name: string, listener: (...args: unknown[]) => void) {
    fake.appEvents.on(name, listener);
    return app;
  },
  whenReady: () => readyPromise,
  quit(): void {
    fake.appCalls.push('quit');
  },
  exit(code: number): void {
    fake.appCalls.push(`exit:${code}`);
  },
};

/** Makes `app.whenReady()` resolve, as Electron does once it has started. */
export function fakeAppReady(): void {
  readyResolve();
}

/** Forgets everything recorded, so each test starts clean. */
export function resetFakeElectron(): void {
  FakeBrowserWindow.all.length = 0;
  FakeBrowserWindow.focused = null;
  session.defaultSession = new FakeSession();
  ipcMain.handlers.clear();
  ipcRenderer = new FakeIpcRenderer(ipcMain, {});
  fake.openedExternally = [];
  fake.dialogCalls = [];
  fake.nextDialogResult = { canceled: true };
  fake.applicationMenu = null;
  fake.exposed = {};
  fake.appEvents.removeAllListeners();
  fake.appCalls = [];
  fake.paths = {};
  fake.isPackaged = true;
  fake.singleInstance = true;
  readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));
}

export default {
  app,
  BrowserWindow,
  session,
  ipcMain,
  shell,
  dialog,
  Menu,
  contextBridge,
  get ipcRenderer() {
    return ipcRenderer;
  },
};
