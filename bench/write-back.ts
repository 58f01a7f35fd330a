/**
 * Write-back benchmark: a 300-table module written by the studio (code and first migration) is imported, then
 * planned back into its folder — unchanged, and after a one-column edit. Times the merge into the existing code
 * (read back, paired, edited in place, checked) and the whole plan (merge, next migration in both variants,
 * safety analysis and the dry runs on sample data). Called from bench/run.ts.
 */
import { performance } from 'node:perf_hooks';
import initSqlJs from 'sql.js';
import { addColumn } from '../src/lib/core/operations';
import { memoryFolder } from '../src/lib/export/module-folder';
import { planModuleWrite } from '../src/lib/export/module-plan';
import { readCodeFiles } from '../src/lib/export/read-code-files';
import { ModuleGenerator } from '../src/lib/generate/module-files';
import { importModuleFolder } from '../src/lib/import/module-folder/index';
import { largeDesign } from './large-design';

export async function writeBackBench(row: (label: string, ms: number[]) => void): Promise<void> {
  const generator = new ModuleGenerator();
  const source = largeDesign(300, 12);
  const files = await generator.generate(source, { now: 1 });
  const SQL = await initSqlJs();
  const imported = await importModuleFolder(
    files.map((f) => ({ path: f.path, text: f.content })),
    { loadSqlJs: async () => SQL },
  );
  if (!imported.ok) throw new Error(imported.messages.map((m) => m.message).join('\n'));
  const design = imported.design;
  const folder = memoryFolder('MoLOS-Large', Object.fromEntries(files.map((f) => [f.path, f.content])));
  const existing = await readCodeFiles(folder, design.module.layout);
  const tableId = Object.keys(design.tables)[150] as string;

  const timed = async (label: string, runs: number, fn: (i: number) => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn(i);
      ms.push(performance.now() - t0);
    }
    row(label, ms);
  };
  const merge = (d: typeof design) => generator.generateMerged(d, { existing });
  await timed('merge into the existing code, unchanged', 3, () => merge(design));
  await timed('merge after a one-column edit', 3, (i) =>
    merge(addColumn(design, { tableId, name: `extra_${i}`, type: 'integer' })),
  );
  const plan = (d: typeof design) =>
    planModuleWrite({
      design: d,
      folder,
      now: 2,
      SQL,
      merge: (x, layout, ex) => generator.generateMerged(x, { layout, existing: ex }),
    });
  await timed('whole write plan, unchanged', 3, () => plan(design));
  await timed('whole write plan after a one-column edit (dry runs)', 3, (i) =>
    plan(addColumn(design, { tableId, name: `extra_${i}`, type: 'integer' })),
  );
}
