/** `--host current|older` on the commands that analyse migrations, and the design's own setting as the default. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TargetHost } from '../lib/core/design';
import { serializeDesign } from '../lib/core/format';
import { loadExample } from '../testing/examples';
import { removeDir, tempDir } from '../testing/module-folder';
import { run } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: '/' });
  return { code, stdout, stderr };
}

/** The Tasks example (foreign keys: drizzle-kit writes ON UPDATE on each) saved with the given host setting. */
function designFile(host: TargetHost | undefined): string {
  const dir = tempDir('host-flag');
  dirs.push(dir);
  const example = loadExample('molos-tasks');
  const module = { ...example.module };
  if (host) module.host = host;
  else delete module.host;
  const file = join(dir, 'design.json');
  writeFileSync(file, serializeDesign({ ...example, module }));
  return file;
}

const onUpdateLines = (text: string) => text.split('\n').filter((l) => / on-update-clause /.test(l));

describe('generate --host', () => {
  it('the design that targets the current host gets no ON UPDATE warning; --host older adds them', async () => {
    const file = designFile(undefined);
    const out = join(file, '../module');
    const plain = await cli(['generate', file, '--out', out, '--dry-run']);
    expect(plain.code).toBe(0);
    expect(onUpdateLines(plain.stdout)).toEqual([]);

    const older = await cli(['generate', file, '--out', out, '--dry-run', '--host', 'older']);
    expect(older.code).toBe(0);
    expect(onUpdateLines(older.stdout)).toEqual([
      'warning on-update-clause             drizzle/0000_init.sql chunk 6: MoLOS-Tasks_task_tags has 2 ON UPDATE clauses: the current host runs it, but the older MoLOS host refuses it because it reads the word after UPDATE ("no", "cascade" …) as an unprefixed table name.',
      'warning on-update-clause             drizzle/0000_init.sql chunk 8: MoLOS-Tasks_tasks has 2 ON UPDATE clauses: the current host runs it, but the older MoLOS host refuses it because it reads the word after UPDATE ("no", "cascade" …) as an unprefixed table name.',
    ]);
  });

  it("defaults to the design's setting, which --host current overrides without rewriting the design file", async () => {
    const file = designFile('older');
    const out = join(file, '../module');
    const before = readFileSync(file, 'utf8');
    expect(onUpdateLines((await cli(['generate', file, '--out', out, '--dry-run'])).stdout)).toHaveLength(2);
    const written = await cli(['generate', file, '--out', out, '--host', 'current']);
    expect(written.code).toBe(0);
    expect(onUpdateLines(written.stdout)).toEqual([]);
    // The baseline is recorded; the module's own host setting is not changed by the flag.
    expect(JSON.parse(readFileSync(file, 'utf8')).design.module).toEqual(JSON.parse(before).design.module);
  });

  it('refuses an unknown host before planning anything', async () => {
    const file = designFile(undefined);
    expect(await cli(['generate', file, '--out', join(file, '../module'), '--host', 'new'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'molos-schema: --host must be "current" or "older", got "new"\n',
    });
    // sql prints no findings (the older host's are warnings, which never change its choice): no --host there.
    const sql = await cli(['sql', file, '--host', 'older']);
    expect(sql).toMatchObject({ code: 2, stdout: '' });
    expect(sql.stderr.split('\n')[0]).toBe('molos-schema: sql does not take --host');
  });
});
