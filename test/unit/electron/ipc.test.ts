import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { method, type Handlers } from '../../../src-main/api/define';
import type { WireResult } from '../../../src-main/api/errors';

vi.mock('electron', () => import('../../fakes/electron'));

const electron = await import('../../fakes/electron');
const { registerContract, forwardEvents } = await import('../../../src-main/electron/ipc');
const { isTrustedSender } = await import('../../../src-main/electron/trust');
const { methods: appMethods } = await import('../../../src-main/api/contract');

const pagePath = '/opt/app/out/renderer/index.html';
const target = { kind: 'file', path: pagePath } as const;

// A small contract of its own, so each check is about the IPC layer, not a backend concern.
const testMethods = {
  addTenant: method<z.ZodObject<{ name: z.ZodString }>, { id: string }>(
    z.object({ name: z.string().min(1).max(10) }).strict(),
  ),
  explode: method<z.ZodObject<Record<string, never>>, never>(z.object({}).strict()),
};

let calls: unknown[];
const handlers: Handlers<typeof testMethods> = {
  async addTenant(input) {
    calls.push(input);
    return { id: `id-${input.name}` };
  },
  async explode() {
    const error = new Error('Failed with Authorization: Bearer SECRET-TOKEN-123 at step two');
    error.stack = 'Error: boom\n    at secret/path/file.ts:10:5';
    throw error;
  },
};

let window: InstanceType<typeof electron.FakeBrowserWindow>;

beforeEach(async () => {
  electron.resetFakeElectron();
  calls = [];
  window = new electron.FakeBrowserWindow({});
  await window.loadFile(pagePath);
  registerContract(electron.ipcMain as never, testMethods, handlers, (event) =>
    isTrustedSender(event, [window] as never, target),
  );
});

const fromOurWindow = () => ({
  sender: window.webContents,
  senderFrame: window.webContents.mainFrame,
});

function call(name: string, event: unknown, ...args: unknown[]): Promise<WireResult<unknown>> {
  return electron.ipcMain.invoke(`companion:call:${name}`, event, ...args) as Promise<
    WireResult<unknown>
  >;
}

describe('registerContract', () => {
  it('registers exactly one handler per method name', () => {
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([
      'companion:call:addTenant',
      'companion:call:explode',
    ]);
  });

  it('serves every method of the app contract', () => {
    electron.resetFakeElectron();
    const none = {} as Handlers<typeof appMethods>;
    registerContract(electron.ipcMain as never, appMethods, none, () => true);
    const expected = Object.keys(appMethods).map((name) => `companion:call:${name}`);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(expected.sort());
  });

  it('runs the handler for our window with a valid input', async () => {
    expect(await call('addTenant', fromOurWindow(), { name: 'Acme' })).toEqual({
      ok: true,
      result: { id: 'id-Acme' },
    });
    expect(calls).toEqual([{ name: 'Acme' }]);
  });

  it('refuses a foreign sender without running the handler', async () => {
    const stranger = new electron.FakeBrowserWindow({});
    await stranger.loadURL('https://evil.example.com');
    const subframe = new electron.FakeFrame(
      pathToFileURL(pagePath).href,
      window.webContents.mainFrame,
    );

    const results = [
      await call(
        'addTenant',
        { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame },
        { name: 'A' },
      ),
      await call('addTenant', { sender: window.webContents, senderFrame: subframe }, { name: 'A' }),
    ];

    for (const result of results) {
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    }
    expect(calls).toEqual([]);
  });

  it('refuses an input the schema rejects, without running the handler', async () => {
    for (const input of [
      { name: '' },
      { name: 'x'.repeat(11) },
      { name: 'A', extra: 1 },
      'A',
      null,
    ]) {
      const result = await call('addTenant', fromOurWindow(), input);
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'invalid-input' }),
      });
    }
    expect(calls).toEqual([]);
  });

  it('serialises a failure without stack and without the bearer value', async () => {
    const result = await call('explode', fromOurWindow(), {});
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result);
    expect(text).not.toContain('SECRET-TOKEN-123');
    expect(text).not.toContain('secret/path');
    expect(text).not.toContain('stack');
    expect(Object.keys((result as { error: object }).error).sort()).toEqual([
      'code',
      'details',
      'message',
    ]);
  });
});

describe('forwardEvents', () => {
  it('sends backend events to our windows that still show our page', async () => {
    const listeners: Array<(event: { type: string }) => void> = [];
    const elsewhere = new electron.FakeBrowserWindow({});
    await elsewhere.loadURL('https://evil.example.com');
    const closed = new electron.FakeBrowserWindow({});
    await closed.loadFile(pagePath);
    closed.destroyed = true;

    forwardEvents(
      (listener) => {
        listeners.push(listener);
        return () => undefined;
      },
      () => [window, elsewhere, closed] as never,
      target,
    );
    listeners[0]!({ type: 'snapshot-progress' });

    expect(window.webContents.sent).toEqual([
      { channel: 'companion:event', args: [{ type: 'snapshot-progress' }] },
    ]);
    expect(elsewhere.webContents.sent).toEqual([]);
    expect(closed.webContents.sent).toEqual([]);
  });
});
