/**
 * The SQL panel and the Problems tab agree: with the module targeting the current host, a design the rules find
 * nothing wrong with shows no finding in the SQL panel either (drizzle-kit's ON UPDATE on every foreign key is
 * the older host's concern only); targeting the older host brings its warnings back into the SQL panel.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Design, TargetHost } from '$lib/core/design';
import { setModule } from '$lib/core/operations';
import { checkDesign } from '$lib/core/rules';
import { exampleNames, loadExample } from '../../testing/examples';
import { sqlPreview } from './sql-preview';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

const targeting = (design: Design, host: TargetHost): Design => setModule(design, { host });

describe('sqlPreview and the target host', () => {
  it('the same design: ON UPDATE warnings for the older host, none for the current one', () => {
    const tasks = loadExample('molos-tasks');
    const codes = (host: TargetHost) =>
      sqlPreview(SQL, targeting(tasks, host), { safe: false, only: 'sql' }).initial.findings.map(
        (f) => `${f.chunk}:${f.severity}:${f.code}`,
      );
    expect(codes('current')).toEqual([]);
    expect(sqlPreview(SQL, targeting(tasks, 'older'), { safe: false, only: 'sql' }).initial.host).toBe('older');
    const { host: _absent, ...module } = tasks.module;
    expect(sqlPreview(SQL, { ...tasks, module }, { safe: false, only: 'sql' }).initial.host).toBe('current');
    expect(codes('older')).toEqual(['6:warning:on-update-clause', '8:warning:on-update-clause']);
  });

  it.each(exampleNames())('%s: "No problems" in the Problems tab means no finding in the SQL panel', (name) => {
    const design = targeting(loadExample(name), 'current');
    const blocking = checkDesign(design).filter((i) => i.severity !== 'info');
    const findings = sqlPreview(SQL, design, { safe: false, only: 'sql' }).initial.findings;
    // Every example follows the rules, and its 0000 has nothing for the SQL panel to report.
    expect(blocking.map((i) => i.code)).toEqual([]);
    expect(findings).toEqual([]);
  });
});
