/**
 * The 0000 migrations our own generator writes for the bundled examples. Decision: for a module that targets the
 * current host they carry no finding at all; for one that must also run on the older host, only
 * `on-update-clause` warnings — drizzle-kit (and so our byte-identical generator) writes `ON UPDATE no action`
 * on every foreign key, which the current host runs and only the older host's checker refused. Nothing else.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDesign } from '../../core/format';
import { INITIAL_TAG, initialMigrationSql } from '../migration-files';
import { analyzeMigration } from './analyze';
import { splitMigration } from './split';

const EXAMPLES = resolve(import.meta.dirname, '../../../../static/examples');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

describe('our generated 0000 migrations', () => {
  it('there are examples to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s: no finding for the current host', (file) => {
    const loaded = loadDesign(readFileSync(join(EXAMPLES, file), 'utf8'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const sql = initialMigrationSql(loaded.design);
    const input = { name: `${INITIAL_TAG}.sql`, sql, moduleId: loaded.design.module.id };
    expect(analyzeMigration(input)).toEqual([]);
    expect(analyzeMigration({ ...input, host: 'current' })).toEqual([]);
  });

  it.each(files)('%s, older host: only on-update-clause warnings, one per CREATE TABLE with foreign keys', (file) => {
    const loaded = loadDesign(readFileSync(join(EXAMPLES, file), 'utf8'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const sql = initialMigrationSql(loaded.design);
    const findings = analyzeMigration({
      name: `${INITIAL_TAG}.sql`,
      sql,
      moduleId: loaded.design.module.id,
      host: 'older',
    });

    for (const f of findings) expect([f.code, f.severity]).toEqual(['on-update-clause', 'warning']);
    // Exactly the chunks whose statement has an FK clause, counted independently of the analyzer.
    const withFk = splitMigration(sql)
      .filter((c) => c.raw.includes('FOREIGN KEY'))
      .map((c) => [c.index, c.raw.split('ON UPDATE').length - 1]);
    expect(findings.map((f) => [f.chunk, f.params.count])).toEqual(withFk);
  });

  it('the Tasks example has foreign keys, so the decision above is exercised', () => {
    const loaded = loadDesign(readFileSync(join(EXAMPLES, 'molos-tasks.json'), 'utf8'));
    if (!loaded.ok) throw new Error('molos-tasks.json does not load');
    const sql = initialMigrationSql(loaded.design);
    const findings = analyzeMigration({ name: '0000_init.sql', sql, moduleId: loaded.design.module.id, host: 'older' });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.code === 'on-update-clause')).toBe(true);
  });
});
