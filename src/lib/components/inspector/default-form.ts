/**
 * The column default editor as plain functions: which kinds of default a column can take, what the form shows
 * for a default, and how the form's text becomes a `ColumnDefault` (or a field error, never a bad design).
 */
import { type Column, type ColumnDefault, type EnumDef, UNIX_SECONDS_SQL } from '$lib/core/design';

export type DefaultKind = 'none' | 'literal' | 'json' | 'sql' | 'uuid' | 'fn';

export const DEFAULT_KIND_LABELS: Record<DefaultKind, string> = {
  none: 'None',
  literal: 'Value',
  json: 'JSON',
  sql: 'SQL expression',
  uuid: 'UUID ($defaultFn)',
  fn: 'Function ($defaultFn)',
};

/** How a literal default is entered: a true/false choice, an enum member, a number or free text. */
export type LiteralInput = 'boolean' | 'enum' | 'integer' | 'real' | 'text';

type ColumnShape = Pick<Column, 'type' | 'mode' | 'enumId' | 'default'>;

export function defaultKind(def: ColumnDefault | null): DefaultKind {
  return def === null ? 'none' : def.kind;
}

/** How a literal default of this column is entered, or null when the column takes no literal default. */
export function literalInput(c: ColumnShape): LiteralInput | null {
  if (c.enumId !== null) return 'enum';
  if (c.type === 'integer' && c.mode === 'boolean') return 'boolean';
  if (c.mode !== null) return null;
  if (c.type === 'integer') return 'integer';
  if (c.type === 'real') return 'real';
  if (c.type === 'text' || c.type === 'numeric') return 'text';
  return null;
}

/**
 * The default kinds the column accepts, in menu order. The column's current kind is always included, so a
 * default that no longer fits (a rule reports it) still shows what it is.
 */
export function defaultKinds(c: ColumnShape): DefaultKind[] {
  const current = defaultKind(c.default);
  const fits: Record<DefaultKind, boolean> = {
    none: true,
    literal: literalInput(c) !== null,
    json: c.mode === 'json',
    sql: true,
    uuid: c.type === 'text' && c.mode === null && c.enumId === null,
    // Only columns imported with their own function have one; it is kept and can be edited, not created.
    fn: false,
  };
  return (['none', 'literal', 'json', 'sql', 'uuid', 'fn'] as const).filter((k) => fits[k] || k === current);
}

/** The text the form shows for a default. */
export function defaultText(def: ColumnDefault | null): string {
  if (def === null || def.kind === 'uuid') return '';
  if (def.kind === 'literal') return String(def.value);
  if (def.kind === 'fn') return def.code;
  return def.kind === 'json' ? def.json : def.sql;
}

/**
 * The default a column gets when the user picks a kind, before typing anything: valid for the column, so
 * choosing a kind is one complete edit.
 * @example starterDefault({ type: 'integer', mode: null, enumId: null, default: null }, 'literal') // 0
 */
export function starterDefault(c: ColumnShape, kind: DefaultKind, e?: EnumDef): ColumnDefault | null {
  switch (kind) {
    case 'none':
      return null;
    case 'uuid':
      return { kind: 'uuid' };
    case 'fn':
      return { kind: 'fn', code: c.default?.kind === 'fn' ? c.default.code : '() => null' };
    case 'json':
      return { kind: 'json', json: '{}' };
    case 'sql':
      return { kind: 'sql', sql: c.type === 'integer' ? UNIX_SECONDS_SQL : c.type === 'real' ? '(0)' : "('')" };
    case 'literal': {
      const input = literalInput(c);
      if (input === 'boolean') return { kind: 'literal', value: false };
      if (input === 'integer' || input === 'real') return { kind: 'literal', value: 0 };
      if (input === 'enum') return { kind: 'literal', value: e?.members[0]?.value ?? '' };
      return { kind: 'literal', value: '' };
    }
  }
}

export type ParsedDefault = { ok: true; value: ColumnDefault | null } | { ok: false; error: string };

/**
 * Reads the form's text as a default of the given kind for the column; a value that does not fit is an error
 * message for the field.
 * @example parseDefault(integerColumn, 'literal', '12') // { ok: true, value: { kind: 'literal', value: 12 } }
 */
export function parseDefault(c: ColumnShape, kind: DefaultKind, text: string): ParsedDefault {
  switch (kind) {
    case 'none':
      return { ok: true, value: null };
    case 'uuid':
      return { ok: true, value: { kind: 'uuid' } };
    case 'fn': {
      const code = text.trim();
      if (
        !/^(async\s+)?(\(|function\b|[A-Za-z_$][\w$]*\s*=>)/.test(code) ||
        (!code.includes('=>') && !code.startsWith('function'))
      )
        return { ok: false, error: 'Enter a function, e.g. () => Date.now().' };
      return { ok: true, value: { kind: 'fn', code } };
    }
    case 'sql': {
      const sql = text.trim();
      if (sql === '') return { ok: false, error: "Enter an SQL expression, e.g. (strftime('%s','now'))." };
      return { ok: true, value: { kind: 'sql', sql } };
    }
    case 'json':
      try {
        JSON.parse(text);
        return { ok: true, value: { kind: 'json', json: text.trim() } };
      } catch (e) {
        return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
      }
    case 'literal':
      return parseLiteral(c, text);
  }
}

function parseLiteral(c: ColumnShape, text: string): ParsedDefault {
  const input = literalInput(c);
  const t = text.trim();
  switch (input) {
    case null:
      return { ok: false, error: `A ${c.type} column${c.mode ? ` in ${c.mode} mode` : ''} takes no plain value.` };
    case 'boolean':
      if (t !== 'true' && t !== 'false') return { ok: false, error: 'Choose true or false.' };
      return { ok: true, value: { kind: 'literal', value: t === 'true' } };
    case 'integer': {
      const n = Number(t);
      if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(n)) return { ok: false, error: 'Enter a whole number.' };
      return { ok: true, value: { kind: 'literal', value: n } };
    }
    case 'real': {
      const n = Number(t);
      if (t === '' || !Number.isFinite(n)) return { ok: false, error: 'Enter a number, e.g. 1.5.' };
      return { ok: true, value: { kind: 'literal', value: n } };
    }
    case 'enum':
    case 'text':
      // Text is stored as typed: leading or trailing spaces can be meant.
      return { ok: true, value: { kind: 'literal', value: text } };
  }
}
