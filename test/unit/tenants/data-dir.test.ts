import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src-main/core/tenants';

describe('defaultDataDir', () => {
  it('honours SCIM_COMPANION_HOME', () => {
    expect(defaultDataDir({ SCIM_COMPANION_HOME: '/tmp/companion-test' })).toBe(
      '/tmp/companion-test',
    );
  });

  it.runIf(process.platform === 'linux')('uses the XDG config dir on Linux', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.cfg' })).toBe('/home/a/.cfg/scim-companion');
    expect(defaultDataDir({})).toBe(join(homedir(), '.config', 'scim-companion'));
    expect(defaultDataDir({ SCIM_COMPANION_HOME: '  ' })).toBe(
      join(homedir(), '.config', 'scim-companion'),
    );
  });
});
