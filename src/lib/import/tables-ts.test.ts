/**
 * The tables.ts importer on hand-written fixtures (one per real-world quirk, two realistic modules and one full of
 * constructs the studio cannot hold) and on small inline inputs: what each construct becomes in the design, and
 * the exact code, line and column of every message.
 */
import { describe, expect, it } from 'vitest';
import type { Column, Design, Table } from '../core/design';
import { checkDesign } from '../core/rules';
import { loadImportFixture } from '../../../fixtures/import/load';
import { importTablesTs } from './tables-ts';
import type { ImportMessage, ImportOutcome } from './types';

function importFixture(name: string): Extract<ImportOutcome, { ok: true }> {
  const f = loadImportFixture(name);
  const out = importTablesTs({ tables: f.tables, models: f.models, others: f.others });
  if (!out.ok) throw new Error(`${name}: ${JSON.stringify(out.messages)}`);
  return out;
}

function table(d: Design, exportName: string): Table {
  const t = Object.values(d.tables).find((x) => x.exportName === exportName);
  if (!t) throw new Error(`no table ${exportName}`);
  return t;
}

function col(d: Design, exportName: string, key: string): Column {
  const t = table(d, exportName);
  const c = t.columnIds.map((id) => d.columns[id]).find((x) => x?.key === key);
  if (!c) throw new Error(`no column ${exportName}.${key}`);
  return c;
}

const where = (c: Column | undefined, d: Design) => (c ? `${d.tables[c.tableId]?.exportName}.${c.key}` : '?');
const brief = (messages: ImportMessage[]) => messages.map((m) => [m.code, m.line, m.column]);
const TABLES = 'lib/server/db/schema/tables.ts';

function importText(text: string, extra: Parameters<typeof importTablesTs>[1] = {}) {
  return importTablesTs({ tables: { path: TABLES, text } }, extra);
}

describe('quirks of real modules', () => {
  it('a nullable user_id stays nullable (and the rules say so)', () => {
    const { design, messages } = importFixture('q01-nullable-user-id');
    expect(messages).toEqual([]);
    expect(design.module).toEqual({ id: 'MoLOS-QNullable', name: '', description: '', layout: 'legacy' });
    expect(table(design, 'notesShared')).toMatchObject({
      name: 'shared_notes',
      comment: expect.stringContaining('shared by everyone'),
    });
    expect(col(design, 'notesShared', 'userId')).toMatchObject({ name: 'user_id', notNull: false, default: null });
    expect(checkDesign(design).map((i) => i.code)).toContain('user-id-nullable');
  });

  it('relation columns with only a comment become suggestions, not relations', () => {
    const { design, suggestions } = importFixture('q02-comment-relations');
    expect(Object.keys(design.relations)).toEqual([]);
    expect(
      suggestions.map((s) => [
        where(design.columns[s.fromColumnId], design),
        where(design.columns[s.toColumnId], design),
        s.line,
      ]),
    ).toEqual([
      ['crmContacts.projectId', 'crmProjects.id', 13],
      ['crmContacts.referrerId', 'crmContacts.id', 15],
      ['crmContacts.companyId', 'crmCompanies.id', 16],
      ['crmContacts.mainProjectId', 'crmProjects.id', 18],
      ['crmContacts.favouriteProjectId', 'crmProjects.id', 20],
    ]);
    expect(suggestions[0]).toMatchObject({
      onDelete: null,
      file: TABLES,
      reason: expect.stringContaining('Foreign key to projects'),
    });
    expect(col(design, 'crmContacts', 'companyId').comment).toBe('FK to companies.id');
    expect(col(design, 'crmContacts', 'note').comment).toBe('A free-form note, not a relation.');
    expect(table(design, 'crmCompanies').comment).toBe('Companies the contacts work for.\nSecond line of the comment.');
  });

  it('a settings table keyed by user_id keeps that key', () => {
    const { design } = importFixture('q03-settings-by-user');
    expect(table(design, 'focusSettings').columnIds.map((id) => design.columns[id]?.name)).toEqual([
      'user_id',
      'daily_goal',
      'theme',
      'updated_at',
    ]);
    expect(col(design, 'focusSettings', 'userId')).toMatchObject({ primaryKey: true, notNull: true, default: null });
    expect(col(design, 'focusSettings', 'dailyGoal').default).toEqual({ kind: 'literal', value: 4 });
  });

  it('ids made by the app and own default functions are kept as written', () => {
    const { design } = importFixture('q04-app-ids');
    expect(col(design, 'syncEvents', 'id')).toMatchObject({
      primaryKey: true,
      default: null,
      comment: expect.stringContaining('device'),
    });
    expect(col(design, 'syncEvents', 'seenAt')).toMatchObject({
      mode: 'timestamp',
      default: { kind: 'fn', code: '() => new Date()' },
    });
    expect(col(design, 'syncEvents', 'sequence').default).toEqual({ kind: 'fn', code: '() => Date.now()' });
  });

  it('timestamps without a default stay without one', () => {
    const { design } = importFixture('q05-timestamps-no-default');
    expect(col(design, 'readingBooks', 'createdAt')).toMatchObject({
      type: 'integer',
      notNull: true,
      default: null,
      mode: null,
    });
  });

  it('enums declared in tables.ts (a const and an inline object) become design enums, with a note', () => {
    const { design, messages } = importFixture('q06-local-enums');
    expect(
      Object.values(design.enums).map((e) => [e.name, e.comment, e.members.map((m) => `${m.key}=${m.value}`)]),
    ).toEqual([
      ['Mood', 'How the day felt.', ['GREAT=great', 'OK=ok', 'BAD=bad']],
      ['MoodEntriesEnergy', '', ['LOW=low', 'HIGH=high']],
    ]);
    expect(col(design, 'moodEntries', 'mood')).toMatchObject({
      enumId: 'e_Mood',
      notNull: true,
      default: { kind: 'literal', value: 'ok' },
    });
    expect(col(design, 'moodEntries', 'mood').enumForm).toBeUndefined();
    expect(col(design, 'moodEntries', 'energy').enumId).toBe('e_MoodEntriesEnergy');
    expect(brief(messages)).toEqual([
      ['local-enum', 5, 7],
      ['local-enum', 15, 30],
    ]);
  });

  it('$type<…>() is kept as the column type text and { enum: [...] } as an enum in the values form', () => {
    const { design } = importFixture('q07-type-and-values');
    expect(col(design, 'teamMembers', 'id').tsType).toBe('`member_${string}`');
    expect(col(design, 'teamMembers', 'level').tsType).toBe('"junior" | "senior"');
    expect(col(design, 'teamMembers', 'score')).toMatchObject({
      tsType: '0 | 1 | 2 | 3',
      default: { kind: 'literal', value: 0 },
    });
    const role = col(design, 'teamMembers', 'role');
    expect(role).toMatchObject({ enumForm: 'values', notNull: true, default: { kind: 'literal', value: 'member' } });
    expect(design.enums[role.enumId ?? '']).toMatchObject({
      name: 'TeamMembersRole',
      members: [
        { key: 'OWNER', value: 'owner' },
        { key: 'ADMIN', value: 'admin' },
        { key: 'MEMBER', value: 'member' },
      ],
    });
  });

  it('json mode keeps $type and array/object defaults as JSON', () => {
    const { design } = importFixture('q08-json-mode');
    expect(col(design, 'boardCards', 'labels')).toMatchObject({
      mode: 'json',
      tsType: 'string[]',
      default: { kind: 'json', json: '[]' },
    });
    expect(col(design, 'boardCards', 'layout')).toMatchObject({
      tsType: '{ theme: string; columns: number }',
      default: { kind: 'json', json: '{"theme":"dark","columns":3}' },
    });
    expect(col(design, 'boardCards', 'extra').default).toEqual({ kind: 'literal', value: '{}' });
  });

  it('boolean defaults written as sql`0` stay SQL; true/false stay literals', () => {
    const { design } = importFixture('q09-boolean-sql');
    expect(col(design, 'habitChecks', 'done')).toMatchObject({ mode: 'boolean', default: { kind: 'sql', sql: '0' } });
    expect(col(design, 'habitChecks', 'skipped').default).toEqual({ kind: 'literal', value: false });
    expect(col(design, 'habitChecks', 'pinned').default).toEqual({ kind: 'literal', value: true });
  });

  it('indexes in the object form keep their unprefixed names, with a note', () => {
    const { design, messages } = importFixture('q10-object-indexes');
    const t = table(design, 'wikiPages');
    expect(
      t.indexIds
        .map((id) => design.indexes[id])
        .map((ix) => [ix?.name, ix?.unique, ix?.columnIds.map((c) => design.columns[c]?.key)]),
    ).toEqual([
      ['by_user', false, ['userId']],
      ['pages_slug_uq', true, ['userId', 'slug']],
    ]);
    expect(brief(messages)).toEqual([['index-object-form', 12, 15]]);
    expect(checkDesign(design).map((i) => i.code)).toContain('index-name-prefix');
  });

  it('single, double and backtick quotes read the same', () => {
    const { design } = importFixture('q11-mixed-quotes');
    expect(Object.values(design.tables).map((t) => t.name)).toEqual(['items', 'steps']);
    expect(
      table(design, 'recipeItems').columnIds.map((id) => [design.columns[id]?.name, design.columns[id]?.default]),
    ).toEqual([
      ['id', { kind: 'uuid' }],
      ['user_id', null],
      ['name', { kind: 'literal', value: 'untitled' }],
      ['unit', { kind: 'literal', value: 'g' }],
      ['amount', { kind: 'literal', value: -1.5 }],
      ['quote', { kind: 'literal', value: 'it\'s "fine"' }],
      ['created_at', { kind: 'sql', sql: "(strftime('%s','now'))" }],
    ]);
    expect(col(design, 'recipeSteps', 'position').default).toEqual({ kind: 'literal', value: -1 });
  });

  it('shared constants are written out where they are used', () => {
    const { design, messages } = importFixture('q12-shared-constants');
    expect(col(design, 'paletteColors', 'hex').default).toEqual({ kind: 'literal', value: '#336699' });
    expect(col(design, 'paletteColors', 'updatedAt').default).toEqual({ kind: 'sql', sql: "(strftime('%s','now'))" });
    expect(brief(messages)).toEqual([
      ['constant-inlined', 10, 38],
      ['constant-inlined', 11, 54],
    ]);
  });

  it('legacy aliases are kept on their table', () => {
    const { design, messages } = importFixture('q13-aliases');
    expect(table(design, 'tasksTasks').aliases).toEqual(['tasks']);
    expect(table(design, 'tasksLists').aliases).toEqual(['todoLists']);
    expect(messages).toEqual([]);
  });

  it('self references, references to later tables and both actions', () => {
    const { design } = importFixture('q14-references');
    expect(
      Object.values(design.relations).map((r) => [
        where(design.columns[r.fromColumnId], design),
        where(design.columns[r.toColumnId], design),
        r.onDelete,
        r.onUpdate,
        r.logical,
      ]),
    ).toEqual([
      ['outlineNodes.parentId', 'outlineNodes.id', 'cascade', null, false],
      ['outlineNodes.documentId', 'outlineDocuments.id', 'cascade', 'cascade', false],
      ['outlineNodes.linkedId', 'outlineNodes.id', 'set null', null, false],
      ['outlineDocuments.templateId', 'outlineDocuments.id', null, null, false],
    ]);
    expect(col(design, 'outlineNodes', 'documentId').comment).toBe('The document is declared further down.');
  });

  it('columns without a name argument take their key as name, as drizzle does', () => {
    const { design } = importFixture('q15-unnamed-columns');
    expect(
      table(design, 'linkBookmarks')
        .columnIds.map((id) => design.columns[id])
        .map((c) => [c?.name, c?.key, c?.mode]),
    ).toEqual([
      ['id', 'id', null],
      ['user_id', 'user_id', null],
      ['url', 'url', null],
      ['starred', 'starred', 'boolean'],
      ['tags', 'tags', 'json'],
    ]);
  });
});

describe('realistic modules', () => {
  it('legacy layout: enums from $lib/models/external_modules, a local enum, { enum }, aliases, suggestions', () => {
    const { design, messages, suggestions } = importFixture('realistic-legacy');
    expect(design.module).toMatchObject({ id: 'MoLOS-Journal', layout: 'legacy' });
    expect(Object.values(design.enums).map((e) => e.name)).toEqual([
      'EntryStatus',
      'PromptKind',
      'Visibility',
      'JournalEntriesMood',
    ]);
    expect(Object.values(design.tables).map((t) => [t.name, t.aliases ?? []])).toEqual([
      ['entries', ['entries']],
      ['prompts', ['prompts']],
      ['settings', []],
      ['entry_links', []],
    ]);
    expect(col(design, 'journalEntries', 'status').default).toEqual({ kind: 'literal', value: 'draft' });
    expect(col(design, 'journalEntries', 'userId').notNull).toBe(false);
    expect(col(design, 'journalPrompts', 'id').default).toBeNull();
    expect(brief(messages)).toEqual([
      ['local-enum', 13, 7],
      ['constant-inlined', 34, 56],
      ['index-object-form', 37, 11],
    ]);
    expect(
      suggestions.map((s) => [
        where(design.columns[s.fromColumnId], design),
        where(design.columns[s.toColumnId], design),
      ]),
    ).toEqual([
      ['journalEntries.promptId', 'journalPrompts.id'],
      ['journalEntryLinks.toId', 'journalEntries.id'],
    ]);
    const codes = checkDesign(design).map((i) => `${i.code}`);
    expect(codes).toEqual(
      expect.arrayContaining(['user-id-nullable', 'pk-no-uuid-default', 'settings-table', 'index-name-prefix']),
    );
  });

  it('current layout: enums from ../../../models and @molos/database/utils', () => {
    const { design, suggestions } = importFixture('realistic-current');
    expect(design.module).toMatchObject({ id: 'MoLOS-Habits', layout: 'current' });
    expect(col(design, 'habitsHabits', 'frequency')).toMatchObject({
      enumId: 'e_HabitFrequency',
      default: { kind: 'literal', value: 'daily' },
    });
    expect(col(design, 'habitsCheckins', 'day').comment).toBe('ISO date, e.g. 2026-01-31.');
    expect(suggestions).toHaveLength(1);
  });
});

describe('what the design cannot hold is reported with its place', () => {
  it('every unrepresentable construct of the unsupported fixture, in order', () => {
    const { design, messages } = importFixture('unsupported');
    expect(messages.map((m) => [m.severity, m.code, m.line, m.column])).toEqual([
      ['warning', 'autoincrement-not-kept', 9, 32],
      ['warning', 'reference-outside-module', 10, 12],
      ['warning', 'column-option-not-kept', 11, 24],
      ['warning', 'computed-key', 12, 3],
      ['info', 'constant-inlined', 13, 6],
      ['warning', 'spread-not-kept', 14, 3],
      ['warning', 'default-not-kept', 15, 30],
      ['warning', 'unknown-enum', 16, 26],
      ['warning', 'unknown-column-builder', 17, 11],
      ['warning', 'on-update-not-kept', 18, 12],
      ['warning', 'composite-primary-key', 29, 5],
      ['info', 'unique-constraint', 30, 5],
      ['warning', 'check-kept-as-written', 31, 5],
      ['info', 'foreign-key-as-reference', 32, 5],
      ['info', 'statement-not-kept', 36, 7],
      ['warning', 'table-prefix', 37, 34],
      ['warning', 'table-not-exported', 38, 7],
      ['warning', 'view-not-kept', 39, 14],
      ['warning', 'relations-not-kept', 40, 14],
      ['info', 'statement-not-kept', 41, 1],
    ]);
    for (const m of messages) {
      expect(m.file).toBe(TABLES);
      if (m.severity === 'warning') expect(m.kept).toBeTruthy();
    }
    // What was kept: the columns around the unreadable ones, the spread of a readable const, the unique index,
    // and the foreign key as a relation.
    expect(table(design, 'oddItems').columnIds.map((id) => design.columns[id]?.name)).toEqual([
      'id',
      'owner_id',
      'code',
      'created_at',
      'when',
      'kind',
      'custom',
      'touched',
    ]);
    expect(col(design, 'oddItems', 'kind').enumId).toBeNull();
    expect(design.indexes[table(design, 'oddPairs').indexIds[0] ?? '']).toMatchObject({
      name: 'MoLOS-QOdd_pairs_b_uq',
      unique: true,
    });
    expect(Object.values(design.relations).map((r) => where(design.columns[r.fromColumnId], design))).toEqual([
      'oddPairs.itemId',
    ]);
    expect(table(design, 'other').name).toBe('MoLOS-Wrong_things');
    // A check() is kept by name: the code as written, and its SQL in the migrations; the studio cannot edit it.
    expect(table(design, 'oddPairs').keptChecks).toEqual(['a_not_b']);
    expect(table(design, 'oddItems').keptChecks).toBeUndefined();
    expect(messages.find((m) => m.code === 'check-kept-as-written')).toMatchObject({
      message: 'check a_not_b of table oddPairs cannot be edited in the studio',
      kept: 'as written in the code, and in the migrations',
    });
  });

  it('keeps the names of every check() of a table in order, a name held by a constant too, each once', () => {
    const out = importText(
      [
        'import { sql } from "drizzle-orm";',
        'import { check, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";',
        'const LOW = "MoLOS-Q_items_low";',
        'export const items = sqliteTable("MoLOS-Q_items", {',
        '  id: text("id").primaryKey(),',
        '  low: integer("low").notNull(),',
        '  high: integer("high").notNull(),',
        '}, (t) => [',
        '  check("MoLOS-Q_items_order", sql`${t.low} <= ${t.high}`),',
        '  check(LOW, sql`${t.low} >= 0`),',
        '  check("MoLOS-Q_items_order", sql`${t.low} <= ${t.high}`),',
        '  check(`${LOW}_${1}`, sql`1`),',
        ']);',
        '',
      ].join('\n'),
    );
    if (!out.ok) throw new Error(JSON.stringify(out.messages));
    expect(table(out.design, 'items').keptChecks).toEqual(['MoLOS-Q_items_order', 'MoLOS-Q_items_low']);
    expect(out.messages.filter((m) => /^check-/.test(m.code)).map((m) => [m.line, m.code, m.message])).toEqual([
      [9, 'check-kept-as-written', 'check MoLOS-Q_items_order of table items cannot be edited in the studio'],
      [10, 'check-kept-as-written', 'check MoLOS-Q_items_low of table items cannot be edited in the studio'],
      [11, 'check-kept-as-written', 'check MoLOS-Q_items_order of table items cannot be edited in the studio'],
      [
        12,
        'check-not-kept',
        'a check constraint of table items has no literal name, so the studio cannot keep it in the migrations',
      ],
    ]);
  });

  it('a syntax error is an error with its place, not a crash', () => {
    const out = importText('export const a = sqliteTable("MoLOS-A_a", {\n  id: text("id").primaryKey(\n});\n');
    expect(out.ok).toBe(false);
    expect(out.messages[0]).toMatchObject({ severity: 'error', code: 'syntax-error', file: TABLES, line: 3 });
    expect(out.messages[0]?.column).toBeGreaterThan(0);
  });

  it('a syntax error in the models file is reported against that file', () => {
    const out = importTablesTs({
      tables: { path: TABLES, text: 'export const a = 1;' },
      models: { path: 'lib/models/index.ts', text: 'export const X = { A: "a" as const;' },
    });
    expect(out.ok).toBe(false);
    expect(out.messages[0]).toMatchObject({ code: 'syntax-error', file: 'lib/models/index.ts', line: 1 });
  });

  it('models file content other than enums is reported; TypeScript enums are converted', () => {
    const out = importTablesTs({
      tables: { path: TABLES, text: '' },
      models: {
        path: 'lib/models/index.ts',
        text: [
          'export const Kind = { A: "a" } as const;',
          'export type Kind = (typeof Kind)[keyof typeof Kind];',
          'export interface Task { id: string }',
          'export enum Color { RED = "red", BLUE = "blue" }',
          'export const LIMIT = 10;',
        ].join('\n'),
      },
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(Object.values(out.design.enums).map((e) => e.name)).toEqual(['Kind', 'Color']);
    expect(brief(out.messages)).toEqual([
      ['no-tables', 0, 0],
      ['models-not-kept', 3, 1],
      ['ts-enum', 4, 1],
      ['models-not-kept', 5, 14],
    ]);
  });

  it('non-literal table names: a const is followed (with a warning), anything else is reported', () => {
    const out = importText(
      [
        'const ID = "MoLOS-N";',
        'export const a = sqliteTable(`${ID}_a`, { id: text("id") });',
        'export const b = sqliteTable(name(), { id: text("id") });',
      ].join('\n'),
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(Object.values(out.design.tables).map((t) => t.name)).toEqual(['a']);
    expect(out.design.module.id).toBe('MoLOS-N');
    expect(brief(out.messages)).toEqual([
      ['table-name-not-literal', 2, 30],
      ['table-name-not-literal', 3, 30],
    ]);
  });
});

describe('module id, layout and ids', () => {
  const text =
    'import { textEnum } from "@molos/database/utils";\nexport const a = sqliteTable("MoLOS-A_items", { id: text("id").primaryKey() });\n';

  it('the module id comes from the table prefix, or the options (then other prefixes are reported)', () => {
    const own = importText(text);
    expect(own.ok && own.design.module.id).toBe('MoLOS-A');
    const forced = importText(text, { moduleId: 'MoLOS-B' });
    expect(forced.ok && Object.values(forced.design.tables)[0]?.name).toBe('MoLOS-A_items');
    expect(brief(forced.messages)).toEqual([['table-prefix', 2, 30]]);
  });

  it('the layout comes from the options, the textEnum import, or the path', () => {
    expect(importText(text).ok && (importText(text) as { design: Design }).design.module.layout).toBe('current');
    const legacyImport = text.replace('@molos/database/utils', '$lib/server/db/utils');
    expect((importText(legacyImport) as { design: Design }).design.module.layout).toBe('legacy');
    expect((importText(text, { layout: 'legacy' }) as { design: Design }).design.module.layout).toBe('legacy');
    const plain = 'export const a = sqliteTable("MoLOS-A_items", { id: text("id") });';
    const byPath = importTablesTs({ tables: { path: 'src/server/db/schema/tables.ts', text: plain } });
    expect(byPath.ok && byPath.design.module.layout).toBe('current');
    expect((importText(plain) as { design: Design }).design.module.layout).toBe('legacy');
  });

  it('the same input always gives the same design', () => {
    const f = loadImportFixture('realistic-legacy');
    expect(importTablesTs({ tables: f.tables, models: f.models })).toEqual(
      importTablesTs({ tables: f.tables, models: f.models }),
    );
  });

  it('tables and enums from other schema files are found; imported names resolve across files', () => {
    const out = importTablesTs({
      tables: {
        path: TABLES,
        text: 'import { shared, Kind } from "./shared";\nexport const a = sqliteTable("MoLOS-A_a", { id: text("id").primaryKey(), kind: textEnum("kind", Kind), s: text("s").references(() => shared.id) });',
      },
      others: [
        {
          path: 'lib/server/db/schema/shared.ts',
          text: 'export const Kind = { X: "x" } as const;\nexport const shared = sqliteTable("MoLOS-A_shared", { id: text("id").primaryKey() });',
        },
      ],
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(Object.values(out.design.tables).map((t) => t.name)).toEqual(['a', 'shared']);
    expect(Object.values(out.design.enums).map((e) => e.name)).toEqual(['Kind']);
    expect(Object.values(out.design.relations)).toHaveLength(1);
  });
});

describe('what published modules contain', () => {
  const enums = (d: Design) => Object.values(d.enums).map((e) => [e.name, e.comment, e.members.map((m) => m.value)]);

  it('enums re-exported through export * and export { } from chains are read, in order', () => {
    const { design, messages } = importFixture('q16-reexported-models');
    expect(enums(design)).toEqual([
      ['CardKind', 'What a card holds.', ['plain', 'checklist']],
      ['CardVisibility', 'Who may see a card (no column uses it yet).', ['private', 'shared']],
      ['CardState', '', ['open', 'archived']],
    ]);
    expect(col(design, 'boardCards', 'kind')).toMatchObject({
      enumId: 'e_CardKind',
      default: { kind: 'literal', value: 'plain' },
    });
    expect(col(design, 'boardCards', 'state').enumId).toBe('e_CardState');
    // The re-exports are followed, not reported; the plain label object and the unexported CardStateOrder are no enums.
    expect(messages).toEqual([]);
  });

  it('a kept $type<…>() records the imports its type needs, as tables.ts writes them', () => {
    const { design } = importFixture('q16-reexported-models');
    const typed = (key: string) => {
      const c = col(design, 'boardCards', key);
      return [c.tsType, c.tsTypeImports];
    };
    expect(typed('meta')).toEqual(['CardMeta', [{ name: 'CardMeta', from: '../../../models' }]]);
    expect(typed('attachments')).toEqual(['Attachment[]', [{ name: 'Attachment', from: '../../../models' }]]);
    // A namespace import (`Shapes.Layout`) and an alias (`Colour as Hue`) become the exported name.
    expect(typed('layout')).toEqual(['Layout | null', [{ name: 'Layout', from: '../../../models/shapes' }]]);
    expect(typed('hue')).toEqual(['Colour', [{ name: 'Colour', from: '../../../models/palette' }]]);
    expect(col(design, 'boardCards', 'id')).not.toHaveProperty('tsTypeImports');
    expect(col(design, 'boardCards', 'kind')).not.toHaveProperty('tsTypeImports');
  });

  it('re-export chains that loop end; a re-exported file that was not given is reported', () => {
    const out = importTablesTs({
      tables: {
        path: TABLES,
        text: 'import { Kind } from "$lib/models/external_modules/MoLOS-L";\nexport const a = sqliteTable("MoLOS-L_a", { id: text("id").primaryKey(), kind: textEnum("kind", Kind) });',
      },
      models: { path: 'lib/models/index.ts', text: 'export * from "./a";\nexport * from "./missing";\n' },
      others: [
        { path: 'lib/models/a.ts', text: 'export * from "./b";\nexport const Kind = { X: "x" } as const;\n' },
        {
          path: 'lib/models/b.ts',
          text: 'export * from "./a";\nexport * from "./index";\nexport const Tone = { LOUD: "loud" } as const;\n',
        },
      ],
    });
    if (!out.ok) throw new Error(JSON.stringify(out.messages));
    expect(enums(out.design)).toEqual([
      ['Tone', '', ['loud']],
      ['Kind', '', ['x']],
    ]);
    expect(col(out.design, 'a', 'kind').enumId).toBe('e_Kind');
    expect(brief(out.messages)).toEqual([['reexport-not-found', 2, 1]]);
    expect(out.messages[0]).toMatchObject({
      file: 'lib/models/index.ts',
      message: expect.stringContaining("'./missing'"),
    });
  });

  it('an imported name is found where the import points, not by name anywhere', () => {
    const out = importTablesTs({
      tables: {
        path: TABLES,
        text: 'import { Kind } from "../../../models/kinds";\nexport const a = sqliteTable("MoLOS-K_a", { id: text("id").primaryKey(), kind: textEnum("kind", Kind) });',
      },
      others: [
        { path: 'lib/models/old.ts', text: 'export const Kind = { OLD: "old" } as const;\n' },
        { path: 'lib/models/kinds.ts', text: 'export { Kind } from "./current";\n' },
        { path: 'lib/models/current.ts', text: 'export const Kind = { NEW: "new" } as const;\n' },
      ],
    });
    if (!out.ok) throw new Error(JSON.stringify(out.messages));
    expect(enums(out.design)).toEqual([['Kind', '', ['new']]]);
  });

  it('$type imports: moved over from another schema file; default imports and clashes are reported', () => {
    const out = importTablesTs({
      tables: {
        path: TABLES,
        text: [
          'import type Legacy from "./legacy";',
          'import type { Meta as M } from "./meta";',
          'import { Meta } from "./other";',
          'export const a = sqliteTable("MoLOS-T_a", {',
          '  id: text("id").primaryKey(),',
          '  old: text("old", { mode: "json" }).$type<Legacy>(),',
          '  meta: text("meta", { mode: "json" }).$type<M>(),',
          '  own: text("own", { mode: "json" }).$type<Meta | Record<string, Meta>>(),',
          '  plain: text("plain", { mode: "json" }).$type<{ Meta: string; list: Array<string> }>(),',
          '});',
        ].join('\n'),
      },
      others: [
        {
          path: 'lib/server/db/schema/parts/extra.ts',
          text: 'import type { Tag } from "../../../../models/tags";\nexport const b = sqliteTable("MoLOS-T_b", { id: text("id").primaryKey(), tags: text("tags", { mode: "json" }).$type<Tag[]>() });',
        },
      ],
    });
    if (!out.ok) throw new Error(JSON.stringify(out.messages));
    const d = out.design;
    expect(col(d, 'b', 'tags')).toMatchObject({
      tsType: 'Tag[]',
      tsTypeImports: [{ name: 'Tag', from: '../../../models/tags' }],
    });
    expect(col(d, 'a', 'own')).toMatchObject({
      tsType: 'Meta | Record<string, Meta>',
      tsTypeImports: [{ name: 'Meta', from: './other' }],
    });
    // A property named like an import is not a use of it.
    expect(col(d, 'a', 'plain')).not.toHaveProperty('tsTypeImports');
    expect(col(d, 'a', 'old')).not.toHaveProperty('tsTypeImports');
    expect(col(d, 'a', 'meta')).toMatchObject({ tsType: 'M' });
    expect(col(d, 'a', 'meta')).not.toHaveProperty('tsTypeImports');
    expect(brief(out.messages)).toEqual([
      ['type-import-not-kept', 6, 44],
      ['type-import-not-kept', 7, 46],
    ]);
  });

  it('relation comments: the table by any of its names, without case or separators; ordinary prose gives nothing', () => {
    const { design, suggestions } = importFixture('q17-relation-comment-forms');
    expect(
      suggestions.map((s) => [
        where(design.columns[s.fromColumnId], design),
        where(design.columns[s.toColumnId], design),
        s.line,
      ]),
    ).toEqual([
      ['planTasks.projectId', 'planProjects.id', 20],
      ['planTasks.backupProjectId', 'planProjects.id', 22],
      ['planTasks.projectCode', 'planProjects.code', 24],
      ['planTasks.labelId', 'planTaskLabels.id', 25],
      ['planTasks.secondLabelId', 'planTaskLabels.id', 27],
      ['planTasks.parentId', 'planTasks.id', 29],
    ]);
  });

  it('only a comment that describes a declaration becomes its comment', () => {
    const { design } = importFixture('q18-comment-kinds');
    // A section note above the enum, a framed heading and a blank line above the table.
    expect(enums(design)).toEqual([['EntryMood', '', ['good', 'bad']]]);
    expect(table(design, 'notesEntries').comment).toBe('Journal entries, one per day and user.');
    const comments = table(design, 'notesEntries').columnIds.map((id) => [
      design.columns[id]?.key,
      design.columns[id]?.comment,
    ]);
    expect(comments).toEqual([
      ['id', ''],
      ['userId', ''],
      // A commented-out column above is not a comment.
      ['title', ''],
      // The prose above a commented-out column belongs to that column.
      ['body', ''],
      // A tool directive is skipped; the prose above it stays.
      ['day', 'Shown in the calendar view.'],
      // A JSDoc above a commented-out column belongs to that column too.
      ['legacyFlag', ''],
      // A short heading naming a group is a section note.
      ['createdAt', ''],
      // Code after the column on the same line is not a comment.
      ['updatedAt', ''],
      ['mood', 'How the day felt.'],
    ]);
  });
});
