import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { safeFileStem } from './file-names';
import { moduleZip } from './module-zip';

describe('moduleZip', () => {
  it('puts every file under the module folder', () => {
    const bytes = moduleZip(
      [
        { path: 'manifest.yaml', content: 'id: MoLOS-Example\n' },
        { path: 'drizzle/0000_init.sql', content: 'CREATE TABLE `x` (…);' },
      ],
      'MoLOS-Example',
    );
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toEqual(['MoLOS-Example/drizzle/0000_init.sql', 'MoLOS-Example/manifest.yaml']);
    expect(strFromU8(entries['MoLOS-Example/drizzle/0000_init.sql']!)).toBe('CREATE TABLE `x` (…);');
  });
});

describe('safeFileStem', () => {
  it('keeps module ids and replaces what a file system may refuse', () => {
    expect(safeFileStem('MoLOS-Example')).toBe('MoLOS-Example');
    expect(safeFileStem('a/b:c')).toBe('a-b-c');
    expect(safeFileStem('..')).toBe('module');
  });
});
