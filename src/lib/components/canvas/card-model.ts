/**
 * What a table card shows, computed from the design and the rule issues. Cards and rows that did not change are
 * reused from the previous build, so an edit to one table re-renders one card, not three hundred.
 */
import { type Column, type Design, type Table, fullTableName, tableColumns } from '$lib/core/design';
import { cardSize, typeLabel } from '$lib/diagram/card-geometry';
import { type Issue, type Severity, type Target, issueMessage, tableOfTarget } from '$lib/core/rules';

// The geometry is headless (the diagram export draws the same cards); the canvas keeps importing it from here.
export { CARD, type Size, cardSize, typeLabel } from '$lib/diagram/card-geometry';

export interface ColumnRow {
  id: string;
  name: string;
  /** `text`, `integer · boolean`, `text · TaskStatus`. */
  type: string;
  pk: boolean;
  /** The referenced `table.column`, for a foreign key. */
  fk: string | null;
  unique: boolean;
  enumName: string | null;
  nullable: boolean;
  issue: Severity | null;
  /** The row's tooltip: the column in words, then its problems. */
  title: string;
}

export interface CardModel {
  id: string;
  /** `MoLOS-Example_`: shown muted before the table name. */
  prefix: string;
  name: string;
  exportName: string;
  comment: string;
  width: number;
  height: number;
  columns: ColumnRow[];
  issueCount: number;
  worst: Severity | null;
  /** The problem badge's tooltip: one message a line. */
  issueText: string;
}

/** The card an issue target shows on (its table), if any. */
export function cardOf(d: Design, target: Target): string | undefined {
  return tableOfTarget(d, target) ?? undefined;
}

/** Issues grouped by the card they show on. */
function issuesByTable(d: Design, issues: readonly Issue[]): Map<string, Issue[]> {
  const byTable = new Map<string, Issue[]>();
  for (const issue of issues) {
    const tableId = cardOf(d, issue.target);
    if (!tableId) continue;
    const list = byTable.get(tableId);
    if (list) list.push(issue);
    else byTable.set(tableId, [issue]);
  }
  return byTable;
}

function columnRow(d: Design, c: Column, fk: string | null, issues: readonly Issue[]): ColumnRow {
  const enumName = c.enumId ? (d.enums[c.enumId]?.name ?? '?') : null;
  const type = typeLabel(d, c);
  const words = [
    `${c.name}: ${type}`,
    c.primaryKey ? 'primary key' : '',
    c.notNull ? 'not null' : 'nullable',
    c.unique ? 'unique' : '',
    fk ? `references ${fk}` : '',
  ].filter(Boolean);
  const mine = issues.filter((i) => i.target.kind === 'column' && i.target.id === c.id);
  return {
    id: c.id,
    name: c.name,
    type,
    pk: c.primaryKey,
    fk,
    unique: c.unique,
    enumName,
    nullable: !c.notNull,
    issue: mine[0]?.severity ?? null,
    title: [words.join(', '), ...mine.map(issueMessage)].join('\n'),
  };
}

function sameRow(a: ColumnRow, b: ColumnRow): boolean {
  return (Object.keys(a) as (keyof ColumnRow)[]).every((k) => a[k] === b[k]);
}

function card(d: Design, t: Table, rows: ColumnRow[], issues: readonly Issue[]): CardModel {
  return {
    id: t.id,
    prefix: `${d.module.id}_`,
    name: t.name,
    exportName: t.exportName,
    comment: t.comment,
    ...cardSize(d, t),
    columns: rows,
    issueCount: issues.length,
    // `checkDesign` sorts errors first, so the first issue is the worst.
    worst: issues[0]?.severity ?? null,
    issueText: issues.map(issueMessage).join('\n'),
  };
}

function sameCard(a: CardModel, b: CardModel): boolean {
  return (Object.keys(a) as (keyof CardModel)[]).every((k) =>
    k === 'columns'
      ? a.columns.length === b.columns.length && a.columns.every((r, i) => r === b.columns[i])
      : a[k] === b[k],
  );
}

/** What a card was built from; a card whose inputs are all the same objects and strings is reused as it is. */
const inputsOf = new WeakMap<CardModel, readonly unknown[]>();

function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Cards for every table, reusing unchanged cards (and rows) of `prev`.
 * @example const cards = buildCards(editor.design, editor.issues, previous);
 */
export function buildCards(
  d: Design,
  issues: readonly Issue[],
  prev: ReadonlyMap<string, CardModel> = new Map(),
): Map<string, CardModel> {
  const byTable = issuesByTable(d, issues);
  const fkTarget = new Map<string, string>();
  for (const r of Object.values(d.relations)) {
    const to = d.columns[r.toColumnId];
    const toTable = to && d.tables[to.tableId];
    if (to && toTable) fkTarget.set(r.fromColumnId, `${fullTableName(d, toTable)}.${to.name}`);
  }
  const cards = new Map<string, CardModel>();
  for (const t of Object.values(d.tables)) {
    const issuesHere = byTable.get(t.id) ?? [];
    const columns = tableColumns(d, t);
    // Operations copy what they change, so unchanged tables and columns are the same objects as before; names
    // that come from elsewhere (referenced tables, enums) and the issues are compared as text.
    const inputs = [
      d.module.id,
      t,
      ...columns,
      columns.map((c) => `${fkTarget.get(c.id) ?? ''}|${c.enumId ? d.enums[c.enumId]?.name : ''}`).join(','),
      issuesHere
        .map((i) => `${i.severity}:${i.target.kind}:${'id' in i.target ? i.target.id : ''}:${issueMessage(i)}`)
        .join('\n'),
    ];
    const old = prev.get(t.id);
    if (old && sameInputs(inputsOf.get(old), inputs)) {
      cards.set(t.id, old);
      continue;
    }
    const oldRows = new Map(old?.columns.map((r) => [r.id, r]));
    const rows = columns.map((c) => {
      const row = columnRow(d, c, fkTarget.get(c.id) ?? null, issuesHere);
      const before = oldRows.get(c.id);
      return before && sameRow(before, row) ? before : row;
    });
    const built = card(d, t, rows, issuesHere);
    const next = old && sameCard(old, built) ? old : built;
    inputsOf.set(next, inputs);
    cards.set(t.id, next);
  }
  return cards;
}
