/**
 * Share links: a whole design carried in a URL fragment (`#d=<data>`), so nothing is sent to a server. The data
 * is the saved file envelope (format.ts) as compact JSON, compressed with zlib (deflate with a 2-byte header and
 * an Adler-32 checksum of the JSON) and written in base64url.
 *
 * A link is untrusted input. Decoding never throws: every failure comes back as a value saying what is wrong
 * (too large, not link characters, cut off, changed, a compression bomb, not JSON, not a valid design). Limits:
 * at most {@link SHARE_LIMITS.maxDataChars} characters of data, and the JSON may unpack to at most
 * {@link SHARE_LIMITS.maxJsonBytes} bytes; unpacking is streamed and stops as soon as it passes the cap.
 *
 * A link never carries a module's files (`baseline.files`: its migrations and code). The zip download packs those
 * into a module the user may unpack over a repo, so a hostile link could plant migration SQL and code; they are
 * left out when a link is made and dropped when one is read. A design opened from a link exports without them.
 */
import { Inflate, strToU8, zlibSync } from 'fflate';
import type { Design } from '../core/design';
import { FORMAT_NAME, FORMAT_VERSION, type FormatProblem, loadDesign } from '../core/format';

export interface ShareLimits {
  /** Characters of base64url data after `#d=`. */
  maxDataChars: number;
  /** Bytes of JSON the data may unpack to. */
  maxJsonBytes: number;
}

/**
 * 1 MiB of link data is far more than any real design needs (the 300-table benchmark design, 927 KB of JSON,
 * packs to 75,000 characters) and stays well under the 2 MiB URLs Chromium accepts. 16 MiB of JSON bounds what a
 * hostile link can make the page unpack and parse.
 */
export const SHARE_LIMITS: ShareLimits = { maxDataChars: 1024 * 1024, maxJsonBytes: 16 * 1024 * 1024 };

/** The fragment key that holds the design. */
export const SHARE_KEY = 'd';

export type ShareErrorCode =
  | 'empty'
  | 'too-large'
  | 'bad-character'
  | 'truncated'
  | 'not-compressed'
  | 'damaged'
  | 'checksum'
  | 'too-large-unpacked'
  | 'not-text'
  | 'not-json'
  | 'invalid-design';

export interface ShareError {
  code: ShareErrorCode;
  /** One sentence saying what is wrong with the link. */
  message: string;
  /** For `invalid-design`: the format problems, each with its JSON path. */
  problems?: FormatProblem[];
}

export type ShareDecodeResult =
  | {
      ok: true;
      design: Design;
      /** References that were dropped to repair the design (format.ts). */
      warnings: FormatProblem[];
      /** The format version the link was written with (older versions are upgraded). */
      formatVersion: number;
      /** Size of the unpacked JSON. */
      jsonBytes: number;
    }
  | { ok: false; error: ShareError };

/** An encoded link's data and sizes. */
export interface SharePayload {
  data: string;
  jsonBytes: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Reads base64url (padding `=` at the end is accepted); a wrong character or length is an error value. */
export function fromBase64Url(text: string): { ok: true; bytes: Uint8Array } | { ok: false; error: ShareError } {
  const body = text.replace(/={1,2}$/, '');
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code >= 128 || VALUE[code] === -1) {
      return {
        ok: false,
        error: {
          code: 'bad-character',
          message: `The link contains ${describeChar(body, i)} at position ${i + 1} of its data, which a share link never holds: it was changed or mangled when it was copied.`,
        },
      };
    }
  }
  if (body.length % 4 === 1) {
    return {
      ok: false,
      error: { code: 'truncated', message: 'The link is cut off: its data ends in the middle of a byte.' },
    };
  }
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 3 < body.length; i += 4) {
    const n =
      (VALUE[body.charCodeAt(i)]! << 18) |
      (VALUE[body.charCodeAt(i + 1)]! << 12) |
      (VALUE[body.charCodeAt(i + 2)]! << 6) |
      VALUE[body.charCodeAt(i + 3)]!;
    bytes[o++] = n >> 16;
    bytes[o++] = (n >> 8) & 255;
    bytes[o++] = n & 255;
  }
  const rest = body.length - i;
  if (rest >= 2) {
    const n = (VALUE[body.charCodeAt(i)]! << 18) | (VALUE[body.charCodeAt(i + 1)]! << 12);
    bytes[o] = n >> 16;
    if (rest === 3) bytes[o + 1] = ((n | (VALUE[body.charCodeAt(i + 2)]! << 6)) >> 8) & 255;
  }
  return { ok: true, bytes };
}

function describeChar(text: string, at: number): string {
  const ch = String.fromCodePoint(text.codePointAt(at) ?? 0);
  if (ch === ' ') return 'a space';
  if (/^[\x21-\x7e]$/.test(ch)) return `the character "${ch}"`;
  return `the character U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Packs a design file's JSON text into link data (zlib at the best compression, base64url). */
export function encodeJson(json: string): SharePayload {
  const bytes = strToU8(json);
  return { data: toBase64Url(zlibSync(bytes, { level: 9 })), jsonBytes: bytes.length };
}

/**
 * The design without its module's files (`baseline.files`), which a link must never carry; the rest of the
 * baseline (snapshot id, names, snapshot) stays, so the next migration still knows renames.
 * @example withoutModuleFiles(design).baseline?.files === undefined;
 */
export function withoutModuleFiles(design: Design): Design {
  if (!design.baseline || design.baseline.files === undefined) return design;
  const { files: _files, ...baseline } = design.baseline;
  return { ...design, baseline };
}

/** Packs a design into link data: the saved file envelope as compact JSON, without the module's files. */
export function encodeDesign(design: Design): SharePayload {
  return encodeJson(
    JSON.stringify({ format: FORMAT_NAME, formatVersion: FORMAT_VERSION, design: withoutModuleFiles(design) }),
  );
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Removes `design.baseline.files` from a parsed design file before it is loaded, so files a link should not hold
 * are neither checked nor kept (a link with damaged ones still opens).
 */
function dropLinkedFiles(parsed: unknown): unknown {
  if (!isRecord(parsed) || !isRecord(parsed.design) || !isRecord(parsed.design.baseline)) return parsed;
  if (!('files' in parsed.design.baseline)) return parsed;
  const { files: _files, ...baseline } = parsed.design.baseline;
  return { ...parsed, design: { ...parsed.design, baseline } };
}

/** The fragment for link data: `d=<data>` (without the `#`). */
export function shareFragment(data: string): string {
  return `${SHARE_KEY}=${data}`;
}

/**
 * The link data in a URL's fragment (`#d=…`, `d=…`, or `d=` among other `&`-separated keys), or null when the
 * fragment holds no design. The data is returned as written; decoding checks it.
 */
export function shareDataFromHash(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '') return null;
  for (const part of fragment.split('&')) {
    if (part === SHARE_KEY || part.startsWith(`${SHARE_KEY}=`)) return part.slice(SHARE_KEY.length + 1);
  }
  return null;
}

/** Adler-32 (the zlib checksum), continued over chunks: pass the previous result as `start`. */
export function adler32(bytes: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = start >>> 16;
  // 5552 bytes is the longest run whose sums cannot overflow before the modulo.
  for (let i = 0; i < bytes.length;) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Input is fed to the inflater in slices this big, so one step can never unpack more than ~1000 times it. */
const INPUT_SLICE = 4096;

class TooLarge extends Error {}

/**
 * Unpacks zlib data with a cap on the output. The header and the checksum are checked here (fflate's own zlib
 * reader skips the checksum): a changed byte that still inflates is caught by the Adler-32.
 */
export function inflateCapped(
  bytes: Uint8Array,
  maxBytes: number,
): { ok: true; bytes: Uint8Array } | { ok: false; error: ShareError } {
  // Two header bytes, at least one byte of compressed data, four checksum bytes.
  if (bytes.length < 7) {
    return {
      ok: false,
      error: {
        code: 'truncated',
        message: `The link is cut off: its data is only ${bytes.length} bytes long, too short for a design.`,
      },
    };
  }
  const cmf = bytes[0]!;
  const flg = bytes[1]!;
  if ((cmf & 15) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || flg & 32) {
    return {
      ok: false,
      error: {
        code: 'not-compressed',
        message: 'The link does not hold a compressed design: its data does not start like one.',
      },
    };
  }
  const body = bytes.subarray(2, bytes.length - 4);
  const t = bytes.length - 4;
  const expected = ((bytes[t]! << 24) | (bytes[t + 1]! << 16) | (bytes[t + 2]! << 8) | bytes[t + 3]!) >>> 0;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let checksum = 1;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new TooLarge();
    chunks.push(chunk);
    checksum = adler32(chunk, checksum);
  });
  try {
    for (let i = 0; i < body.length; i += INPUT_SLICE) {
      const end = Math.min(i + INPUT_SLICE, body.length);
      inflater.push(body.subarray(i, end), end === body.length);
    }
  } catch (e) {
    if (e instanceof TooLarge) {
      return {
        ok: false,
        error: {
          code: 'too-large-unpacked',
          message: `The design in the link unpacks to more than ${formatBytes(maxBytes)}, the most a link may hold; it was not opened.`,
        },
      };
    }
    const text = e instanceof Error ? e.message : String(e);
    if (/unexpected EOF/i.test(text)) {
      return {
        ok: false,
        error: { code: 'truncated', message: 'The link is cut off: the compressed design ends too early.' },
      };
    }
    return {
      ok: false,
      error: { code: 'damaged', message: `The link's data is damaged and cannot be unpacked (${text}).` },
    };
  }
  if (checksum !== expected) {
    return {
      ok: false,
      error: {
        code: 'checksum',
        message: "The link's data was changed after it was made: its checksum does not match the design in it.",
      },
    };
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { ok: true, bytes: out };
}

/** A byte count in words: `512 bytes`, `12.3 KB`, `1.5 MB` (1 KB = 1024 bytes). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/**
 * Reads link data back into a design: size limit, base64url, capped unpacking, checksum, UTF-8, JSON, then the
 * design format (validation, upgrades from older versions, repairs). Never throws.
 * @example const r = decodeShare(shareDataFromHash(location.hash) ?? ''); if (r.ok) show(r.design); else say(r.error.message);
 */
export function decodeShare(data: string, limits: ShareLimits = SHARE_LIMITS): ShareDecodeResult {
  try {
    return decode(data, limits);
  } catch (e) {
    // Anything unforeseen (a design nested deeper than the engine can copy) is still only a bad link.
    return {
      ok: false,
      error: {
        code: 'damaged',
        message: `The link could not be read: ${e instanceof Error ? e.message : String(e)}.`,
      },
    };
  }
}

function decode(data: string, limits: ShareLimits): ShareDecodeResult {
  if (data.length === 0) {
    return { ok: false, error: { code: 'empty', message: 'The link holds no design: there is nothing after "#d=".' } };
  }
  if (data.length > limits.maxDataChars) {
    return {
      ok: false,
      error: {
        code: 'too-large',
        message: `The link is too large: ${data.length.toLocaleString('en-US')} characters of design data, and a share link may hold at most ${limits.maxDataChars.toLocaleString('en-US')}.`,
      },
    };
  }
  const raw = fromBase64Url(data);
  if (!raw.ok) return raw;
  const unpacked = inflateCapped(raw.bytes, limits.maxJsonBytes);
  if (!unpacked.ok) return unpacked;
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(unpacked.bytes);
  } catch {
    return { ok: false, error: { code: 'not-text', message: 'The link does not hold text: its design is not UTF-8.' } };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    return {
      ok: false,
      error: {
        code: 'not-json',
        message: `The link does not hold a design file: it is not JSON (${(e as Error).message}).`,
      },
    };
  }
  const loaded = loadDesign(dropLinkedFiles(parsed));
  if (!loaded.ok) {
    const first = loaded.errors[0];
    return {
      ok: false,
      error: {
        code: 'invalid-design',
        message: `The link does not hold a valid design${first ? `: ${first.path}: ${first.message}` : ''}.`,
        problems: loaded.errors,
      },
    };
  }
  const version = (parsed as { formatVersion: number }).formatVersion;
  return {
    ok: true,
    design: withoutModuleFiles(loaded.design),
    warnings: loaded.warnings,
    formatVersion: version,
    jsonBytes: unpacked.bytes.length,
  };
}
