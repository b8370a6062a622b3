/**
 * Turns export bytes into text. Windows PowerShell 5.1 writes UTF-16 with a byte-order mark,
 * Excel and the Admin Portal UTF-8 with or without one; anything else is refused rather than
 * misread.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { ImportError } from './errors';

const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

/** How much of the start of a file is looked at to tell UTF-16 without a byte-order mark. */
const UTF16_SNIFF_BYTES = 4096;

/**
 * UTF-16 saved without a byte-order mark. Its NUL bytes are valid UTF-8, so without this check
 * it would be read as UTF-8 and fail later with a header or field count that makes no sense.
 */
class BomlessUtf16Error extends ImportError {
  constructor(file: string) {
    super(file, null, 'UTF-8 text, or UTF-16 text starting with a byte-order mark', 'UTF-16 text');
    this.message =
      `${file}: UTF-16 text without a byte-order mark: save it again as UTF-8, or as UTF-16 ` +
      'with a BOM (PowerShell: Export-Csv -Encoding utf8)';
  }
}

/** Decodes one file; the byte-order mark, if any, is not part of the result. */
export function decodeText(file: string, data: Uint8Array): string {
  if (looksLikeBomlessUtf16(data)) throw new BomlessUtf16Error(file);
  try {
    if (data[0] === 0xff && data[1] === 0xfe) return utf16le.decode(data.subarray(2));
    if (data[0] === 0xfe && data[1] === 0xff) return utf16be.decode(data.subarray(2));
    const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
    return utf8(bom ? data.subarray(3) : data);
  } catch {
    throw new ImportError(
      file,
      badByteLocation(data),
      'UTF-8 text, or UTF-16 text starting with a byte-order mark',
      'bytes that are neither',
    );
  }
}

/**
 * True when, at the start of a file without a byte-order mark, half or more of the even (or the
 * odd) positions hold NUL bytes and hardly any of the others do: the high bytes of mostly-Latin
 * UTF-16 text. Real UTF-8 exports carry no NUL bytes at all, so the thresholds need not be tight.
 */
function looksLikeBomlessUtf16(data: Uint8Array): boolean {
  const hasBom =
    (data[0] === 0xff && data[1] === 0xfe) ||
    (data[0] === 0xfe && data[1] === 0xff) ||
    (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf);
  const pairs = Math.floor(Math.min(data.length, UTF16_SNIFF_BYTES) / 2);
  if (hasBom || pairs < 2) return false;

  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (data[i] === 0) evenNuls++;
    if (data[i + 1] === 0) oddNuls++;
  }
  const mostly = (count: number) => count >= pairs * 0.5;
  const hardly = (count: number) => count <= pairs * 0.05;
  return (mostly(oddNuls) && hardly(evenNuls)) || (mostly(evenNuls) && hardly(oddNuls));
}

/** Strict UTF-8: Node's validator and decoder are far faster than a fatal TextDecoder. */
function utf8(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw new Error('not UTF-8');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Where decoding went wrong, as precisely as a cheap scan can tell. */
function badByteLocation(data: Uint8Array): string {
  const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  if (utf16) return data.length % 2 === 1 ? `byte ${data.length - 1} (cut short)` : 'UTF-16 text';
  const offset = firstBadUtf8Byte(data);
  return offset < 0 ? 'UTF-8 text' : `byte ${offset}`;
}

/** Offset of the first byte that cannot start or continue a UTF-8 sequence, else -1. */
function firstBadUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    const extra =
      lead < 0x80 ? 0 : lead < 0xc2 ? -1 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : lead < 0xf5 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += extra + 1;
  }
  return -1;
}

/** 1-based line number of a character offset, for error locations. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
