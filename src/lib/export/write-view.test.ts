import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { addEnumMember } from '$lib/core/operations';
import { generateMergedModuleFiles } from '$lib/generate/module-files';
import { loadExample } from '../../testing/examples';
import { memoryFolder } from './module-folder';
import { type MergeModuleFiles, planModuleWrite, writeModulePlan } from './module-plan';
import { planView } from './write-view';

const merge: MergeModuleFiles = (d, layout, existing) => generateMergedModuleFiles(d, { layout, existing });

describe('planView', () => {
  it('shows each variant’s cost and what each request would write', async () => {
    const SQL = await initSqlJs();
    const folder = memoryFolder('MoLOS-Tasks');
    const design = loadExample('molos-tasks');
    const first = await writeModulePlan(folder, await planModuleWrite({ design, folder, now: 1, SQL, merge }), 'auto');
    const edited = addEnumMember(
      { ...design, baseline: first.baseline },
      { enumId: 'e_task_status', value: 'blocked' },
    );
    const view = planView(await planModuleWrite({ design: edited, folder, now: 2, SQL, merge }));
    expect(view.migrationPath).toBe('drizzle/0001_alter_tasks.sql');
    expect(view.variants?.exact.problems).toContain('loses 3 of 3 rows of MoLOS-Tasks_task_tags in the dry run');
    expect(view.variants?.safe).toEqual({ problems: [], differs: true });
    expect(view.byRequest.auto.migration).toEqual({ path: 'drizzle/0001_alter_tasks.sql', variant: 'safe' });
    expect(view.byRequest.auto.errors).toBe(0);
    expect(view.byRequest.auto.dryRun[0]).toBe('Dry run on sample data: no rows lost or changed, schema as designed.');
    expect(view.byRequest.exact.migration?.variant).toBe('exact');
    expect(view.byRequest.exact.errors).toBeGreaterThan(0);
    expect(view.byRequest.exact.dryRun).toContain('MoLOS-Tasks_task_tags lost 3 of 3 sample rows.');
    expect(view.byRequest.exact.refusals).toEqual([]);
    expect(view.byRequest.auto.files.map((f) => `${f.action} ${f.path}`)).toContain('update src/models/index.ts');
    expect(view.byRequest.auto.writes).toBe(4); // SQL, snapshot, models file, journal
  });
});
