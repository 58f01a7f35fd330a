/**
 * Drift between the code and the history: the schema tables.ts describes (imported, then built as a fresh `0000`)
 * compared with the schema the module's migrations build under the host. Each difference becomes a finding with
 * both sides named and a severity decided by what breaks:
 *
 * - `error` when the app's queries break — the code names a table or column the database lacks, or its types allow
 *   a value the database refuses (a NOT NULL, a CHECK or a table CHECK only in the SQL, a NOT NULL column the code
 *   does not know, a default only the code has on a NOT NULL column, a different primary key);
 * - `error` when drizzle-kit generate would write a wrong migration: it diffs tables.ts against the last snapshot,
 *   so where the snapshot says neither what the database holds nor what tables.ts says, it would change a schema
 *   the database does not have (the studio's own next migration starts from what the migrations build, adds what
 *   the code has and the database lacks, and leaves the rest unless asked with --reconcile; each message says so);
 * - `warning` otherwise (a default, a type affinity, an index, a unique or foreign key constraint the types cannot
 *   express, a table the code does not use); `info` for an index under another name.
 *
 * Differences caused by something in tables.ts the studio cannot hold (the importer's warnings) are not drift:
 * each such warning is an `info` finding that lists what it explains.
 */
import type { ImportMessage } from '../import/types';
import { type Drift, type DriftKind } from './schema-diff';
import type { Fact, SchemaFacts } from './schema-facts';
import { HISTORY, type SideNames, driftSentence } from './drift-text';
import type { SchemaPlace } from './schema-places';
import type { VerifyFinding } from './types';

export interface CodeDriftInput {
  /** Every difference, from `diffSchemas(history, code)`. */
  drifts: Drift[];
  history: SchemaFacts;
  /** The schema file, relative to the module folder. */
  file: string;
  /** How messages call it, e.g. `tables.ts`. */
  label: string;
  /** The last snapshot's schema and file, or null when there is none. */
  snapshot: { facts: SchemaFacts; file: string } | null;
  /**
   * The migrations go past the last snapshot (or there is none): the studio's next migration then starts from
   * what they build (it replays them), not from the snapshot.
   */
  replayed?: boolean;
  /** The values the code's enum allows for a column (table SQL name, column name), or null for a plain column. */
  enumValues: (table: string, column: string) => readonly string[] | null;
  /** The importer's warnings about the code, each with the table/column it points into (null when none). */
  notes: { message: ImportMessage; place: SchemaPlace | null }[];
  /**
   * The SQL names a table written as `name` in the schema file may have in the design (the importer adds a missing
   * module prefix, for one).
   */
  tableNames: (name: string) => readonly string[];
}

const FK: DriftKind[] = ['extra-foreign-key', 'missing-foreign-key', 'foreign-key-actions'];
const INDEX: DriftKind[] = [
  'extra-index',
  'missing-index',
  'index-definition',
  'index-name',
  'extra-unique',
  'missing-unique',
  'unique-name',
];

/** What an importer warning can cause; a code not listed explains any difference at its place. */
const EXPLAINS: Record<string, readonly DriftKind[]> = {
  'check-not-kept': ['column-check', 'table-check'],
  // A check kept by name is compared by name (verify-module.ts): it explains no difference.
  'check-kept-as-written': [],
  'generated-not-kept': ['column-type', 'column-default', 'column-not-null'],
  'composite-primary-key': ['column-primary-key', 'extra-unique', 'missing-unique'],
  'default-not-kept': ['column-default'],
  'mode-not-kept': ['column-type', 'column-default'],
  'column-option-not-kept': ['column-type', 'column-default'],
  'autoincrement-not-kept': [],
  'text-enum-message': [],
  'foreign-key-not-kept': FK,
  'reference-not-understood': FK,
  'reference-outside-module': FK,
  'duplicate-reference': FK,
  'fk-action-unknown': FK,
  'on-update-not-kept': FK,
  'index-expression': INDEX,
  'index-name-not-literal': INDEX,
  'table-extra-not-kept': [...INDEX, ...FK, 'table-check', 'column-check', 'column-primary-key'],
};

/** Importer warnings about code the studio keeps as written and compares by name: nothing it cannot read. */
const KEPT_AS_WRITTEN = new Set(['check-kept-as-written']);

function explains(note: CodeDriftInput['notes'][number], d: Drift, input: CodeDriftInput): boolean {
  const { place } = note;
  if (!place || !input.tableNames(place.table).includes(d.table)) return false;
  if (place.column !== undefined && !d.columns.includes(place.column)) return false;
  const kinds = EXPLAINS[note.message.code];
  return kinds === undefined || kinds.includes(d.kind);
}

/** Why the difference matters to the running app; `breaks` when its queries can fail or its types lie. */
function consequence(d: Drift, input: CodeDriftInput): { breaks: boolean; text: string } {
  const h = d.history;
  const o = d.other;
  switch (d.kind) {
    case 'missing-table':
      return { breaks: true, text: "the app's queries on it fail (no such table)" };
    case 'extra-table':
      return { breaks: false, text: 'the app does not use it' };
    case 'missing-column':
      return { breaks: true, text: "the app's queries that read or write it fail (no such column)" };
    case 'extra-column': {
      const c = h?.column;
      if (c && c.notNull && c.default === null && !c.generated)
        return { breaks: true, text: 'it is NOT NULL without a default, so every insert by the app fails' };
      return { breaks: false, text: 'the app does not use it' };
    }
    case 'column-type':
      return {
        breaks: false,
        text: 'values are stored with the type affinity of the database, not the one the app expects',
      };
    case 'column-not-null':
      return h?.value === 'NOT NULL'
        ? { breaks: true, text: 'the app may write NULL, which the database refuses' }
        : { breaks: false, text: "the database accepts NULL where the app's types say there is always a value" };
    case 'column-default': {
      const notNull = input.history.get(`not-null|${d.table}|${d.name ?? ''}`)?.value === 'NOT NULL';
      if (h?.value === '' && notNull)
        return {
          breaks: true,
          text: 'the app leaves it out of inserts, which the database refuses: it has no default and is NOT NULL',
        };
      return { breaks: false, text: 'an insert that leaves it out gets another value than the app expects' };
    }
    case 'column-check':
      return checkConsequence(d, input);
    case 'table-check': {
      const extra = (h?.checks ?? []).filter((c) => !(o?.checks ?? []).some((x) => x.normalized === c.normalized));
      return extra.length > 0
        ? { breaks: true, text: "the database refuses rows the app's code allows" }
        : { breaks: false, text: `the database does not check what ${input.label} declares` };
    }
    case 'column-primary-key':
      return {
        breaks: true,
        text: 'the database identifies rows by other columns than the app does (inserts and upserts can fail)',
      };
    case 'extra-unique':
      return { breaks: false, text: `the database refuses duplicates that ${input.label} does not mention` };
    case 'missing-unique':
      return { breaks: false, text: 'the database accepts duplicates, and an upsert on these columns fails' };
    case 'extra-foreign-key':
      return {
        breaks: false,
        text: `the database checks a reference (and runs its ON DELETE) that ${input.label} does not declare`,
      };
    case 'missing-foreign-key':
      return { breaks: false, text: `the database does not check the reference ${input.label} declares` };
    case 'foreign-key-actions':
      return {
        breaks: false,
        text: `deleting or updating a referenced row does something else than ${input.label} says`,
      };
    case 'index-name':
      return { breaks: false, text: 'the same index under another name' };
    case 'unique-name':
      return { breaks: false, text: 'the same rows are refused; only the name differs' };
    default:
      return { breaks: false, text: 'only the speed of queries differs' };
  }
}

function checkConsequence(d: Drift, input: CodeDriftInput): { breaks: boolean; text: string } {
  const mine = d.history?.checks ?? [];
  const theirs = d.other?.checks ?? [];
  const extra = mine.filter((c) => !theirs.some((x) => x.normalized === c.normalized));
  if (extra.length === 0) return { breaks: false, text: "the database accepts values the app's types do not expect" };
  const allowed = input.enumValues(d.table, d.name ?? '');
  const refused = extra.some(
    (c) => allowed === null || c.values === null || allowed.some((v) => !c.values?.includes(v)),
  );
  if (!refused) return { breaks: false, text: "the database's CHECK allows every value the app's types allow" };
  const what = allowed === null ? 'any text' : `${allowed.join(', ')}`;
  return { breaks: true, text: `the app may write values the database's CHECK refuses (its types allow ${what})` };
}

const valueOf = (f: Fact | undefined) => (f === undefined ? '\u0000absent' : f.value);

/**
 * What the next migrations do about it: the studio's (it starts from what the migrations build; it adds what the
 * code has and the database lacks, and leaves the rest unless asked with --reconcile) and drizzle-kit generate's
 * (it starts from the last snapshot). `wrong` when drizzle-kit would start from a schema the database does not have.
 */
function nextMigration(d: Drift, input: CodeDriftInput): { wrong: boolean; text: string } | null {
  if (d.kind === 'index-name' || d.kind === 'unique-name') return null;
  const studio =
    d.history === undefined
      ? "the studio's next migration adds it"
      : `the studio's next migration leaves it as it is ("generate --reconcile" brings the database to ${input.label})`;
  if (input.replayed) return { wrong: false, text: `${studio}; drizzle/meta has no snapshot of the last migrations` };
  if (!input.snapshot) return { wrong: false, text: studio };
  const s = input.snapshot.facts.get(d.key);
  const { file } = input.snapshot;
  if (valueOf(s) === valueOf(d.history)) {
    const next = d.history ? `change it to what ${input.label} says` : 'add it';
    return {
      wrong: false,
      text: `${studio}; ${file} ${s ? `says the same as ${HISTORY}` : 'does not have it either'}, so drizzle-kit generate would ${next}`,
    };
  }
  if (valueOf(s) === valueOf(d.other)) {
    const same = s ? `says the same as ${input.label}` : 'does not have it either';
    return { wrong: false, text: `${studio}; ${file} ${same}, so drizzle-kit generate would not change it` };
  }
  return {
    wrong: true,
    text: `${studio}; ${file} ${s ? `says ${s.display}` : 'does not have it'}, so drizzle-kit generate would start from a schema the database does not have`,
  };
}

/**
 * The findings for code drift: one per difference, and one `info` per importer warning (with what it explains).
 * @example codeDriftFindings({ drifts, history, file: 'lib/server/db/schema/tables.ts', label: 'tables.ts', … })
 */
export function codeDriftFindings(input: CodeDriftInput): VerifyFinding[] {
  const names: SideNames = { other: input.label, has: 'declares', lacks: 'does not declare' };
  const explained = new Map<CodeDriftInput['notes'][number], Drift[]>();
  const findings: VerifyFinding[] = [];
  for (const d of input.drifts) {
    const note = input.notes.find((n) => explains(n, d, input));
    if (note) {
      explained.set(note, [...(explained.get(note) ?? []), d]);
      continue;
    }
    const effect = consequence(d, input);
    const next = nextMigration(d, input);
    const rename = d.kind === 'index-name' || d.kind === 'unique-name';
    const severity = rename ? 'info' : effect.breaks || next?.wrong ? 'error' : 'warning';
    const sentence = `${driftSentence(d, names)} — ${[effect.text, next?.text].filter(Boolean).join('; ')}`;
    const finding: VerifyFinding = {
      code: `code-drift-${d.kind}`,
      severity,
      stage: 'code',
      file: input.file,
      table: d.table,
      message: `${sentence}.`,
      sides: sides(d, input),
    };
    if (d.name !== undefined) finding.name = d.name;
    findings.push(finding);
  }
  const notes = input.notes.map((n): VerifyFinding => {
    const drifts = explained.get(n) ?? [];
    const kept = n.message.kept ? ` (kept: ${n.message.kept})` : '';
    const listed = drifts.slice(0, 3).map((d) => `${d.table}: ${driftSentence(d, names)}`);
    if (drifts.length > 3) listed.push(`and ${drifts.length - 3} more`);
    const tail =
      drifts.length > 0
        ? `; so ${drifts.length === 1 ? 'this difference is' : `these ${drifts.length} differences are`} not counted as drift: ${listed.join(' | ')}`
        : '';
    const f: VerifyFinding = {
      code: 'code-not-held',
      severity: 'info',
      stage: 'code',
      file: n.message.file,
      message: `${baseName(n.message.file)} holds something the studio ${KEPT_AS_WRITTEN.has(n.message.code) ? 'keeps as written' : 'cannot read'}: ${n.message.message}${kept}${tail}`,
    };
    if (n.message.line > 0) f.line = n.message.line;
    if (n.place) f.table = n.place.table;
    if (drifts.length > 0) f.details = drifts.map((d) => `${d.table}: ${driftSentence(d, names)}`);
    return f;
  });
  return [...notes, ...findings];
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

function sides(d: Drift, input: CodeDriftInput): NonNullable<VerifyFinding['sides']> {
  const out: NonNullable<VerifyFinding['sides']> = {};
  if (d.history) out.history = d.history.display;
  if (d.other) out.other = d.other.display;
  const s = input.snapshot?.facts.get(d.key);
  if (s) out.snapshot = s.display;
  return out;
}
