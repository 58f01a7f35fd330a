import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Design, tableColumns } from '../../core/design';
import { loadDesign } from '../../core/format';
import { generateModuleFiles } from '../../generate/module-files';
import { applyMigrations } from '../../sql/host-runner';
import { type MigrationFolder, nextMigration } from '../../sql/next-migration';
import { compareSchemas, readSchema } from '../../sql/schema-report';
import type { ImportOutcome, SourceFile } from '../types';
import { importSql } from './index';

const EXAMPLES = ['molos-example', 'molos-tasks'];
const HISTORY = 'fixtures/import-sql/tasks-history/drizzle';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});
const load = () => Promise.resolve(SQL);

function example(name: string): Design {
  const r = loadDesign(readFileSync(`static/examples/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(`bad example ${name}`);
  return r.design;
}

async function initSql(design: Design): Promise<string> {
  const files = await generateModuleFiles({ ...design, baseline: null });
  const f = files.find((x) => x.role === 'migration');
  if (!f) throw new Error('no migration');
  return f.content;
}

function ok(outcome: ImportOutcome): Extract<ImportOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(outcome.messages.map((m) => `${m.file}:${m.line} ${m.message}`).join('\n'));
  return outcome;
}

const historyFiles = (): SourceFile[] =>
  readdirSync(HISTORY)
    .sort()
    .reverse() // the importer must order them itself
    .map((name) => ({ path: `drizzle/${name}`, text: readFileSync(join(HISTORY, name), 'utf8') }));

describe('SQL written by the generator', () => {
  for (const name of EXAMPLES) {
    it(`${name}: imports back to a design whose 0000 SQL is byte-identical`, async () => {
      const sql = await initSql(example(name));
      const out = ok(await importSql([{ path: 'drizzle/0000_init.sql', text: sql }], { loadSqlJs: load }));
      expect(out.messages).toEqual([]);
      expect(out.design.module.id).toBe(example(name).module.id);
      expect(await initSql(out.design)).toBe(sql);
    });

    it(`${name}: import → generate → import gives an equal design`, async () => {
      const first = ok(await importSql([{ path: 'a.sql', text: await initSql(example(name)) }], { loadSqlJs: load }));
      const second = ok(await importSql([{ path: 'a.sql', text: await initSql(first.design) }], { loadSqlJs: load }));
      expect(second.design).toEqual(first.design);
    });

    it(`${name}: with its meta snapshot, the baseline makes the next migration empty`, async () => {
      const files = await generateModuleFiles({ ...example(name), baseline: null });
      const drizzle = files.filter((f) => f.path.startsWith('drizzle/'));
      const out = ok(
        await importSql(
          drizzle.map((f) => ({ path: f.path, text: f.content })),
          { loadSqlJs: load },
        ),
      );
      const snapshot = JSON.parse(drizzle.find((f) => f.role === 'snapshot')?.content ?? '');
      expect(out.design.baseline?.snapshotId).toBe(snapshot.id);
      const folder: MigrationFolder = {
        journal: JSON.parse(drizzle.find((f) => f.role === 'journal')?.content ?? ''),
        snapshots: { '0000_snapshot.json': snapshot },
        sqlFiles: ['0000_init.sql'],
      };
      expect(nextMigration(out.design, folder, { now: 1 }).kind).toBe('unchanged');
    });
  }
});

describe('a real-module-like migration history', () => {
  it('imports to the schema sql.js reports after the host replays it (table rebuild included)', async () => {
    const files = historyFiles();
    const out = ok(await importSql(files, { loadSqlJs: load }));
    const replay = applyMigrations(
      SQL,
      files.map((f) => ({ name: f.path.slice('drizzle/'.length), sql: f.text })),
    );
    expect(replay.ok).toBe(true);
    const fresh = applyMigrations(SQL, [{ name: '0000_init.sql', sql: await initSql(out.design) }]);
    expect(fresh.ok).toBe(true);
    expect(compareSchemas(readSchema(replay.db), readSchema(fresh.db))).toEqual([]);
    replay.db.close();
    fresh.db.close();
  });

  it('recovers the module id, the enum after the rebuild, the relation and the quirks as they are', async () => {
    const { design, messages } = ok(await importSql(historyFiles(), { loadSqlJs: load }));
    expect(design.module.id).toBe('MoLOS-Tasks');
    expect(Object.values(design.tables).map((t) => t.name)).toEqual(
      expect.arrayContaining(['projects', 'tasks', 'settings']),
    );
    const tasks = Object.values(design.tables).find((t) => t.name === 'tasks');
    if (!tasks) throw new Error('no tasks');
    expect(tasks.exportName).toBe('tasksTasks');
    const cols = tableColumns(design, tasks);
    expect(cols.map((c) => c.key)).toEqual([
      'id',
      'userId',
      'title',
      'status',
      'projectId',
      'createdAt',
      'updatedAt',
      'position',
      'labels',
    ]);
    const status = cols.find((c) => c.name === 'status');
    const e = status?.enumId ? design.enums[status.enumId] : undefined;
    expect(e?.name).toBe('TaskStatus');
    expect(e?.members.map((m) => [m.key, m.value])).toEqual([
      ['TO_DO', 'to_do'],
      ['DOING', 'doing'],
      ['DONE', 'done'],
      ['ARCHIVED', 'archived'],
    ]);
    expect(status?.default).toEqual({ kind: 'literal', value: 'to_do' });
    expect(cols.find((c) => c.name === 'created_at')?.default).toEqual({
      kind: 'sql',
      sql: "(strftime('%s','now'))",
    });
    const relation = Object.values(design.relations)[0];
    expect(Object.values(design.relations)).toHaveLength(1);
    expect(design.columns[relation?.fromColumnId ?? '']?.name).toBe('project_id');
    expect(relation?.onDelete).toBe('cascade');
    expect(relation?.onUpdate).toBeNull();
    const projects = Object.values(design.tables).find((t) => t.name === 'projects');
    const pcols = projects ? tableColumns(design, projects) : [];
    expect(pcols.find((c) => c.name === 'user_id')?.notNull).toBe(false);
    expect(pcols.find((c) => c.name === 'is_archived')).toMatchObject({
      mode: 'boolean',
      default: { kind: 'literal', value: false },
    });
    expect(pcols.find((c) => c.name === 'name')?.unique).toBe(true);
    const settings = Object.values(design.tables).find((t) => t.name === 'settings');
    const scols = settings ? tableColumns(design, settings) : [];
    expect(scols.find((c) => c.name === 'user_id')?.primaryKey).toBe(true);
    expect(scols.find((c) => c.name === 'theme')?.default).toEqual({ kind: 'literal', value: "it's dark" });
    expect(scols.find((c) => c.name === 'week_start')?.default).toEqual({ kind: 'literal', value: -1 });
    expect(Object.values(design.indexes).map((i) => i.name)).toEqual(['tasks_user_idx']);
    // The rebuild's PRAGMA foreign_keys runs; its INSERT … SELECT is reported once, at its line, as not run.
    expect(messages).toEqual([
      expect.objectContaining({ code: 'data-statement', file: 'drizzle/0002_tasks_project_fk.sql', line: 15 }),
    ]);
  });
});

describe('statements, places and what a design cannot hold', () => {
  const run = (text: string, opts = {}) => importSql([{ path: 'schema.sql', text }], { loadSqlJs: load, ...opts });

  it('a failing statement gives ok:false with the file and the line where the statement starts', async () => {
    const out = await importSql(
      [
        { path: 'drizzle/0000_init.sql', text: 'CREATE TABLE `MoLOS-X_a` (`id` text PRIMARY KEY);' },
        {
          path: 'drizzle/0001_next.sql',
          text: 'ALTER TABLE `MoLOS-X_a` ADD `b` text;--> statement-breakpoint\n\n  CREATE INDEX `i` ON `MoLOS-X_missing` (`b`);',
        },
      ],
      { loadSqlJs: load },
    );
    expect(out.ok).toBe(false);
    expect(out.messages.at(-1)).toMatchObject({
      severity: 'error',
      code: 'sql-error',
      file: 'drizzle/0001_next.sql',
      line: 3,
      column: 3,
    });
    expect(out.messages.at(-1)?.message).toContain('no such table');
  });

  it('a syntax error in a plain script points at its statement', async () => {
    const out = await run('CREATE TABLE a (id int);\n-- second\nCREATE TABLE b (id int,);\n');
    expect(out.ok).toBe(false);
    expect(out.messages[0]).toMatchObject({ file: 'schema.sql', line: 3, column: 1 });
  });

  it('views, triggers, generated columns, CHECKs, composite keys and expression indexes are reported with what was kept', async () => {
    const out = ok(
      await run(
        [
          'CREATE TABLE `MoLOS-X_items` (',
          '  `id` text PRIMARY KEY NOT NULL,',
          '  `qty` integer CHECK(qty > 0),',
          '  `double_qty` integer GENERATED ALWAYS AS (qty * 2) VIRTUAL,',
          '  `name` varchar(40)',
          ');',
          'CREATE TABLE `MoLOS-X_pairs` (`a` text NOT NULL, `b` text NOT NULL, PRIMARY KEY(`a`, `b`), CHECK (a <> b));',
          'CREATE INDEX `MoLOS-X_items_lower_idx` ON `MoLOS-X_items` (lower(`name`));',
          'CREATE VIEW `MoLOS-X_v` AS SELECT * FROM `MoLOS-X_items`;',
          'CREATE TRIGGER `MoLOS-X_t` AFTER INSERT ON `MoLOS-X_items` BEGIN SELECT 1; END;',
        ].join('\n'),
      ),
    );
    const by = (code: string) => out.messages.filter((m) => m.code === code);
    expect(by('check-constraint').map((m) => m.line)).toEqual([3, 7]);
    expect(by('generated-column')[0]).toMatchObject({ line: 4, kept: 'an ordinary column' });
    expect(by('column-type')[0]).toMatchObject({ line: 5, kept: expect.stringContaining('text') });
    expect(by('composite-primary-key')[0]).toMatchObject({ line: 7 });
    expect(by('expression-index')[0]).toMatchObject({ line: 8 });
    expect(by('view')[0]).toMatchObject({ line: 9 });
    expect(by('trigger')[0]).toMatchObject({ line: 10 });
    const pairs = Object.values(out.design.tables).find((t) => t.name === 'pairs');
    expect(pairs && out.design.indexes[pairs.indexIds[0] ?? '']).toMatchObject({
      name: 'MoLOS-X_pairs_a_b_pk',
      unique: true,
    });
  });

  it('never runs data statements, so a recursive query cannot loop', async () => {
    const out = ok(
      await run(
        [
          'CREATE TABLE `MoLOS-X_a` (`id` integer);',
          'INSERT INTO `MoLOS-X_a` WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;',
          'CREATE TABLE `MoLOS-X_b` AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;',
          'BEGIN; COMMIT;',
          'ATTACH DATABASE "file.db" AS other;',
        ].join('\n'),
      ),
    );
    expect(out.messages.map((m) => [m.code, m.line])).toEqual([
      ['create-table-as', 3],
      ['transaction', 4],
      ['transaction', 4],
      ['statement-skipped', 5],
      ['data-statement', 2],
    ]);
    expect(Object.values(out.design.tables).map((t) => t.name)).toEqual(['a']);
  });

  it('infers the module id from the prefix, takes --module-id over it, and warns about unprefixed tables', async () => {
    const text =
      'CREATE TABLE `MoLOS-AI-Knowledge_docs` (`id` text PRIMARY KEY NOT NULL);\nCREATE TABLE `notes` (`id` text);';
    const inferred = ok(await run(text));
    expect(inferred.design.module.id).toBe('MoLOS-AI-Knowledge');
    expect(inferred.messages).toContainEqual(
      expect.objectContaining({
        code: 'table-prefix',
        line: 2,
        kept: 'table "MoLOS-AI-Knowledge_notes" (the next migration renames it)',
      }),
    );
    const given = ok(await run(text, { moduleId: 'MoLOS-Docs' }));
    expect(given.design.module.id).toBe('MoLOS-Docs');
    expect(given.messages.filter((m) => m.code === 'table-prefix')).toHaveLength(2);
    const none = ok(await run('CREATE TABLE users (id text PRIMARY KEY);'));
    expect(none.messages[0]).toMatchObject({ code: 'module-id', severity: 'warning' });
  });

  it('a chunk that starts with a comment runs as in the host: only its comment lines are dropped', async () => {
    const out = ok(
      await importSql(
        [
          {
            path: 'drizzle/0000_a.sql',
            text: 'CREATE TABLE `MoLOS-X_a` (`id` text);--> statement-breakpoint\n-- add b\nCREATE TABLE `MoLOS-X_b` (`id` text);',
          },
        ],
        { loadSqlJs: load },
      ),
    );
    expect(out.messages.filter((m) => m.severity !== 'info')).toEqual([]);
    expect(Object.values(out.design.tables).map((t) => t.name)).toEqual(['a', 'b']);
  });

  it('a history takes the host\'s "already applied" errors as the host does, and says so', async () => {
    const out = ok(
      await importSql(
        [
          { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE `MoLOS-X_a` (`id` text);' },
          {
            path: 'drizzle/0001_again.sql',
            text: 'CREATE TABLE `MoLOS-X_a` (`id` text);--> statement-breakpoint\nALTER TABLE `MoLOS-X_a` ADD `b` text;',
          },
        ],
        { loadSqlJs: load },
      ),
    );
    expect(out.messages).toEqual([
      expect.objectContaining({ code: 'already-applied', file: 'drizzle/0001_again.sql', line: 1, column: 1 }),
    ]);
    expect(out.messages[0]?.message).toContain('table `MoLOS-X_a` already exists');
    const a = Object.values(out.design.tables)[0];
    expect(a && tableColumns(out.design, a).map((c) => c.name)).toEqual(['id', 'b']);
  });

  it('a history fails where the host refuses a double-quoted string; a plain script is read as SQLite reads it', async () => {
    const text = 'CREATE TABLE `MoLOS-X_a` (`s` text CHECK(`s` IN ("x", "y")));';
    const history = await importSql([{ path: 'drizzle/0000_a.sql', text }], { loadSqlJs: load });
    expect(history).toMatchObject({
      ok: false,
      messages: [
        {
          code: 'sql-error',
          line: 1,
          message: 'the statement fails: no such column: "x" - should this be a string literal in single-quotes?',
        },
      ],
    });
    expect((await importSql([{ path: 'schema.sql', text }], { loadSqlJs: load })).ok).toBe(true);
  });

  it('no .sql file and an unreadable snapshot are clear errors and warnings', async () => {
    const none = await importSql([{ path: 'notes.txt', text: 'hello' }], { loadSqlJs: load });
    expect(none).toMatchObject({ ok: false, messages: [{ code: 'no-sql', file: 'notes.txt' }] });
    const bad = ok(
      await importSql(
        [
          { path: 'drizzle/0000_a.sql', text: 'CREATE TABLE `MoLOS-X_a` (`id` text);' },
          { path: 'drizzle/meta/0000_snapshot.json', text: '{"version": "6", "dialect": "sqlite"' },
        ],
        { loadSqlJs: load },
      ),
    );
    expect(bad.messages[0]).toMatchObject({ code: 'drizzle-meta', file: 'drizzle/meta/0000_snapshot.json' });
    expect(bad.design.baseline).toBeNull();
  });
});

describe('a history whose chunks start with comment lines (fixtures/import-sql/journal-comments)', () => {
  const JOURNAL = 'fixtures/import-sql/journal-comments/drizzle';
  const journalFiles = (): SourceFile[] =>
    readdirSync(JOURNAL)
      .filter((n) => n.endsWith('.sql'))
      .map((n) => ({ path: `drizzle/${n}`, text: readFileSync(join(JOURNAL, n), 'utf8') }));

  it('imports every table and column the host builds, at the places they are written', async () => {
    const out = ok(await importSql(journalFiles(), { loadSqlJs: load }));
    expect(Object.values(out.design.tables).map((t) => t.name)).toEqual(['entries', 'entry_tags', 'notes', 'tags']);
    const columns = (name: string) => {
      const t = Object.values(out.design.tables).find((x) => x.name === name);
      return t ? tableColumns(out.design, t).map((c) => c.name) : [];
    };
    expect(columns('entries')).toEqual(['id', 'user_id', 'title', 'mood', 'created_at', 'pinned']);
    expect(columns('tags')).toEqual(['id', 'name', 'color']);
    expect(Object.values(out.design.indexes).map((i) => i.name)).toEqual([
      'MoLOS-Journal_entries_user_idx',
      'MoLOS-Journal_notes_entry_idx',
    ]);
    // A column after a dropped comment line, and one added after a kept comment line holding `;`.
    const at = (code: string) =>
      out.messages.filter((m) => m.code === code).map((m) => `${m.file}:${m.line}:${m.column}`);
    expect(at('column-type')).toEqual(['drizzle/0000_initial.sql:8:2', 'drizzle/0001_add_pinned.sql:5:1']);
  });

  it('matches the schema the host runner builds from the same files', async () => {
    const files = journalFiles();
    const out = ok(await importSql(files, { loadSqlJs: load }));
    const replay = applyMigrations(
      SQL,
      files.map((f) => ({ name: f.path.slice('drizzle/'.length), sql: f.text })),
    );
    expect(replay.ok).toBe(true);
    const fresh = applyMigrations(SQL, [{ name: '0000_init.sql', sql: await initSql(out.design) }]);
    expect(fresh.ok).toBe(true);
    const drift = compareSchemas(readSchema(replay.db), readSchema(fresh.db));
    replay.db.close();
    fresh.db.close();
    // Only the varchar columns, which the design writes as text, differ.
    expect(drift.map((d) => `${d.table}: ${d.detail}`)).toEqual([
      'MoLOS-Journal_entries: column mood: type VARCHAR(16) expected, TEXT found',
      'MoLOS-Journal_tags: column color: type VARCHAR(7) expected, TEXT found',
    ]);
  });
});

describe('places', () => {
  it('a column is reported where it is written, after breakpoints, blank lines and comments', async () => {
    const text = [
      'CREATE TABLE `MoLOS-X_a` (`id` text PRIMARY KEY);--> statement-breakpoint',
      '',
      '/* the second table */ -- and a line comment',
      'CREATE TABLE `MoLOS-X_b` (',
      '  `id` text PRIMARY KEY,',
      '  `v` VARCHAR(20)',
      ');',
      'CREATE TABLE `MoLOS-X_c` (`id` text PRIMARY KEY, `w` VARCHAR(9));',
    ].join('\n');
    const out = ok(await importSql([{ path: 's.sql', text }], { loadSqlJs: load }));
    const places = out.messages.filter((m) => m.code === 'column-type').map((m) => `${m.line}:${m.column}`);
    expect(places).toEqual(['6:3', '8:50']);
  });
});
