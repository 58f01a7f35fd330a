/**
 * Import benchmarks: a ~1 MB SQL script (the 0000 migration of a large design) read back through sql.js and
 * PRAGMA, and a whole generated module folder (tables.ts parsed with ts-morph, models, manifest, drizzle/
 * history as the baseline). Called from bench/run.ts with the same `row` printer as the migration benchmarks.
 */
import { performance } from 'node:perf_hooks';
import initSqlJs from 'sql.js';
import { ModuleGenerator } from '../src/lib/generate/module-files';
import { importModuleFolder } from '../src/lib/import/module-folder/index';
import { importSql } from '../src/lib/import/sql/index';
import { initialMigrationSql } from '../src/lib/sql/migration-files';
import { largeDesign } from './large-design';

async function times(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Times the SQL import of a ≥ 1 MB script and the import of a 300-table module folder. */
export async function importSqlBench(row: (label: string, ms: number[]) => void): Promise<void> {
  const SQL = await initSqlJs();
  const loadSqlJs = () => Promise.resolve(SQL);
  let tables = 300;
  let sql = initialMigrationSql(largeDesign(tables, 12));
  while (sql.length < 1024 * 1024) {
    tables = Math.ceil((tables * 1024 * 1024) / sql.length) + 10;
    sql = initialMigrationSql(largeDesign(tables, 12));
  }
  const sqlMs = await times(3, async () => {
    const out = await importSql([{ path: 'drizzle/0000_init.sql', text: sql }], { loadSqlJs });
    if (!out.ok) throw new Error(out.messages.map((m) => m.message).join('\n'));
  });
  row(`SQL import, ${(sql.length / 1024 / 1024).toFixed(2)} MiB (${tables} tables)`, sqlMs);

  const files = await new ModuleGenerator().generate(largeDesign(300, 12), { now: 1 });
  const sources = files.map((f) => ({ path: `MoLOS-Bench/${f.path}`, text: f.content }));
  const kib = sources.reduce((n, f) => n + f.text.length, 0) / 1024;
  const folderMs = await times(3, async () => {
    const out = await importModuleFolder(sources, { loadSqlJs });
    if (!out.ok) throw new Error(out.messages.map((m) => m.message).join('\n'));
  });
  row(`module folder import, 300 tables (${kib.toFixed(0)} KiB)`, folderMs);
}
