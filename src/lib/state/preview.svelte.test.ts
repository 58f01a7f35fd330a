import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Design, emptyDesign } from '../core/design';
import { addTable, moveTables } from '../core/operations';
import type { GeneratedFile } from '../worker/protocol';
import type { SqlPreview } from '../worker/sql-preview-protocol';
import { Preview } from './preview.svelte';

/** Services whose calls the test answers by hand. */
function fakeServices() {
  const code: { design: Design; resolve: (f: GeneratedFile[]) => void; reject: (e: Error) => void }[] = [];
  const sql: { design: Design; safe: boolean; resolve: (p: SqlPreview) => void }[] = [];
  return {
    code,
    sql,
    services: {
      generator: {
        generate: (design: Design) =>
          new Promise<GeneratedFile[]>((resolve, reject) => code.push({ design, resolve, reject })),
        dispose: () => {},
      },
      sql: {
        preview: (design: Design, { safe }: { safe: boolean }) =>
          new Promise<SqlPreview>((resolve) => sql.push({ design, safe, resolve })),
        dispose: () => {},
      },
    },
  };
}

const files = (text: string): GeneratedFile[] => [{ path: 'tables.ts', role: 'schema', content: text }];
const flushPromises = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Preview', () => {
  const design = emptyDesign({ id: 'MoLOS-A' });

  it('computes at once while the worker is idle, and gathers edits made while it works', async () => {
    const { code, services } = fakeServices();
    const preview = new Preview(services, 150);
    preview.update(design);
    expect(code).toHaveLength(1);
    expect(preview.code.busy).toBe(true);
    code[0]!.resolve(files('v1'));
    await flushPromises();
    expect(preview.code).toEqual({ value: files('v1'), error: null, busy: false });

    const edited = addTable(design, { name: 'items' });
    preview.update(edited);
    expect(code).toHaveLength(2); // idle: at once
    const more = addTable(edited, { name: 'tags' });
    preview.update(more);
    preview.update(addTable(more, { name: 'notes' }));
    await vi.advanceTimersByTimeAsync(150);
    expect(code).toHaveLength(2); // busy: the latest design waits for the running request
    code[1]!.resolve(files('v2'));
    await flushPromises();
    expect(code).toHaveLength(3);
    expect(Object.values(code[2]!.design.tables).map((t) => t.name)).toEqual(['items', 'tags', 'notes']);
    expect(preview.code.value).toEqual(files('v1')); // v2 was already stale: never shown
    code[2]!.resolve(files('v3'));
    await flushPromises();
    expect(preview.code).toEqual({ value: files('v3'), error: null, busy: false });
  });

  it('catches up at once when asked (the panel was just shown)', async () => {
    const { code, services } = fakeServices();
    const preview = new Preview(services, 150);
    preview.update(design);
    code[0]!.resolve(files('v1'));
    await flushPromises();
    preview.update(addTable(design, { name: 'items' }), true);
    expect(code).toHaveLength(2);
  });

  it('does not recompute for a change that cannot affect the output', async () => {
    const { code, services } = fakeServices();
    const preview = new Preview(services, 150);
    const withTable = addTable(design, { name: 'items' });
    preview.update(withTable);
    code[0]!.resolve(files('v1'));
    await flushPromises();
    const id = Object.keys(withTable.tables)[0]!;
    preview.update(moveTables(withTable, { positions: { [id]: { x: 50, y: 50 } } }));
    await vi.advanceTimersByTimeAsync(200);
    expect(code).toHaveLength(1);
  });

  it('asks only the worker of the shown view, and the other one when the view changes', async () => {
    const { code, sql, services } = fakeServices();
    const preview = new Preview(services, 150);
    preview.show('database');
    preview.update(design);
    expect(code).toHaveLength(0);
    expect(sql).toHaveLength(1);
    expect(sql[0]!.safe).toBe(false);
    preview.setSafe(true);
    expect(sql).toHaveLength(1); // the first is still running: the newer input waits
    sql[0]!.resolve({} as SqlPreview);
    await flushPromises();
    expect(sql).toHaveLength(2);
    expect(sql[1]!.safe).toBe(true);
    expect(preview.sql.value).toBeNull(); // the stale result was not shown
    preview.show('tables');
    expect(code).toHaveLength(1);
  });

  it('keeps the last result with the error of a failed request, and retries', async () => {
    const { code, services } = fakeServices();
    const preview = new Preview(services, 150);
    preview.update(design);
    code[0]!.resolve(files('v1'));
    await flushPromises();
    preview.update(addTable(design, { name: 'x' }));
    await vi.advanceTimersByTimeAsync(150);
    code[1]!.reject(new Error('the generator worker failed: out of memory'));
    await flushPromises();
    expect(preview.code).toEqual({
      value: files('v1'),
      error: 'the generator worker failed: out of memory',
      busy: false,
    });
    preview.retry();
    expect(code).toHaveLength(3);
  });
});
