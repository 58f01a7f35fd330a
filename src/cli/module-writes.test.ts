/**
 * `generate` writes inside the module folder only (issue 14, item 3): never through a symbolic link, never over
 * a file under drizzle/ other than the journal, and never on a journal that disagrees with the files; a changed
 * module id is said, since the studio never rewrites manifest.yaml.
 */
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Design } from '../lib/core/design';
import { loadDesign, serializeDesign } from '../lib/core/format';
import { addColumn, addEnumMember, setModule } from '../lib/core/operations';
import { REPO, removeDir, tempDir } from '../testing/module-folder';
import { run } from './main';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: REPO });
  return { code, stdout, stderr };
}

function editDesign(file: string, edit: (d: Design) => Design): void {
  const r = loadDesign(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  writeFileSync(file, serializeDesign(edit(r.design)));
}

/** The example module generated into `<scratch>/module`, with a design file that knows it, and a place outside. */
async function generated(prefix: string) {
  const dir = tempDir(prefix);
  dirs.push(dir);
  const design = join(dir, 'design.json');
  writeFileSync(design, readFileSync(join(REPO, 'static/examples/molos-example.json')));
  const out = join(dir, 'module');
  const r = await cli(['generate', design, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  return { dir, design, out, outside };
}

/** Every entry under `dir` (links as `-> target`, files by their bytes), to show that nothing changed anywhere. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) out[path] = `-> ${readlinkSync(join(dir, path))}`;
      else if (e.isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path)).toString('hex');
    }
  };
  walk('');
  return out;
}

const addRank = (d: Design) => addColumn(d, { tableId: 't_items', name: 'rank', type: 'integer' });
/** Changes tables.ts, the models file (the enum lives there) and adds a migration. */
const addRankAndStatus = (d: Design) =>
  addEnumMember(addRank(d), { enumId: 'e_item_status', id: 'm_archived', key: 'ARCHIVED', value: 'archived' });

describe('symbolic links in the module folder', () => {
  const cases: { what: string; link: string; folder: boolean }[] = [
    { what: 'tables.ts', link: 'lib/server/db/schema/tables.ts', folder: false },
    { what: 'the models file', link: 'lib/models/index.ts', folder: false },
    { what: 'drizzle/', link: 'drizzle', folder: true },
    { what: 'drizzle/meta', link: 'drizzle/meta', folder: true },
  ];
  for (const c of cases) {
    // issue 14: generate followed a linked file or folder and overwrote what it points to, outside the module
    it(`${c.what} linked to a place outside the module: refused, naming the link; nothing written anywhere`, async () => {
      const { dir, design, out, outside } = await generated('writes-link');
      // The real file (or folder) moves outside; the module keeps a link to it.
      const target = join(outside, c.link.split('/').at(-1)!);
      renameSync(join(out, c.link), target);
      symlinkSync(target, join(out, c.link), c.folder ? 'dir' : 'file');
      editDesign(design, addRankAndStatus);
      const before = tree(dir);
      const r = await cli(['generate', design, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `^molos-schema: ${c.link.replace(/[/.]/g, '\\$&')} is a symbolic link, so writing \\S+ could change a file outside the module folder ${out.replace(/[/.]/g, '\\$&')}; nothing was written\\n$`,
        ),
      );
      expect(tree(dir)).toEqual(before);
    });
  }
});

describe('a journal that disagrees with the files of drizzle/', () => {
  /** The module after a second migration (0001), whose journal then loses its last entry. */
  async function shortJournal() {
    const m = await generated('writes-journal');
    editDesign(m.design, addRank);
    expect((await cli(['generate', m.design, '--out', m.out])).code).toBe(0);
    const journalPath = join(m.out, 'drizzle/meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
    journal.entries.pop();
    writeFileSync(journalPath, JSON.stringify(journal, null, 2));
    editDesign(m.design, (d) => addColumn(d, { tableId: 't_items', name: 'weight', type: 'integer' }));
    return m;
  }

  // issue 14: a journal missing its last entry must stop the write before anything is written
  it('missing its last entry (0001 .sql and snapshot exist): refused, naming the snapshot; every byte kept', async () => {
    const { dir, design, out } = await shortJournal();
    const sql = readdirSync(join(out, 'drizzle')).filter((f) => f.endsWith('.sql'));
    expect(sql).toEqual(['0000_init.sql', '0001_add_items_rank.sql']);
    const before = tree(dir);
    const message =
      `${out}/drizzle/meta/0001_snapshot.json is the snapshot of migration 0001, which drizzle/meta/_journal.json does not list: ` +
      'drizzle-kit writes the two together, so the journal lost its entry. Restore the entry (e.g. from version control) or remove the snapshot.';
    for (const args of [['--dry-run'], []]) {
      const r = await cli(['generate', design, '--out', out, ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`molos-schema: nothing was written:\n  ${message}\n`);
    }
    const since = await cli(['sql', design, '--since', out]);
    expect({ code: since.code, stdout: since.stdout, stderr: since.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: `molos-schema: ${message}\n`,
    });
    expect(tree(dir)).toEqual(before);
  });

  // issue 14: an entry whose migration file is gone, and two migrations with one number, are refused too
  it('an entry without its .sql, or two .sql files with the same number: refused before anything is written', async () => {
    const { dir, design, out } = await generated('writes-journal-2');
    editDesign(design, addRank);
    rmSync(join(out, 'drizzle/0000_init.sql'));
    let before = tree(dir);
    let r = await cli(['generate', design, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `molos-schema: nothing was written:\n  ${out}/drizzle/meta/_journal.json lists the migration 0000_init, but drizzle/0000_init.sql does not exist: drizzle's migrator would stop on it. Put the file back or remove the entry.\n`,
    );
    expect(tree(dir)).toEqual(before);

    // A fresh module with a hand-written migration that takes the first one's number.
    const first = await generated('writes-journal-3');
    editDesign(first.design, addRank);
    writeFileSync(
      join(first.out, 'drizzle/0000_extra.sql'),
      'CREATE INDEX `x_idx` ON `MoLOS-Example_items` (`title`);',
    );
    before = tree(first.dir);
    r = await cli(['generate', first.design, '--out', first.out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `molos-schema: nothing was written:\n  ${first.out}/drizzle/0000_extra.sql and drizzle/0000_init.sql have the same number 0000: the journal and the host cannot tell them apart by number. Renumber one of them.\n`,
    );
    expect(tree(first.dir)).toEqual(before);
  });

  // issue 14 (kept from issue 10): a hand-written migration after the journal's last entry, without a snapshot, is
  // journaled by the next write, which takes the number after it
  it('a hand-written migration past the journal gets its entry, and the next one a number after every file', async () => {
    const { design, out } = await generated('writes-journal-4');
    editDesign(design, addRank);
    writeFileSync(
      join(out, 'drizzle/0004_by_hand.sql'),
      'CREATE INDEX `by_hand_idx` ON `MoLOS-Example_items` (`title`);',
    );
    const r = await cli(['generate', design, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'drizzle')).sort()).toEqual([
      '0000_init.sql',
      '0004_by_hand.sql',
      '0005_add_items_rank.sql',
      'meta',
    ]);
    expect(readdirSync(join(out, 'drizzle/meta')).sort()).toEqual([
      '0000_snapshot.json',
      '0005_snapshot.json',
      '_journal.json',
    ]);
    const journal = JSON.parse(readFileSync(join(out, 'drizzle/meta/_journal.json'), 'utf8'));
    expect(journal.entries.map((e: { tag: string }) => e.tag)).toEqual([
      '0000_init',
      '0004_by_hand',
      '0005_add_items_rank',
    ]);
  });
});

describe('a changed module id', () => {
  // issue 14: every table got the new prefix while manifest.yaml kept the old id, without a word
  it('with manifest.yaml still naming the old id: refused, naming both ids and what to change by hand', async () => {
    const { dir, design, out } = await generated('writes-id');
    editDesign(design, (d) => setModule(d, { id: 'MoLOS-Renamed' }));
    const before = tree(dir);
    const refusal =
      'The design\'s module id changed from "MoLOS-Example" (its last export) to "MoLOS-Renamed", so every table would get the prefix "MoLOS-Renamed_" (the migration renames them), ' +
      `but ${out}/manifest.yaml still says id: MoLOS-Example, and the studio never rewrites manifest.yaml. ` +
      'To rename the module, change its id in manifest.yaml to "MoLOS-Renamed" by hand (the host loads the module by that id), then write again; or set the design\'s module id back to "MoLOS-Example".';
    for (const args of [['--dry-run'], []]) {
      const r = await cli(['generate', design, '--out', out, ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`molos-schema: nothing was written:\n  ${refusal}\n`);
    }
    expect(tree(dir)).toEqual(before);
    // Once the manifest says the new id, the write renames every table.
    const manifest = join(out, 'manifest.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('id: MoLOS-Example', 'id: MoLOS-Renamed'));
    const r = await cli(['generate', design, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('module id changed');
    const renamed = readdirSync(join(out, 'drizzle')).find((f) => f.startsWith('0001_'))!;
    expect(readFileSync(join(out, 'drizzle', renamed), 'utf8')).toContain(
      'ALTER TABLE `MoLOS-Example_items` RENAME TO `MoLOS-Renamed_items`;',
    );
  });

  // issue 14: where no manifest says otherwise, the write goes ahead with a warning naming both ids
  it('without a manifest to check: a warning in the plan, in the dry run and the write alike', async () => {
    const { design, out } = await generated('writes-id-2');
    rmSync(join(out, 'manifest.yaml'));
    editDesign(design, (d) => setModule(d, { id: 'MoLOS-Renamed' }));
    const warning =
      'warning manifest.yaml: The design\'s module id changed from "MoLOS-Example" (its last export) to "MoLOS-Renamed", so every table would get the prefix "MoLOS-Renamed_" (the migration renames them). ' +
      'The studio never rewrites an existing manifest.yaml: where the module\'s manifest.yaml still says id: MoLOS-Example, change it to "MoLOS-Renamed" by hand, ' +
      'or the host loads the module as "MoLOS-Example" while its tables are named for "MoLOS-Renamed".\n';
    const dry = await cli(['generate', design, '--out', out, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(warning);
    const r = await cli(['generate', design, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(warning);
  });
});
