/**
 * CSV exports through papaparse. The delimiter is taken from the header line (exports use comma,
 * semicolon in some locales, or tab), a leading `#TYPE` line from Windows PowerShell's
 * Export-Csv is skipped, and line numbers for errors are worked out only when an error needs one,
 * so the common path costs little more than the parse itself.
 */
import Papa from 'papaparse';
import { ImportError } from './errors';
import { normaliseKey, type RecordSet } from './records';
import { lineAt } from './text';

const DELIMITERS = [',', ';', '\t'] as const;

/** The rows of a CSV file with a header line; empty rows are left out and counted. */
export class CsvRecords implements RecordSet {
  readonly count: number;
  /** Rows with no value in any column (Excel leaves these at the end); not records. */
  readonly emptyRows: number;
  private readonly columns: Map<string, number>;
  private cursors: number[] | null = null;

  private constructor(
    readonly file: string,
    readonly header: string[],
    private readonly rows: string[][],
    /** Index of each kept row among the parsed rows (the header is parsed row 0). */
    private readonly parsedIndex: number[],
    emptyRows: number,
    private readonly text: string,
    /** Lines removed before parsing (the `#TYPE` line). */
    private readonly lineOffset: number,
    private readonly delimiter: string,
  ) {
    this.count = rows.length;
    this.emptyRows = emptyRows;
    this.columns = new Map();
    header.forEach((name, i) => {
      const key = normaliseKey(name);
      if (!this.columns.has(key)) this.columns.set(key, i);
    });
  }

  /** Parses `text`; throws ImportError for unbalanced quotes or rows of the wrong width. */
  static parse(file: string, source: string): CsvRecords {
    const { text, lineOffset } = stripTypeLine(source);
    const delimiter = detectDelimiter(text);
    const result = Papa.parse<string[]>(text, { delimiter });
    const quoteError = result.errors.find((e) => e.type === 'Quotes');
    if (quoteError) {
      const at = quoteError.index ?? text.length;
      throw new ImportError(
        file,
        `line ${lineAt(text, at) + lineOffset}`,
        'a closing quote for the quoted field that starts here',
      );
    }

    const [header = [], ...body] = result.data;
    const width = header.length;
    const rows: string[][] = [];
    const parsedIndex: number[] = [];
    let emptyRows = 0;
    let badRow = -1;
    for (let i = 0; i < body.length; i++) {
      const row = body[i];
      if (row.length === width) {
        if (isEmptyRow(row)) emptyRows++;
        else {
          rows.push(row);
          parsedIndex.push(i + 1);
        }
      } else if (row.length === 1 && row[0] === '') {
        // A blank line (the file's last line ending, usually): no record.
      } else if (badRow < 0) badRow = i + 1;
    }

    const records = new CsvRecords(
      file,
      header.map((h) => h.trim()),
      rows,
      parsedIndex,
      emptyRows,
      text,
      lineOffset,
      delimiter,
    );
    if (badRow >= 0) {
      throw new ImportError(
        file,
        `line ${records.lineOfParsedRow(badRow)}`,
        `${width} fields separated by "${delimiter === '\t' ? 'tab' : delimiter}", like the header`,
        `${result.data[badRow].length} fields`,
      );
    }
    return records;
  }

  has(key: string): boolean {
    return this.columns.has(normaliseKey(key));
  }

  accessor(key: string): (row: number) => unknown {
    const column = this.columns.get(normaliseKey(key));
    const rows = this.rows;
    return column === undefined ? () => undefined : (row) => rows[row][column];
  }

  value(row: number, key: string): unknown {
    const column = this.columns.get(normaliseKey(key));
    return column === undefined ? undefined : this.rows[row][column];
  }

  where(row: number, key?: string): string {
    const line = `line ${this.lineOfParsedRow(this.parsedIndex[row])}`;
    const column = key === undefined ? undefined : this.columns.get(normaliseKey(key));
    return column === undefined ? line : `${line}, column "${this.header[column]}"`;
  }

  /** 1-based line where a parsed row starts, counting quoted line breaks and the `#TYPE` line. */
  private lineOfParsedRow(parsedRow: number): number {
    if (parsedRow === 0) return 1 + this.lineOffset;
    if (!this.cursors) {
      const cursors: number[] = [];
      // Only on the error path: a second pass that records where each row ends.
      Papa.parse<string[]>(this.text, {
        delimiter: this.delimiter,
        step: (step) => void cursors.push(step.meta.cursor),
      });
      this.cursors = cursors;
    }
    const start = this.cursors[parsedRow - 1] ?? this.text.length;
    return lineAt(this.text, start) + this.lineOffset;
  }
}

/** Windows PowerShell 5.1's Export-Csv writes `#TYPE System...` first unless told not to. */
function stripTypeLine(text: string): { text: string; lineOffset: number } {
  if (!text.startsWith('#TYPE')) return { text, lineOffset: 0 };
  const end = text.indexOf('\n');
  return end < 0 ? { text: '', lineOffset: 1 } : { text: text.slice(end + 1), lineOffset: 1 };
}

/** The delimiter that splits the header line most often (outside quotes); comma by default. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: string = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

function isEmptyRow(row: string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}
