/**
 * Rules about tables: names, the UUID key, the owner column and the two timestamps. Only names and a second
 * primary key break anything; the key, owner and timestamp rules are MoLOS conventions (warnings).
 */
import { type Column, type Design, type Table, UNIX_SECONDS_SQL, fullTableName } from '../design';
import { JS_RESERVED_WORDS, isCamelCase, isIdentifier, isSnakeCase, toCamelCase, toSnakeCase } from '../naming';
import type { OperationCall } from '../operations';
import { derivedExportName } from '../operations/tables';
import { type RuleContext, duplicates, isUnsafeSqlName, issue, unsafeChars, type Rule } from './support';
import type { Issue } from './types';

/**
 * Same SQL after dropping whitespace and letter case outside string literals: `(strftime('%s', 'now'))` matches.
 * Literals stay exact (`'%S'` is the second of the minute, not unix seconds), and `"…"` stays an identifier
 * (better-sqlite3 disables double-quoted strings: `DEFAULT (strftime("%s","now"))` is "not constant").
 */
export function sameSql(a: string, b: string): boolean {
  const norm = (s: string) =>
    s.replace(/'(?:[^']|'')*'|[^']+/g, (m) => (m.startsWith("'") ? m : m.replace(/\s+/g, '').toLowerCase()));
  return norm(a) === norm(b);
}

/** True when the module's migrations already created the table (so it may hold rows). */
function inBaseline(d: Design, t: Table): boolean {
  return d.baseline !== null && Object.hasOwn(d.baseline.tables, t.id);
}

function tableTarget(t: Table) {
  return { kind: 'table' as const, id: t.id };
}

function names(d: Design, t: Table) {
  return { table: fullTableName(d, t) };
}

/** The module id's prefix on a table name (`MoLOS-Tasks_`, `molos_tasks_`…), as a pattern made once per check. */
function modulePrefix(d: Design): RegExp {
  return new RegExp(`^${d.module.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/-/g, '[-_]')}_`, 'i');
}

function nameRules(d: Design, ctx: RuleContext, prefixPattern: RegExp, t: Table, out: Issue[]): void {
  const p = names(d, t);
  if (isUnsafeSqlName(t.name)) {
    out.push(
      issue('sql-name-unsafe', 'error', tableTarget(t), {
        ...p,
        name: t.name,
        what: 'table',
        reason: unsafeChars(t.name),
      }),
    );
  } else {
    const prefix = /^molos[-_]/i.test(t.name) || t.name.toLowerCase().startsWith(`${d.module.id.toLowerCase()}_`);
    if (prefix) {
      const stripped = t.name.replace(prefixPattern, '').replace(/^molos[-_][a-z0-9]+_/i, '');
      const strippedTaken = ctx.otherTableNamed(t, stripped.toLowerCase());
      const fix =
        stripped && stripped !== t.name && !strippedTaken
          ? {
              label: `Rename to "${stripped}"`,
              calls: [{ op: 'renameTable', args: { tableId: t.id, name: stripped } } as OperationCall],
            }
          : undefined;
      out.push(issue('table-name-has-prefix', 'warning', tableTarget(t), { ...p, name: t.name }, fix));
    }
    if (!isSnakeCase(t.name)) {
      const snake = toSnakeCase(t.name);
      const taken = ctx.otherTableNamed(t, snake);
      const fix =
        snake && !taken
          ? {
              label: `Rename to "${snake}"`,
              calls: [{ op: 'renameTable', args: { tableId: t.id, name: snake } } as OperationCall],
            }
          : undefined;
      out.push(
        issue('table-name-not-snake-case', 'warning', tableTarget(t), { ...p, name: t.name, suggestion: snake }, fix),
      );
    }
  }
  const derived = derivedExportName(d, t.name);
  if (!isIdentifier(t.exportName) || JS_RESERVED_WORDS.has(t.exportName)) {
    out.push(
      issue(
        'export-name-invalid',
        'error',
        tableTarget(t),
        { ...p, name: t.exportName },
        isIdentifier(derived)
          ? { label: `Use "${derived}"`, calls: [{ op: 'updateTable', args: { tableId: t.id, exportName: derived } }] }
          : undefined,
      ),
    );
  } else if (!isCamelCase(t.exportName)) {
    const camel = toCamelCase(t.exportName);
    out.push(
      issue(
        'export-name-not-camel-case',
        'warning',
        tableTarget(t),
        { ...p, name: t.exportName, suggestion: camel },
        {
          label: `Use "${camel}"`,
          calls: [{ op: 'updateTable', args: { tableId: t.id, exportName: camel } }],
        },
      ),
    );
  }
}

function keyRules(d: Design, t: Table, cols: Column[], out: Issue[]): void {
  const p = names(d, t);
  const keys = cols.filter((c) => c.primaryKey);
  const idCol = cols.find((c) => c.name === 'id');
  if (keys.length === 0) {
    const calls: OperationCall[] = idCol
      ? [
          {
            op: 'updateColumn',
            args: {
              columnId: idCol.id,
              patch: { primaryKey: true, type: 'text', mode: null, enumId: null, default: { kind: 'uuid' } },
            },
          },
        ]
      : [
          {
            op: 'addColumn',
            args: {
              tableId: t.id,
              name: 'id',
              key: 'id',
              type: 'text',
              primaryKey: true,
              notNull: true,
              default: { kind: 'uuid' },
              index: 0,
            },
          },
        ];
    // A key added to a table that already has rows would leave them without an id: the migration could not run.
    const fix =
      idCol || !inBaseline(d, t)
        ? { label: idCol ? 'Make "id" the UUID primary key' : 'Add a UUID "id" key', calls }
        : undefined;
    out.push(issue('pk-missing', 'warning', tableTarget(t), p, fix));
    return;
  }
  if (keys.length > 1) {
    const keep = keys.find((c) => c.name === 'id') ?? keys[0];
    out.push(
      issue(
        'pk-composite',
        'error',
        tableTarget(t),
        { ...p, columns: keys.map((c) => c.name).join(', ') },
        {
          label: `Keep "${keep?.name}" as the only primary key`,
          calls: keys
            .filter((c) => c !== keep)
            .map(
              (c) => ({ op: 'updateColumn', args: { columnId: c.id, patch: { primaryKey: false } } }) as OperationCall,
            ),
        },
      ),
    );
    return;
  }
  const key = keys[0] as Column;
  const ct = { kind: 'column' as const, id: key.id };
  const cp = { ...p, column: key.name };
  if (key.name === 'user_id') {
    out.push(issue('settings-table', 'info', tableTarget(t), p));
    return;
  }
  if (key.name !== 'id') {
    const fix = idCol
      ? undefined
      : {
          label: 'Rename the key to "id"',
          calls: [
            { op: 'updateColumn', args: { columnId: key.id, patch: { name: 'id', key: 'id' } } } as OperationCall,
          ],
        };
    out.push(issue('pk-not-id', 'warning', ct, cp, fix));
  }
  if (key.type !== 'text' || key.mode !== null || key.enumId !== null) {
    out.push(
      issue(
        'pk-not-text',
        'warning',
        ct,
        { ...cp, type: key.enumId ? 'enum' : key.mode ? `${key.type} (${key.mode})` : key.type },
        {
          label: 'Make it a text UUID',
          calls: [
            {
              op: 'updateColumn',
              args: { columnId: key.id, patch: { type: 'text', mode: null, enumId: null, default: { kind: 'uuid' } } },
            },
          ],
        },
      ),
    );
  } else if (key.default?.kind !== 'uuid') {
    out.push(
      issue('pk-no-uuid-default', 'warning', ct, cp, {
        label: 'Default to crypto.randomUUID()',
        calls: [{ op: 'updateColumn', args: { columnId: key.id, patch: { default: { kind: 'uuid' } } } }],
      }),
    );
  }
}

function ownerRules(d: Design, ctx: RuleContext, t: Table, cols: Column[], out: Issue[]): void {
  const p = names(d, t);
  const userId = cols.find((c) => c.name === 'user_id');
  if (!userId) {
    // On a table the migrations already hold, rows exist without an owner: SQLite cannot add the column NOT NULL
    // without a default, and no one owner is right for them.
    const existing = inBaseline(d, t);
    out.push(
      issue('user-id-missing', 'warning', tableTarget(t), p, {
        label: existing ? 'Add "user_id" (nullable: the rows already there have no owner)' : 'Add "user_id"',
        calls: [
          {
            op: 'addColumn',
            args: { tableId: t.id, name: 'user_id', key: 'userId', type: 'text', notNull: !existing, index: 1 },
          },
        ],
      }),
    );
    return;
  }
  const ct = { kind: 'column' as const, id: userId.id };
  if (userId.type !== 'text' || userId.mode !== null || userId.enumId !== null) {
    out.push(
      issue(
        'user-id-not-text',
        'warning',
        ct,
        {
          ...p,
          column: 'user_id',
          type: userId.enumId ? 'enum' : userId.mode ? `${userId.type} (${userId.mode})` : userId.type,
        },
        {
          label: 'Make it text',
          calls: [
            { op: 'updateColumn', args: { columnId: userId.id, patch: { type: 'text', mode: null, enumId: null } } },
          ],
        },
      ),
    );
  }
  if (!userId.notNull) {
    out.push(
      issue(
        'user-id-nullable',
        'warning',
        ct,
        { ...p, column: 'user_id' },
        {
          label: 'Make it NOT NULL',
          calls: [{ op: 'updateColumn', args: { columnId: userId.id, patch: { notNull: true } } }],
        },
      ),
    );
  }
  // Users live in the host's core table; a module never references it (nor points user_id anywhere else).
  const fk = ctx.relationFrom(userId.id);
  if (fk && !fk.logical) {
    out.push(
      issue(
        'user-id-references',
        'warning',
        ct,
        { ...p, column: 'user_id' },
        {
          label: 'Remove the foreign key',
          calls: [{ op: 'disconnect', args: { relationId: fk.id } }],
        },
      ),
    );
  }
}

function timestampRules(d: Design, t: Table, cols: Column[], out: Issue[]): void {
  const p = names(d, t);
  const patch = {
    type: 'integer',
    mode: null,
    enumId: null,
    notNull: true,
    default: { kind: 'sql', sql: UNIX_SECONDS_SQL },
  } as const;
  for (const name of ['created_at', 'updated_at'] as const) {
    const c = cols.find((x) => x.name === name);
    if (!c) {
      out.push(
        issue(
          'timestamp-missing',
          'warning',
          tableTarget(t),
          { ...p, column: name },
          {
            label: `Add "${name}"`,
            calls: [{ op: 'addColumn', args: { tableId: t.id, name, key: toCamelCase(name), ...patch } }],
          },
        ),
      );
      continue;
    }
    const ok =
      c.type === 'integer' &&
      c.mode === null &&
      c.enumId === null &&
      c.notNull &&
      c.default?.kind === 'sql' &&
      sameSql(c.default.sql, UNIX_SECONDS_SQL);
    if (!ok) {
      out.push(
        issue(
          'timestamp-form',
          'warning',
          { kind: 'column', id: c.id },
          { ...p, column: name },
          {
            label: 'Use integer NOT NULL DEFAULT unix seconds',
            calls: [{ op: 'updateColumn', args: { columnId: c.id, patch } }],
          },
        ),
      );
    }
  }
}

export const tableRules: Rule = (d: Design, ctx: RuleContext): Issue[] => {
  const out: Issue[] = [];
  const tables = Object.values(d.tables);
  const prefixPattern = modulePrefix(d);
  for (const group of duplicates(tables, (t) => t.name.toLowerCase())) {
    for (const t of group.slice(1)) out.push(issue('table-name-duplicate', 'error', tableTarget(t), names(d, t)));
  }
  for (const t of tables) {
    nameRules(d, ctx, prefixPattern, t, out);
    const cols = ctx.columnsOf(t);
    if (cols.length === 0) {
      out.push(issue('table-no-columns', 'error', tableTarget(t), names(d, t)));
      continue;
    }
    keyRules(d, t, cols, out);
    ownerRules(d, ctx, t, cols, out);
    timestampRules(d, t, cols, out);
  }
  return out;
};
