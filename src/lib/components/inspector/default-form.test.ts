import { describe, expect, it } from 'vitest';
import type { Column, EnumDef } from '$lib/core/design';
import { UNIX_SECONDS_SQL } from '$lib/core/design';
import { defaultKinds, defaultText, literalInput, parseDefault, starterDefault } from './default-form';

type Shape = Pick<Column, 'type' | 'mode' | 'enumId' | 'default'>;
const col = (over: Partial<Shape> = {}): Shape => ({ type: 'text', mode: null, enumId: null, default: null, ...over });
const status: EnumDef = {
  id: 'e',
  name: 'Status',
  comment: '',
  members: [
    { id: 'm1', key: 'OPEN', value: 'open' },
    { id: 'm2', key: 'DONE', value: 'done' },
  ],
};

describe('defaultKinds', () => {
  it('offers a UUID only to plain text columns and JSON only to json mode', () => {
    expect(defaultKinds(col())).toEqual(['none', 'literal', 'sql', 'uuid']);
    expect(defaultKinds(col({ type: 'integer' }))).toEqual(['none', 'literal', 'sql']);
    expect(defaultKinds(col({ mode: 'json' }))).toEqual(['none', 'json', 'sql']);
    expect(defaultKinds(col({ type: 'integer', mode: 'timestamp' }))).toEqual(['none', 'sql']);
    expect(defaultKinds(col({ type: 'blob' }))).toEqual(['none', 'sql']);
    expect(defaultKinds(col({ enumId: 'e' }))).toEqual(['none', 'literal', 'sql']);
  });

  it('keeps the current kind even when it no longer fits', () => {
    expect(defaultKinds(col({ type: 'integer', default: { kind: 'uuid' } }))).toEqual([
      'none',
      'literal',
      'sql',
      'uuid',
    ]);
  });
});

describe('literalInput', () => {
  it('picks the input from enum, mode and type', () => {
    expect(literalInput(col({ enumId: 'e' }))).toBe('enum');
    expect(literalInput(col({ type: 'integer', mode: 'boolean' }))).toBe('boolean');
    expect(literalInput(col({ type: 'integer' }))).toBe('integer');
    expect(literalInput(col({ type: 'real' }))).toBe('real');
    expect(literalInput(col({ type: 'numeric' }))).toBe('text');
    expect(literalInput(col({ type: 'integer', mode: 'timestamp_ms' }))).toBeNull();
  });
});

describe('starterDefault', () => {
  it('gives each kind a value that fits the column', () => {
    expect(starterDefault(col({ type: 'integer' }), 'literal')).toEqual({ kind: 'literal', value: 0 });
    expect(starterDefault(col({ type: 'integer', mode: 'boolean' }), 'literal')).toEqual({
      kind: 'literal',
      value: false,
    });
    expect(starterDefault(col({ enumId: 'e' }), 'literal', status)).toEqual({ kind: 'literal', value: 'open' });
    expect(starterDefault(col(), 'literal')).toEqual({ kind: 'literal', value: '' });
    expect(starterDefault(col({ type: 'integer' }), 'sql')).toEqual({ kind: 'sql', sql: UNIX_SECONDS_SQL });
    expect(starterDefault(col({ mode: 'json' }), 'json')).toEqual({ kind: 'json', json: '{}' });
    expect(starterDefault(col(), 'uuid')).toEqual({ kind: 'uuid' });
    expect(starterDefault(col(), 'none')).toBeNull();
  });
});

describe('parseDefault', () => {
  it('reads whole numbers for integer columns and rejects anything else', () => {
    expect(parseDefault(col({ type: 'integer' }), 'literal', ' 42 ')).toEqual({
      ok: true,
      value: { kind: 'literal', value: 42 },
    });
    expect(parseDefault(col({ type: 'integer' }), 'literal', '-3')).toMatchObject({ ok: true });
    for (const bad of ['abc', '1.5', '', '1e3', '99999999999999999999'])
      expect(parseDefault(col({ type: 'integer' }), 'literal', bad)).toEqual({
        ok: false,
        error: 'Enter a whole number.',
      });
  });

  it('reads decimals for real columns', () => {
    expect(parseDefault(col({ type: 'real' }), 'literal', '1.5')).toEqual({
      ok: true,
      value: { kind: 'literal', value: 1.5 },
    });
    expect(parseDefault(col({ type: 'real' }), 'literal', 'x')).toMatchObject({ ok: false });
    expect(parseDefault(col({ type: 'real' }), 'literal', ' ')).toMatchObject({ ok: false });
  });

  it('reads booleans and keeps text as typed', () => {
    expect(parseDefault(col({ type: 'integer', mode: 'boolean' }), 'literal', 'true')).toEqual({
      ok: true,
      value: { kind: 'literal', value: true },
    });
    expect(parseDefault(col({ type: 'integer', mode: 'boolean' }), 'literal', 'yes')).toMatchObject({ ok: false });
    expect(parseDefault(col(), 'literal', ' a ')).toEqual({ ok: true, value: { kind: 'literal', value: ' a ' } });
  });

  it('rejects a value for a column that takes none', () => {
    expect(parseDefault(col({ type: 'blob' }), 'literal', '1')).toEqual({
      ok: false,
      error: 'A blob column takes no plain value.',
    });
  });

  it('checks JSON and SQL text', () => {
    expect(parseDefault(col({ mode: 'json' }), 'json', ' [1] ')).toEqual({
      ok: true,
      value: { kind: 'json', json: '[1]' },
    });
    const bad = parseDefault(col({ mode: 'json' }), 'json', '{');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^Not valid JSON: /);
    expect(parseDefault(col(), 'sql', ' (1) ')).toEqual({ ok: true, value: { kind: 'sql', sql: '(1)' } });
    expect(parseDefault(col(), 'sql', '  ')).toMatchObject({ ok: false });
    expect(parseDefault(col(), 'none', 'ignored')).toEqual({ ok: true, value: null });
    expect(parseDefault(col(), 'uuid', '')).toEqual({ ok: true, value: { kind: 'uuid' } });
  });
});

describe('defaultText', () => {
  it('shows each default as the form text', () => {
    expect(defaultText(null)).toBe('');
    expect(defaultText({ kind: 'uuid' })).toBe('');
    expect(defaultText({ kind: 'literal', value: false })).toBe('false');
    expect(defaultText({ kind: 'literal', value: 7 })).toBe('7');
    expect(defaultText({ kind: 'json', json: '[]' })).toBe('[]');
    expect(defaultText({ kind: 'sql', sql: UNIX_SECONDS_SQL })).toBe(UNIX_SECONDS_SQL);
  });
});
