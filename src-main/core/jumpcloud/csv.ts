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
  readonly header: string[];
  private readonly columns = new Map<string, number>();
  private cursors: number[] | null = null;

  private constructor(
    readonly file: string,
    /** Every parsed row, the header first; records are not copied out of it. */
    private readonly parsed: string[][],
    /** Parsed row of each record, or null when records are simply parsed rows 1..count. */
    private readonly kept: number[] | null,
    count: number,
    emptyRows: number,
    private readonly text: string,
    /** Lines removed before parsing (the `#TYPE` line). */
    private readonly lineOffset: number,
    private readonly delimiter: string,
  ) {
    this.count = count;
    this.emptyRows = emptyRows;
    this.header = (parsed[0] ?? []).map((h) => h.trim());
    this.header.forEach((name, i) => {
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

    const parsed = result.data;
    const width = parsed[0]?.length ?? 0;
    let kept: number[] | null = null;
    let emptyRows = 0;
    let badRow = -1;
    for (let i = 1; i < parsed.length; i++) {
      const row = parsed[i];
      const record = row.length === width && !isEmptyRow(row);
      if (record) {
        kept?.push(i);
        continue;
      }
      // The first row that is not a record: from here on, records are listed one by one.
      kept ??= Array.from({ length: i - 1 }, (_, k) => k + 1);
      if (row.length === width) emptyRows++;
      else if (!(row.length === 1 && row[0] === '') && badRow < 0) badRow = i;
      // A blank line (the file's last line ending, usually) is no record.
    }

    const count = kept ? kept.length : Math.max(0, parsed.length - 1);
    const records = new CsvRecords(
      file,
      parsed,
      kept,
      count,
      emptyRows,
      text,
      lineOffset,
      delimiter,
    );
    if (badRow >= 0) {
      throw new ImportError(
        file,
        `line ${records.lineOfParsedRow(badRow)}`,
        `${fieldCount(width)} separated by "${delimiter === '\t' ? 'tab' : delimiter}", like the header`,
        fieldCount(parsed[badRow].length),
      );
    }
    return records;
  }

  has(key: string): boolean {
    return this.columns.has(normaliseKey(key));
  }

  accessor(key: string): (row: number) => unknown {
    const column = this.columns.get(normaliseKey(key));
    const { parsed, kept } = this;
    if (column === undefined) return () => undefined;
    return kept ? (row) => parsed[kept[row]][column] : (row) => parsed[row + 1][column];
  }

  value(row: number, key: string): unknown {
    const column = this.columns.get(normaliseKey(key));
    return column === undefined ? undefined : this.parsed[this.parsedRow(row)][column];
  }

  private parsedRow(row: number): number {
    return this.kept ? this.kept[row] : row + 1;
  }

  where(row: number): string {
    return `line ${this.lineOfParsedRow(this.parsedRow(row))}`;
  }

  fieldError(row: number, key: string, expected: string, found: string | null = null) {
    const column = this.columns.get(normaliseKey(key));
    const named =
      column === undefined ? expected : `${expected} in column "${this.header[column]}"`;
    return new ImportError(this.file, this.where(row), named, found);
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

/** `1 field`, `3 fields`. */
function fieldCount(count: number): string {
  return `${count} ${count === 1 ? 'field' : 'fields'}`;
}
