/**
 * The next migration against the real drizzle-kit: random designs, exported, then edited one random step at a
 * time; after each step drizzle-kit runs on the module folder (holding the migrations so far) and must write
 * exactly our next migration and the same snapshot.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { generateModuleFiles } from '../generate/module-files';
import { buildDesign, designPlan } from '../../testing/arbitraries';
import { drizzleKitGenerate, removeDir, tempDir, writeFiles, writeModule } from '../../testing/module-folder';
import { randomEdit, rng } from '../../testing/random-edits';
import { parseJournal, parseSnapshot } from './folder-format';
import { EMPTY_FOLDER, type MigrationFolder, nextMigration } from './next-migration';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

function readFolder(dir: string): MigrationFolder {
  const meta = join(dir, 'drizzle/meta');
  const snapshots: MigrationFolder['snapshots'] = {};
  for (const f of readdirSync(meta).filter((x) => x.endsWith('_snapshot.json')))
    snapshots[f] = parseSnapshot(f, readFileSync(join(meta, f), 'utf8'));
  return {
    journal: parseJournal('_journal.json', readFileSync(join(meta, '_journal.json'), 'utf8')),
    snapshots,
    sqlFiles: readdirSync(join(dir, 'drizzle')).filter((f) => f.endsWith('.sql')),
  };
}

const withoutIds = (text: string) => {
  const { id: _id, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};

it('matches drizzle-kit on random edit sequences', async () => {
  const plans = fc.sample(designPlan, { numRuns: 5, seed: 314 });
  let compared = 0;
  for (const [p, plan] of plans.entries()) {
    let design: Design = buildDesign({ ...plan, layout: 'legacy' });
    const dir = tempDir('next-dk');
    dirs.push(dir);
    const first = nextMigration(design, EMPTY_FOLDER, { now: 1 });
    writeFiles(dir, first.files);
    design = { ...design, baseline: first.baseline };
    const r = rng(1000 + p);
    for (let step = 1; step <= 8; step++) {
      const edit = randomEdit(design, r, step);
      const ours = nextMigration(edit.design, readFolder(dir), { now: step + 1 });
      const files = await generateModuleFiles(edit.design, { skipMigration: true, layout: 'legacy' });
      writeModule(dir, files, design.module.id, 'legacy', true);
      const log = await drizzleKitGenerate(dir);
      if (ours.kind === 'unchanged') {
        expect(log, `${edit.label}`).toContain('No schema changes');
        continue;
      }
      const after = readFolder(dir);
      const theirTag = after.journal?.entries.at(-1)?.tag as string;
      expect(theirTag.slice(0, 4), edit.label).toBe(ours.tag.slice(0, 4));
      const theirs = readFileSync(join(dir, 'drizzle', `${theirTag}.sql`), 'utf8');
      expect(ours.sql, `step ${step}: ${edit.label}`).toBe(theirs);
      const theirSnapshot = readFileSync(join(dir, 'drizzle/meta', `${theirTag.slice(0, 4)}_snapshot.json`), 'utf8');
      expect(withoutIds(ours.files[1]?.content ?? ''), edit.label).toEqual(withoutIds(theirSnapshot));
      // Continue from our own files (drizzle-kit's differ only in random ids and names).
      removeDir(join(dir, 'drizzle', `${theirTag}.sql`));
      writeFiles(dir, ours.files);
      design = { ...edit.design, baseline: ours.baseline };
      compared++;
      if (process.env.SHOW_EDITS) console.log(step, edit.label, ours.tag, ours.statements.map((s) => s.type).join(','));
    }
  }
  expect(compared).toBeGreaterThan(8);
});
