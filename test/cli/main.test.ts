/** The top-level `scim-companion` options: the version, and help for a command by name. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

describe('scim-companion', () => {
  it.each([['--version'], ['-V']])('%s prints the package version and exits 0', async (flag) => {
    const result = await runCli([flag]);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('help audit shows the same help as audit --help', async () => {
    const [viaHelp, viaFlag] = await Promise.all([
      runCli(['help', 'audit']),
      runCli(['audit', '--help']),
    ]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(/^Usage:\n {2}scim-companion audit /);
    expect(viaHelp).toEqual(viaFlag);
  });

  it('help of an unknown command is a usage error', async () => {
    const result = await runCli(['help', 'audits']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^scim-companion: unknown command "audits"/);
  });
});
