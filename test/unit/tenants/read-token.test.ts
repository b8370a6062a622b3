/** Reading a token from stdin: piped, or typed at a terminal without echo. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTokenFromStdin, UsageError } from '../../../src-main/cli/tenant-options';

/** A stdin that says it is a terminal and records raw-mode switches. */
function terminal() {
  const input = new PassThrough() as PassThrough & {
    isTTY: boolean;
    rawModes: boolean[];
    setRawMode(mode: boolean): void;
  };
  input.isTTY = true;
  input.rawModes = [];
  input.setRawMode = (mode: boolean) => void input.rawModes.push(mode);
  return input;
}

function collect() {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { output, text: () => text };
}

describe('readTokenFromStdin', () => {
  it('reads all of piped input, trimmed', async () => {
    const input = new PassThrough();
    input.end('  tok-piped-123\n');
    const prompt = collect();
    expect(await readTokenFromStdin(input as never, prompt.output)).toBe('tok-piped-123');
    expect(prompt.text()).toBe('');
  });

  it('at a terminal: prompts, never echoes, honours backspace, restores the terminal', async () => {
    const input = terminal();
    const prompt = collect();
    const reading = readTokenFromStdin(input as never, prompt.output);
    input.write('secret-tokenX\u007f');
    input.write('-42\r');

    expect(await reading).toBe('secret-token-42');
    expect(prompt.text()).toMatch(/^Paste the integration token \(input hidden\)/);
    expect(prompt.text()).not.toContain('secret');
    expect(input.rawModes).toEqual([true, false]);
  });

  it('at a terminal: Ctrl+C cancels as a usage error', async () => {
    const input = terminal();
    const reading = readTokenFromStdin(input as never, collect().output);
    input.write('abc\u0003');
    await expect(reading).rejects.toBeInstanceOf(UsageError);
    expect(input.rawModes).toEqual([true, false]);
  });
});
