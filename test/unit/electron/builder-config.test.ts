/** electron-builder.yml, read and validated by electron-builder's own loader and schema. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const repo = join(__dirname, '../../..');

interface BuilderConfig {
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  mac?: { target?: string[]; hardenedRuntime?: boolean };
  win?: { target?: string[] };
  asar?: boolean;
  asarUnpack?: string[];
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  const config = (await getConfig(repo, null, null)) as BuilderConfig;
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s schema and builds AppImage, deb, dmg and NSIS', async () => {
    const config = await loadConfig();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('flips the hardening fuses', async () => {
    const { electronFuses, asar, asarUnpack } = await loadConfig();
    expect(electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(asar).toBe(true);
    // The keychain's native module must load from outside the archive.
    expect(asarUnpack).toContain('**/*.node');
  });
});
