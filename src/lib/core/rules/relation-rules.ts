/** Rules about relations: they must target a key, and their actions must be able to run. */
import { type Design, fullTableName, relationEnds } from '../design';
import type { OperationCall } from '../operations';
import { type RuleContext, issue, type Rule } from './support';
import type { Issue } from './types';

export const relationRules: Rule = (d: Design, ctx: RuleContext): Issue[] => {
  const out: Issue[] = [];
  for (const r of Object.values(d.relations)) {
    const ends = relationEnds(d, r);
    if (!ends) continue;
    const { column: from, table: fromTable } = ends.from;
    const { column: to, table: toTable } = ends.to;
    const target = { kind: 'relation' as const, id: r.id };
    const p = {
      from: `${fullTableName(d, fromTable)}.${from.name}`,
      to: `${fullTableName(d, toTable)}.${to.name}`,
    };
    // SQLite accepts a parent key that is the primary key, UNIQUE, or covered by a one-column unique index.
    if (!to.primaryKey && !to.unique && !ctx.uniqueIndexed(toTable, to.id)) {
      const key = ctx.primaryKeyOf(toTable);
      out.push(
        issue(
          'fk-target-not-key',
          // A logical relation emits no SQL, so a non-key target is only worth a warning there.
          r.logical ? 'warning' : 'error',
          target,
          p,
          key
            ? {
                label: `Reference ${fullTableName(d, toTable)}.${key.name}`,
                calls: [
                  {
                    op: 'connect',
                    args: {
                      id: r.id,
                      fromColumnId: from.id,
                      toColumnId: key.id,
                      onDelete: r.onDelete,
                      onUpdate: r.onUpdate,
                      logical: r.logical,
                    },
                  },
                ],
              }
            : undefined,
        ),
      );
    }
    if (from.type !== to.type) {
      out.push(
        issue(
          'fk-type-mismatch',
          'warning',
          target,
          { ...p, fromType: from.type, toType: to.type },
          {
            label: `Make ${from.name} ${to.type}`,
            calls: [
              { op: 'updateColumn', args: { columnId: from.id, patch: { type: to.type, mode: null, enumId: null } } },
            ],
          },
        ),
      );
    }
    if (r.logical) continue;
    if ((r.onDelete === 'set null' || r.onUpdate === 'set null') && from.notNull) {
      // A primary key stays NOT NULL (updateColumn forces it), so making it nullable is no fix.
      const fix = from.primaryKey
        ? undefined
        : {
            label: `Make ${from.name} nullable`,
            calls: [{ op: 'updateColumn', args: { columnId: from.id, patch: { notNull: false } } } as OperationCall],
          };
      out.push(issue('fk-set-null-not-null', 'error', target, p, fix));
    }
    if ((r.onDelete === 'set default' || r.onUpdate === 'set default') && !from.default) {
      // Without a default, "set default" sets NULL: a NOT NULL column makes the parent's delete fail.
      out.push(issue('fk-set-default-no-default', from.notNull ? 'error' : 'warning', target, p));
    }
  }
  return out;
};
