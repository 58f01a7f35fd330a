/**
 * tables.ts import benchmark: a ≥ 1 MiB tables.ts (generated from a large design, with its models file) parsed
 * by the importer. Target: under 2 s. Called from bench/run.ts; prints its own line when no printer is given.
 */
import { performance } from 'node:perf_hooks';
import { ModuleGenerator } from '../src/lib/generate/module-files';
import { importTablesTs } from '../src/lib/import/tables-ts';
import { largeDesign } from './large-design';

const TARGET_MS = 2000;

function defaultRow(label: string, ms: number[]): void {
  const sorted = [...ms].sort((a, b) => a - b);
  const fmt = (n: number) => `${n.toFixed(1).padStart(8)} ms`;
  console.log(
    `${label.padEnd(44)} median ${fmt(sorted[Math.floor(sorted.length / 2)] as number)}   min ${fmt(sorted[0] as number)}   max ${fmt(sorted.at(-1) as number)}`,
  );
}

/** Times `importTablesTs` on a ≥ 1 MiB tables.ts; returns the median in ms. */
export async function benchImportTablesTs(row: (label: string, ms: number[]) => void = defaultRow): Promise<number> {
  const generator = new ModuleGenerator();
  let tables = 300;
  let files = await generator.generate(largeDesign(tables, 12), { skipMigration: true });
  const schemaOf = (fs: typeof files) => fs.find((f) => f.role === 'schema')?.content ?? '';
  while (schemaOf(files).length < 1024 * 1024) {
    tables = Math.ceil((tables * 1024 * 1024) / schemaOf(files).length) + 10;
    files = await generator.generate(largeDesign(tables, 12), { skipMigration: true });
  }
  const get = (role: string) => {
    const f = files.find((x) => x.role === role);
    return { path: f?.path ?? '', text: f?.content ?? '' };
  };
  const input = { tables: get('schema'), models: get('models') };
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const out = importTablesTs(input);
    ms.push(performance.now() - t0);
    if (!out.ok) throw new Error(out.messages.map((m) => m.message).join('\n'));
    if (Object.keys(out.design.tables).length !== tables) throw new Error('the import lost tables');
  }
  row(`tables.ts import, ${(input.tables.text.length / 1024 / 1024).toFixed(2)} MiB (${tables} tables)`, ms);
  const median = [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] as number;
  console.log(
    `target "1 MiB tables.ts imports under 2 s": ${median < TARGET_MS ? 'met' : 'MISSED'} (${median.toFixed(0)} ms)`,
  );
  return median;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchImportTablesTs();
