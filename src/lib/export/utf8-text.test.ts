import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Error, decodeUtf8, firstInvalidUtf8, utf8Fault } from './utf8-text';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

describe('strict UTF-8', () => {
  it('decodes valid text as it is, a byte order mark kept', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'ä€😀\n'), 'f.ts')).toBe('\uFEFFä€😀\n');
  });

  // issue 14: a Latin-1 byte is refused with its place, never replaced by U+FFFD
  it('names the first bad byte with its line, its column in characters and its offset', () => {
    const b = bytes('id: x\n', 'ä€😀', [0xe9], 'c\n', [0xff]);
    expect(utf8Fault(b)).toEqual({ offset: 15, line: 2, column: 4, byte: '0xE9' });
    expect(() => decodeUtf8(b, 'manifest.yaml')).toThrow(
      new Utf8Error('manifest.yaml', { offset: 15, line: 2, column: 4, byte: '0xE9' }),
    );
    expect(() => decodeUtf8(b, 'manifest.yaml')).toThrow(
      'manifest.yaml is not valid UTF-8: byte 0xE9 at line 2, column 4 (byte offset 15); save the file as UTF-8 and try again',
    );
  });

  it('refuses overlong forms, surrogates, code points past U+10FFFF and cut sequences', () => {
    expect(firstInvalidUtf8(bytes('a', [0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(bytes('ab', [0xe0, 0x80, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(bytes([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(bytes('abc', [0xe2, 0x82]))).toBe(3);
    expect(firstInvalidUtf8(bytes([0x80]))).toBe(0);
    expect(firstInvalidUtf8(bytes([0xf0, 0x9f, 0x98, 0x80, 0xed, 0x9f, 0xbf]))).toBe(-1);
  });

  // issue 14: the scan and the platform's strict decoder agree on every input, and the bytes before the fault decode
  it('agrees with the strict TextDecoder on random bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const valid = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    // Bytes near the boundaries of the table, so that valid and invalid sequences both come up often.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.constantFrom(0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (arr) => {
        const b = new Uint8Array(arr);
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(valid(b));
        if (at >= 0) expect(valid(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS) || 2000 },
    );
  });
});
