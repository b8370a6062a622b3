/** JSON exports: parse errors become ImportErrors that name the line. */
import { ImportError } from './errors';
import { lineAt } from './text';

/** Parses a whole JSON file; a syntax error names the line (or the end of the file). */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node's messages do not always carry a position, so find it with a scan of our own.
    const offset = syntaxErrorOffset(text);
    const location =
      offset >= text.length
        ? `line ${lineAt(text, text.length)} (end of file)`
        : `line ${lineAt(text, offset)}`;
    throw new ImportError(file, location, 'well-formed JSON', message.split('\n')[0].slice(0, 80));
  }
}

type Expect = 'value' | 'key' | 'colon' | 'comma-or-end' | 'done';

/**
 * Offset of the first JSON syntax error in `text` (its length when the text ends too soon).
 * Iterative, so deeply nested input cannot exhaust the stack.
 */
export function syntaxErrorOffset(text: string): number {
  const stack: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = (): Expect => (stack.length === 0 ? 'done' : 'comma-or-end');

  while (true) {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
    if (i >= text.length) return expect === 'done' ? i : text.length;
    const c = text[i];
    if (expect === 'done') return i;

    if (expect === 'colon') {
      if (c !== ':') return i;
      expect = 'value';
      i++;
    } else if (expect === 'comma-or-end') {
      const top = stack[stack.length - 1];
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop();
        expect = afterValue();
      } else return i;
      i++;
    } else if (expect === 'key') {
      if (c === '}' && text[lastNonSpace(text, i - 1)] === '{') {
        stack.pop();
        expect = afterValue();
        i++;
      } else if (c !== '"') return i;
      else {
        const end = stringEnd(text, i);
        if (end < 0) return text.length;
        if (end === i) return i;
        i = end;
        expect = 'colon';
      }
    } else if (c === '{' || c === '[') {
      stack.push(c);
      expect = c === '{' ? 'key' : 'value';
      i++;
      if (c === '[') {
        while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
        if (text[i] === ']') {
          stack.pop();
          expect = afterValue();
          i++;
        }
      }
    } else {
      const end = c === '"' ? stringEnd(text, i) : scalarEnd(text, i);
      if (end < 0) return text.length;
      if (end === i) return i;
      i = end;
      expect = afterValue();
    }
  }
}

/** Offset just past a string starting at `start`; -1 if unterminated; `start` if malformed. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c < 32) return start;
    if (c === 92) {
      const next = text[i + 1];
      if (next === undefined) return -1;
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return start;
        i += 5;
      } else if (!'"\\/bfnrt'.includes(next)) return start;
      else i++;
    }
  }
  return -1;
}

/** Offset past a number or literal starting at `start`; `start` when there is none. */
function scalarEnd(text: string, start: number): number {
  const rest = text.slice(start, start + 400);
  const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(rest);
  if (!match) {
    // A literal cut off at the end of the text ("tru") is an early end, not a bad token.
    return ['true', 'false', 'null'].some((w) => w.startsWith(rest) && rest.length > 0)
      ? -1
      : start;
  }
  return start + match[0].length;
}

function lastNonSpace(text: string, from: number): number {
  let i = from;
  while (i >= 0 && ' \t\r\n'.includes(text[i])) i--;
  return i;
}
