import { describe, expect, it } from 'vitest';
import { importFixtureNames, loadImportFixture } from '../../../../fixtures/import/load';
import { importTablesTs } from '../../import/tables-ts/index';
import { generateModuleFiles } from '../module-files';
import { mergeModuleFiles } from './index';

describe('merging an unchanged import back into its files', () => {
  for (const name of importFixtureNames()) {
    it(`${name}: every file comes back byte for byte`, async () => {
      const f = loadImportFixture(name);
      const read = importTablesTs({ tables: f.tables, models: f.models, others: f.others }, { layout: f.layout });
      if (!read.ok) throw new Error(read.messages.map((m) => m.message).join('\n'));
      const existing = new Map([f.tables, ...(f.models ? [f.models] : []), ...f.others].map((s) => [s.path, s.text]));
      const generated = await generateModuleFiles(read.design, { layout: f.layout, skipMigration: true });
      const { files } = await mergeModuleFiles(read.design, f.layout, generated, existing);
      for (const file of files) {
        const before = existing.get(file.path);
        if (before !== undefined) expect(file.content, file.path).toBe(before);
      }
    });
  }
});
