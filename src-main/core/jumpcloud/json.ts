/** JSON exports: parse errors become ImportErrors that name the line. */
import { ImportError } from './errors';
import { lineAt } from './text';

/** Parses a whole JSON file; a syntax error names the line (or the end of the file). */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const location = position
      ? `line ${lineAt(text, Number(position[1]))}`
      : `line ${lineAt(text, text.length)} (end of file)`;
    throw new ImportError(file, location, 'well-formed JSON', message.split('\n')[0].slice(0, 80));
  }
}
