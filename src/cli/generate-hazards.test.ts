/**
 * `generate` on the migration hazards of issue 14: a column made NOT NULL over NULLs (B17), and a migration that
 * drops values, which is written only with `--accept-loss`. The command is called as main.ts calls it.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Design } from '../lib/core/design';
import { loadDesign, serializeDesign } from '../lib/core/format';
import { deleteColumn, updateColumn } from '../lib/core/operations';
import { loadExample } from '../testing/examples';
import { removeDir, tempDir } from '../testing/module-folder';
import { type GenerateOptions, generate } from './generate';
import { CliError } from './io';
import { run as runCli } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** Runs `generate`; the exit code as main.ts would give it (a CliError's code). */
async function run(file: string, opts: GenerateOptions) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd: '/' };
  try {
    const code = await generate(io, file, opts);
    return { code, stdout, stderr };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { code: e.exitCode, stdout, stderr: stderr + e.message };
  }
}

/** The tasks example written into a fresh module folder; the design file then holds its baseline. */
async function exported(): Promise<{ file: string; out: string; design: () => Design }> {
  const dir = tempDir('gen-hazards');
  dirs.push(dir);
  const file = join(dir, 'design.json');
  const out = join(dir, 'module');
  writeFileSync(file, serializeDesign(loadExample('molos-tasks')));
  expect((await run(file, { out, now: 1000 })).code).toBe(0);
  const design = () => {
    const r = loadDesign(readFileSync(file, 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.design;
  };
  return { file, out, design };
}

const sqlFiles = (out: string) => readdirSync(join(out, 'drizzle')).filter((f) => f.endsWith('.sql'));

describe('generate and the hazards of issue 14', () => {
  // issue 14: `generate --safe` exited 0 and wrote a migration that fails on the first NULL of a real install.
  it('B17 without a default: --safe writes nothing and exits 1, naming the failure and both ways out', async () => {
    const { file, out, design } = await exported();
    writeFileSync(
      file,
      serializeDesign(updateColumn(design(), { columnId: 'c_daily_log_mood', patch: { notNull: true } })),
    );
    const r = await run(file, { out, now: 2000, safe: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(r.stderr).toMatch(/fails in the dry run: NOT NULL constraint failed: __new_MoLOS-Tasks_daily_log\.mood/);
    expect(r.stdout).toContain('Either give mood a default');
    expect(r.stdout).toContain('UPDATE `MoLOS-Tasks_daily_log` SET `mood` = <value> WHERE `mood` IS NULL;');
    expect(sqlFiles(out)).toEqual(['0000_init.sql']);
  });

  // issue 14: a deleted column's values went with a warning only.
  it('a dropped column is refused (exit 1) until --accept-loss, then written with the loss stated', async () => {
    const { file, out, design } = await exported();
    writeFileSync(file, serializeDesign(deleteColumn(design(), { columnId: 'c_tasks_notes' })));
    const refused = await run(file, { out, now: 2000 });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'would drop MoLOS-Tasks_tasks.notes (2 sample values): their values would be lost.',
    );
    expect(refused.stderr).toContain('`molos-schema generate --accept-loss`');
    expect(refused.stdout).toContain('dry run: MoLOS-Tasks_tasks.notes is dropped with 2 sample values');
    expect(sqlFiles(out)).toEqual(['0000_init.sql']);

    const accepted = await run(file, { out, now: 2000, acceptLoss: true });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(
      'warning: drops MoLOS-Tasks_tasks.notes (2 sample values): values lost, as accepted (--accept-loss)',
    );
    const written = sqlFiles(out);
    expect(written).toHaveLength(2);
    expect(readFileSync(join(out, 'drizzle', written[1] as string), 'utf8')).toBe(
      'ALTER TABLE `MoLOS-Tasks_tasks` DROP COLUMN `notes`;',
    );
    // Confirmed once: the module is now as designed, so the next run writes nothing and asks nothing.
    const again = await run(file, { out, now: 3000 });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No schema changes: no migration written.');
    expect(sqlFiles(out)).toHaveLength(2);
  });

  // issue 14: the flag as a user types it.
  it('molos-schema generate --accept-loss writes the drop; without it, exit 1', async () => {
    const { file, out, design } = await exported();
    writeFileSync(file, serializeDesign(deleteColumn(design(), { columnId: 'c_tasks_notes' })));
    const io = { stdout: () => {}, stderr: () => {}, cwd: '/' };
    expect(await runCli(['generate', file, '--out', out], io)).toBe(1);
    expect(sqlFiles(out)).toEqual(['0000_init.sql']);
    expect(await runCli(['generate', file, '--out', out, '--accept-loss'], io)).toBe(0);
    expect(sqlFiles(out)).toHaveLength(2);
    expect(readFileSync(join(out, 'drizzle', sqlFiles(out)[1]!), 'utf8')).toContain('DROP COLUMN `notes`');
  });
});
