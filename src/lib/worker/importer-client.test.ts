import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportOutcome } from '../import/types';
import { FakeWorker } from './fake-worker';
import { createImporter } from './importer-client';

const start = () => new FakeWorker(new URL('file:///import-worker.ts'), { type: 'module' }) as unknown as Worker;

afterEach(() => {
  FakeWorker.instances = [];
  vi.useRealTimers();
});

const outcome: ImportOutcome = { ok: false, messages: [] };

describe('createImporter', () => {
  // issue 14: "Importing…" no longer waits forever on a hung import, and the next import does not queue behind it
  it('stops an import that does not answer in 30 s, says which file, and runs the next import in a new worker', async () => {
    vi.useFakeTimers();
    const importer = createImporter(start);
    const hung = importer.importFiles([{ path: 'tables.ts', text: '/**S-xp' }]).catch((e: Error) => e.message);
    const first = FakeWorker.instances[0]!;
    expect(first.requests[0]).toMatchObject({ type: 'import', files: [{ path: 'tables.ts' }] });
    first.dispatchEvent(
      new MessageEvent('message', {
        data: { id: first.requests[0]!.id, reading: { file: 'tables.ts', doing: 'parsing TypeScript' } },
      }),
    );
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await hung).toBe('tables.ts could not be read in 30 s (parsing TypeScript)');
    expect(first.terminated).toBe(true);

    const next = importer.importFiles([{ path: 'schema.sql', text: 'CREATE TABLE t (x);' }]);
    const second = FakeWorker.instances[1]!;
    expect(second).toBeDefined();
    second.reply({ id: second.requests[0]!.id, ok: true, result: outcome });
    await expect(next).resolves.toEqual(outcome);
  });

  it('names a picked folder until the worker names a file', async () => {
    vi.useFakeTimers();
    const importer = createImporter(start, 1);
    const files = [
      { path: 'MoLOS-Tasks/manifest.yaml', text: 'id: MoLOS-Tasks' },
      { path: 'MoLOS-Tasks/drizzle/0000_init.sql', text: '' },
    ];
    const hung = importer.importFiles(files).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await hung).toBe('MoLOS-Tasks/ could not be read in 1 s (reading it)');
  });
});

describe('parseTables', () => {
  it('sends the editor text to the tables.ts importer alone and returns its outcome', async () => {
    const importer = createImporter(start);
    const input = { tables: { path: 'lib/server/db/schema/tables.ts', text: 'export {}' } };
    const parsed = importer.parseTables(input, { moduleId: 'MoLOS-X' });
    const worker = FakeWorker.instances[0]!;
    expect(worker.requests[0]).toMatchObject({ type: 'tables-ts', input, options: { moduleId: 'MoLOS-X' } });
    worker.reply({ id: worker.requests[0]!.id, ok: true, result: outcome });
    await expect(parsed).resolves.toEqual(outcome);
  });
});
