import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { method } from '../../../src-main/api/define';
import { decodeWireError } from '../../../src-main/api/errors';

vi.mock('electron', () => import('../../fakes/electron'));

const electron = await import('../../fakes/electron');
const { buildCompanionBridge } = await import('../../../src-main/electron/preload-api');
const { registerContract } = await import('../../../src-main/electron/ipc');
const { methods: appMethods } = await import('../../../src-main/api/contract');

beforeEach(() => electron.resetFakeElectron());

const testMethods = {
  echo: method<z.ZodObject<{ text: z.ZodString }>, string>(z.object({ text: z.string() }).strict()),
};

function bridgeOverFakeIpc() {
  registerContract(
    electron.ipcMain as never,
    testMethods,
    { echo: async ({ text }) => `echo:${text}` },
    () => true,
  );
  return buildCompanionBridge(electron.ipcRenderer as never, Object.keys(testMethods));
}

describe('window.companion', () => {
  it('has one function per method name plus onEvent, and nothing else', () => {
    const bridge = buildCompanionBridge(electron.ipcRenderer as never, [
      'listTenants',
      'addTenant',
    ]);
    expect(Object.keys(bridge).sort()).toEqual(['addTenant', 'listTenants', 'onEvent']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.getPrototypeOf(bridge)).toBeNull();
  });

  it('refuses names that could shadow onEvent or are not plain identifiers', () => {
    expect(() => buildCompanionBridge(electron.ipcRenderer as never, ['onEvent'])).toThrow();
    expect(() => buildCompanionBridge(electron.ipcRenderer as never, ['__proto__'])).toThrow();
    expect(() => buildCompanionBridge(electron.ipcRenderer as never, ['a:b'])).toThrow();
  });

  it('calls the method through IPC and returns its result', async () => {
    const bridge = bridgeOverFakeIpc();
    expect(await bridge.echo!({ text: 'hi' })).toBe('echo:hi');
  });

  it('rejects with the WireError encoded in the message when the backend refuses', async () => {
    const bridge = bridgeOverFakeIpc();
    const error = (await bridge.echo!({ text: 42 }).then(
      () => new Error('resolved'),
      (e: unknown) => e,
    )) as Error;
    expect(decodeWireError(error.message)).toMatchObject({ code: 'invalid-input' });
  });

  it('onEvent passes the payload only, never the IPC event, and unsubscribes', () => {
    const bridge = buildCompanionBridge(electron.ipcRenderer as never, []);
    const seen: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args: unknown[]) => seen.push(args));

    const ipcEvent = { sender: { secret: 'ipc internals' } };
    electron.ipcRenderer.emit('companion:event', ipcEvent, { type: 'snapshot-progress', done: 1 });
    unsubscribe();
    electron.ipcRenderer.emit('companion:event', ipcEvent, { type: 'late' });

    expect(seen).toEqual([[{ type: 'snapshot-progress', done: 1 }]]);
    expect(electron.ipcRenderer.listenerCount('companion:event')).toBe(0);
  });
});

describe('preload.ts', () => {
  it('exposes the bridge as window.companion for the names fixed at build time', async () => {
    vi.stubGlobal('__COMPANION_METHODS__', ['listTenants', 'openDemoTenant']);
    await import('../../../src-main/electron/preload');
    vi.unstubAllGlobals();

    expect(Object.keys(electron.fake.exposed)).toEqual(['companion']);
    const exposed = electron.fake.exposed.companion as Record<string, unknown>;
    expect(Object.keys(exposed).sort()).toEqual(['listTenants', 'onEvent', 'openDemoTenant']);
  });

  const built = join(__dirname, '../../../out/preload/index.cjs');
  it.skipIf(!existsSync(built))(
    'the built preload (out/preload/index.cjs) exposes exactly the contract’s methods',
    () => {
      const exposedInWorld: Record<string, unknown> = {};
      const fakeElectron = {
        contextBridge: {
          exposeInMainWorld: (key: string, api: unknown) => (exposedInWorld[key] = api),
        },
        ipcRenderer: electron.ipcRenderer,
      };
      const requireOnlyElectron = (name: string) => {
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return fakeElectron;
      };
      const module = { exports: {} };
      runInNewContext(readFileSync(built, 'utf8'), {
        require: requireOnlyElectron,
        module,
        exports: module.exports,
      });

      const names = Object.keys(exposedInWorld.companion as object).filter((n) => n !== 'onEvent');
      expect(names.sort(), 'out/ is stale: run npx electron-vite build').toEqual(
        Object.keys(appMethods).sort(),
      );
    },
  );
});
