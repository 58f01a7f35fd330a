/**
 * Strict UTF-8 for files the studio reads and may write back. A lenient decoder replaces a bad byte with U+FFFD,
 * and a merge would then write that replacement into the author's file: the original bytes are lost without a
 * word. Here a bad byte stops the read, and the message says where it is, so the author can find and fix it.
 */

/** Where the first bad byte is: its offset in the file, and its 1-based line and column (in characters). */
export interface Utf8Fault {
  offset: number;
  line: number;
  column: number;
  /** The byte, as `0xNN`. */
  byte: string;
}

/** The file is not UTF-8; the message names the file and the first bad byte's place. */
export class Utf8Error extends Error {
  constructor(
    readonly file: string,
    readonly fault: Utf8Fault,
  ) {
    super(
      `${file} is not valid UTF-8: byte ${fault.byte} at line ${fault.line}, column ${fault.column} (byte offset ${fault.offset}); save the file as UTF-8 and try again`,
    );
    this.name = 'Utf8Error';
  }
}

/**
 * The offset where the first invalid UTF-8 sequence starts, or -1 when every byte is valid. Follows the
 * well-formed byte sequences of the Unicode standard (table 3-7): no overlong forms, no surrogates, nothing past
 * U+10FFFF, no sequence cut short.
 * @example firstInvalidUtf8(new Uint8Array([0x61, 0xc3, 0x28])) // 1
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let j = 1; j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || c < lo || c > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Where the first bad byte of `bytes` is, or null when they are valid UTF-8.
 * @example utf8Fault(new Uint8Array([0x6f, 0x6b, 0x0a, 0xff])) // { offset: 3, line: 2, column: 1, byte: '0xFF' }
 */
export function utf8Fault(bytes: Uint8Array): Utf8Fault | null {
  const offset = firstInvalidUtf8(bytes);
  if (offset < 0) return null;
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // Everything before the bad byte is valid, so the line's start decodes to whole characters.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  const column = [...before].length + 1;
  const byte = `0x${(bytes[offset] as number).toString(16).toUpperCase().padStart(2, '0')}`;
  return { offset, line, column, byte };
}

/**
 * The text of `bytes`, refusing anything that is not valid UTF-8 with a `Utf8Error` naming `file` and the first
 * bad byte. A byte order mark is kept as U+FEFF, as Node's `readFileSync(…, 'utf8')` keeps it.
 * @example decodeUtf8(new Uint8Array([0x68, 0x69]), 'tables.ts') // 'hi'
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const fault = utf8Fault(bytes);
    // The decoder and the scan follow the same standard; should they ever disagree, the decoder's refusal stands.
    throw new Utf8Error(file, fault ?? { offset: 0, line: 1, column: 1, byte: 'unknown' });
  }
}
