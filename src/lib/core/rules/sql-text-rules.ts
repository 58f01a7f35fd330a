/**
 * Text the migrations carry inside string literals — enum values in textEnum's CHECK, text and JSON defaults — must
 * survive the host's reading of the file: it splits on `--> statement-breakpoint` wherever that appears and drops
 * every line that starts with `--`, string literals included. (Names have `sql-name-unsafe`; SQL defaults have
 * `default-sql-invalid`.)
 */
import { type Design, fullTableName } from '../design';
import { sqlTextHazard } from '../sql-default';
import { issue, type Rule, type RuleContext } from './support';
import type { Issue } from './types';

export const sqlTextRules: Rule = (d: Design, ctx: RuleContext): Issue[] => {
  const out: Issue[] = [];
  for (const e of Object.values(d.enums)) {
    for (const m of e.members) {
      const hazard = sqlTextHazard(m.value);
      if (hazard)
        out.push(
          issue(
            'sql-text-unsafe',
            'error',
            { kind: 'enum', id: e.id },
            { what: `value of ${e.name}.${m.key}`, hazard },
          ),
        );
    }
  }
  for (const c of ctx.allColumns) {
    const def = c.default;
    const text =
      def?.kind === 'json' ? def.json : def?.kind === 'literal' && typeof def.value === 'string' ? def.value : null;
    const hazard = text === null ? null : sqlTextHazard(text);
    if (!hazard) continue;
    const t = d.tables[c.tableId];
    const table = t ? fullTableName(d, t) : c.tableId;
    out.push(
      issue(
        'sql-text-unsafe',
        'error',
        { kind: 'column', id: c.id },
        { what: `default of ${table}.${c.name}`, hazard },
        {
          label: 'Remove the default',
          calls: [{ op: 'updateColumn', args: { columnId: c.id, patch: { default: null } } }],
        },
      ),
    );
  }
  return out;
};
