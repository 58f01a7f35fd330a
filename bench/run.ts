/**
 * `npm run bench`: prints how long the headless parts take on a 300-table × 12-column design in Node.
 * Targets: all module files in under 1 s; the 0000 SQL, rules and an edit+undo far below that.
 */
import { performance } from 'node:perf_hooks';
import { addColumn } from '../src/lib/core/operations';
import { createHistory, record, undo } from '../src/lib/core/history';
import { checkDesign } from '../src/lib/core/rules';
import { ModuleGenerator } from '../src/lib/generate/module-files';
import { initialMigrationSql } from '../src/lib/sql/migration-files';
import { checkDesignBench } from './check-design';
import { largeDesign } from './large-design';
import { migrationBench } from './migrations';
import { benchImportTablesTs } from './import';
import { importSqlBench } from './import-sql';
import { writeBackBench } from './write-back';
import { edgeRouteBench } from './edges';
import { paletteSearchBench } from './palette';

async function time<T>(
  runs: number,
  fn: () => T | Promise<T>,
): Promise<{ median: number; min: number; max: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] as number,
    min: times[0] as number,
    max: times.at(-1) as number,
    result: result as T,
  };
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
const row = (label: string, r: { median: number; min: number; max: number }) =>
  console.log(`${label.padEnd(44)} median ${fmt(r.median)}   min ${fmt(r.min)}   max ${fmt(r.max)}`);

const built = await time(1, () => largeDesign(300, 12));
const design = built.result;
const columnCount = Object.keys(design.columns).length;
console.log(
  `design: ${Object.keys(design.tables).length} tables, ${columnCount} columns, ${Object.keys(design.relations).length} relations, ${Object.keys(design.indexes).length} indexes`,
);
row('build design through operations', built);

const cold = await time(1, () => new ModuleGenerator().generate(design, { now: 1 }));
row('all module files, first run in this process', cold);
const fresh = await time(5, () => new ModuleGenerator().generate(design, { now: 1 }));
row('all module files, new generator (no memo)', fresh);
const generator = new ModuleGenerator();
await generator.generate(design, { now: 1 });
let n = 0;
const edited = await time(5, () =>
  generator.generate(addColumn(design, { tableId: 't_150', name: `extra_${n++}` }), { now: 1 }),
);
row('all module files after a one-column edit', edited);
const schema = fresh.result.find((f) => f.role === 'schema');
console.log(
  `  tables.ts: ${schema?.content.split('\n').length} lines, ${((schema?.content.length ?? 0) / 1024).toFixed(0)} KiB`,
);
row('0000 migration SQL', await time(20, () => initialMigrationSql(design)));
row('MoLOS rules (checkDesign)', await time(20, () => checkDesign(design)));
console.log('MoLOS rules at scale (checkDesign, 12 columns a table; linear since issue 14):');
checkDesignBench(row);
row(
  'one edit + undo through the history',
  await time(50, () => {
    const h = record(createHistory(design), addColumn(design, { tableId: 't_150', name: 'extra' }), 'add column');
    return undo(h);
  }),
);
console.log('migrations (300 tables, 20 migrations of random edits):');
/** Prints a row from raw timings (for the bench modules that time themselves). */
const timingsRow = (label: string, ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  row(`  ${label}`, {
    median: sorted[Math.floor(sorted.length / 2)] as number,
    min: sorted[0] as number,
    max: sorted.at(-1) as number,
  });
};
await migrationBench(design, timingsRow);
console.log('import (target: a 1 MB schema file in under 2 s):');
await benchImportTablesTs(timingsRow);
await importSqlBench(timingsRow);
console.log('write back into an existing 300-table module (merge and plan):');
await writeBackBench(timingsRow);
console.log('relation routing around cards (300 tables):');
edgeRouteBench(timingsRow);
console.log('command palette search (300 tables × 12 columns; goal ≤ 50 ms from key to results):');
paletteSearchBench(timingsRow);
const heap = process.memoryUsage();
console.log(
  `heap used: ${(heap.heapUsed / 1024 / 1024).toFixed(0)} MiB, rss: ${(heap.rss / 1024 / 1024).toFixed(0)} MiB`,
);
const ok = fresh.median < 1000;
console.log(`target "all files under 1 s" (new generator): ${ok ? 'met' : 'MISSED'} (${fresh.median.toFixed(0)} ms)`);

console.log('designer in Chromium (300 tables × 12 columns, production build):');
await (await import('./browser')).browserBench(300, 12);
console.log('opening a 5,000-table share link in the viewer (production build):');
await (await import('./share-open')).shareOpenBench(5000, 1);
