/**
 * Statement checks that need no schema: what the older MoLOS host's statement checker refuses, and SQL that
 * SQLite will reject whatever the data.
 */
import type { StatementInfo } from './classify';
import { readName } from './names';
import { isWord, type Token } from './tokens';
import type { SafetyFinding } from './types';

/** A statement with where it sits in the file. */
export interface LocatedStatement {
  chunk: number;
  text: string;
  tokens: Token[];
  info: StatementInfo;
}

/** A finding about one located statement. */
export function finding(
  s: LocatedStatement,
  code: SafetyFinding['code'],
  severity: SafetyFinding['severity'],
  params: SafetyFinding['params'],
): SafetyFinding {
  return { code, severity, chunk: s.chunk, statement: s.text, params };
}

/** The older host read a table name after each of these words and required the module prefix on it. */
const TABLE_KEYWORDS = new Set(['TABLE', 'INTO', 'UPDATE', 'FROM', 'JOIN', 'REFERENCES']);

/** Table names that follow TABLE/INTO/UPDATE/FROM/JOIN/REFERENCES (and `RENAME TO`) in one statement. */
function tableNamesIn(tokens: readonly Token[]): { name: string; keyword: string }[] {
  const out: { name: string; keyword: string }[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'word') return;
    const kw = t.value.toUpperCase();
    let at = -1;
    if (kw === 'RENAME' && isWord(tokens[i + 1], 'TO')) at = i + 2;
    else if (TABLE_KEYWORDS.has(kw)) {
      // `ON UPDATE <action>` is an FK clause, reported as on-update-clause.
      if (kw === 'UPDATE' && isWord(tokens[i - 1], 'ON')) return;
      at = i + 1;
      if (kw === 'TABLE' && isWord(tokens[at], 'IF')) at += isWord(tokens[at + 1], 'NOT') ? 3 : 2;
    }
    const name = at >= 0 ? readName(tokens, at) : null;
    if (name) out.push({ name: name.name, keyword: kw === 'RENAME' ? 'RENAME TO' : kw });
  });
  return out;
}

/**
 * `unprefixed-table`: one finding per table name in the file that lacks `<moduleId>_`, at its first use.
 * drizzle-kit's rebuild copies (`__new_<t>`) never carry the prefix, so the older host refused every rebuild.
 * @example checkPrefixes(statements, 'MoLOS-Tasks') // [{ code: 'unprefixed-table', params: { table: 'kids', … } }]
 */
export function checkPrefixes(statements: readonly LocatedStatement[], moduleId: string): SafetyFinding[] {
  if (!moduleId) return [];
  const prefix = `${moduleId}_`;
  const byName = new Map<string, SafetyFinding>();
  for (const s of statements) {
    for (const { name, keyword } of tableNamesIn(s.tokens)) {
      if (name.startsWith(prefix)) continue;
      const seen = byName.get(name);
      if (seen) {
        seen.params.count = Number(seen.params.count) + 1;
        continue;
      }
      const params: Record<string, string | number> = { table: name, prefix, keyword, count: 1 };
      if (name.startsWith('__new_')) params.rebuildOf = name.slice('__new_'.length);
      byName.set(name, { code: 'unprefixed-table', severity: 'warning', chunk: s.chunk, statement: s.text, params });
    }
  }
  return [...byName.values()];
}

/** Items of a `CREATE INDEX` list that drizzle-kit backticked although they are expressions (B6, B6b). */
function brokenIndexItem(info: StatementInfo): string | null {
  if (info.kind !== 'create-index') return null;
  const bad = info.items.find((i) => i.quote === '`' && i.name !== null && /[()"',]|^\s|\s$/.test(i.name));
  return bad ? bad.raw : null;
}

/**
 * Per-statement checks: `on-update-clause`, `pragma-in-transaction`, `insert-statement`, `view-or-trigger`,
 * `index-expression-quoted`.
 * @example checkStatement(located) // [{ code: 'pragma-in-transaction', … }] for `PRAGMA foreign_keys=OFF;`
 */
export function checkStatement(s: LocatedStatement): SafetyFinding[] {
  const out: SafetyFinding[] = [];
  const at = (code: SafetyFinding['code'], severity: SafetyFinding['severity'], params: SafetyFinding['params']) =>
    out.push({ code, severity, chunk: s.chunk, statement: s.text, params });
  const info = s.info;
  const onUpdates = s.tokens.filter((t, i) => isWord(t, 'ON') && isWord(s.tokens[i + 1], 'UPDATE')).length;
  if (onUpdates > 0) {
    const table = info.kind === 'create-table' || info.kind === 'add-column' ? info.table : '';
    at('on-update-clause', 'warning', { count: onUpdates, table });
  }
  if (info.kind === 'pragma') at('pragma-in-transaction', 'warning', { pragma: info.name, value: info.value ?? '' });
  if (info.kind === 'insert') at('insert-statement', 'warning', { table: info.table });
  if (info.kind === 'create-view' || info.kind === 'drop-view') {
    at('view-or-trigger', 'warning', { kind: 'view', action: info.kind.split('-')[0] ?? '', name: info.name });
  }
  if (info.kind === 'create-trigger' || info.kind === 'drop-trigger') {
    at('view-or-trigger', 'warning', { kind: 'trigger', action: info.kind.split('-')[0] ?? '', name: info.name });
  }
  const broken = brokenIndexItem(info);
  if (broken !== null && info.kind === 'create-index') {
    at('index-expression-quoted', 'error', { index: info.name, item: broken });
  }
  return out;
}
