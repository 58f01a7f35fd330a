import { describe, expect, it } from 'vitest';
import { emptyDesign } from '$lib/core/design';
import { serializeDesign } from '$lib/core/format';
import {
  compareAndSet,
  copyName,
  createDesignStore,
  describeStorageError,
  freeName,
  memoryDesignStore,
  newDesignId,
  readRecord,
  summarize,
} from './storage';

const file = serializeDesign(emptyDesign({ id: 'MoLOS-Notes' }));
const record = (id: string, name: string, updatedAt: number) => ({ id, name, updatedAt, file });

describe('memoryDesignStore', () => {
  it('lists records most recently edited first', async () => {
    const store = memoryDesignStore();
    await store.put(record('a', 'Old', 1));
    await store.put(record('b', 'New', 3));
    await store.put(record('c', 'Middle', 2));
    expect((await store.list()).map((r) => r.name)).toEqual(['New', 'Middle', 'Old']);
  });

  it('gets, replaces and deletes by id', async () => {
    const store = memoryDesignStore();
    await store.put(record('a', 'A', 1));
    await store.put({ ...record('a', 'A', 2), file: 'changed' });
    expect(await store.get('a')).toEqual({ id: 'a', name: 'A', updatedAt: 2, file: 'changed' });
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('keeps its own copies: changing a returned record changes nothing stored', async () => {
    const store = memoryDesignStore();
    const r = record('a', 'A', 1);
    await store.put(r);
    r.name = 'changed';
    (await store.get('a'))!.name = 'changed too';
    expect((await store.get('a'))?.name).toBe('A');
  });

  it('renames without touching the design or its last-edited time', async () => {
    const store = memoryDesignStore();
    await store.put(record('a', 'A', 5));
    expect(await store.rename('a', '  Renamed  ')).toEqual({ ...record('a', 'Renamed', 5) });
    await expect(store.rename('a', '   ')).rejects.toThrow('A design needs a name.');
    await expect(store.rename('missing', 'x')).rejects.toThrow('There is no saved design with id "missing".');
  });

  it('duplicates under a new id and a free "(copy)" name', async () => {
    const store = memoryDesignStore(() => 99);
    await store.put(record('a', 'Notes', 5));
    const first = await store.duplicate('a');
    const second = await store.duplicate('a');
    expect(first).toMatchObject({ name: 'Notes (copy)', updatedAt: 99, file });
    expect(second.name).toBe('Notes (copy 2)');
    expect(new Set([first.id, second.id, 'a']).size).toBe(3);
    expect(await store.list()).toHaveLength(3);
  });

  it('remembers the last opened design and forgets it when that design is deleted', async () => {
    const store = memoryDesignStore();
    expect(await store.lastOpened()).toBeNull();
    await store.put(record('a', 'A', 1));
    await store.setLastOpened('a');
    expect(await store.lastOpened()).toBe('a');
    await store.delete('a');
    expect(await store.lastOpened()).toBeNull();
  });

  it('lists a damaged value with stand-ins instead of failing', async () => {
    const store = memoryDesignStore();
    await store.backend.put(record('good', 'Good', 2));
    // Written around the store, as a damaged database or another program would leave it.
    await (store.backend.put as (r: unknown) => Promise<void>)({ id: 'bad', file: { not: 'text' } });
    const bad = (await store.list()).find((r) => r.id === 'bad');
    expect(bad).toEqual({ id: 'bad', name: 'Untitled design', updatedAt: 0, file: '{"not":"text"}' });
  });
});

describe('readRecord', () => {
  it('uses the key it is stored under as the id', () => {
    expect(readRecord('k', { id: 'other', name: 'N', updatedAt: 1, file: 'f' })).toEqual({
      id: 'k',
      name: 'N',
      updatedAt: 1,
      file: 'f',
    });
  });

  it('turns any value into a record whose file text shows what was found', () => {
    expect(readRecord('k', 42)).toEqual({ id: 'k', name: 'Untitled design', updatedAt: 0, file: '42' });
    expect(readRecord('k', null).file).toBe('null');
  });
});

describe('summarize', () => {
  it('gives the module id of a valid record', () => {
    expect(summarize(record('a', 'A', 1))).toEqual({
      id: 'a',
      name: 'A',
      updatedAt: 1,
      moduleId: 'MoLOS-Notes',
      problems: [],
    });
  });

  it('gives the JSON path of what is wrong in a damaged record', () => {
    const parsed = JSON.parse(file);
    parsed.design.module.id = 42;
    const s = summarize({ ...record('a', 'A', 1), file: JSON.stringify(parsed) });
    expect(s.moduleId).toBeNull();
    expect(s.problems).toEqual([{ path: '$.design.module.id', message: 'expected string, got 42' }]);
  });
});

describe('copyName', () => {
  it('counts up past taken names and does not stack "(copy)"', () => {
    expect(copyName('A', new Set())).toBe('A (copy)');
    expect(copyName('A', new Set(['A (copy)']))).toBe('A (copy 2)');
    expect(copyName('A (copy)', new Set(['A (copy)']))).toBe('A (copy 2)');
    expect(copyName('A (copy 2)', new Set(['A (copy)', 'A (copy 2)']))).toBe('A (copy 3)');
  });
});

describe('freeName', () => {
  it('numbers a name that is taken', () => {
    expect(freeName('Example', new Set())).toBe('Example');
    expect(freeName('Example', new Set(['Example', 'Example 2']))).toBe('Example 3');
    expect(freeName('  ', new Set())).toBe('Untitled design');
  });
});

describe('newDesignId', () => {
  it('makes distinct ids', () => {
    const ids = new Set(Array.from({ length: 100 }, newDesignId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^d_[0-9a-z]{12}$/);
  });
});

describe('describeStorageError', () => {
  it('says in plain words what the browser refused', () => {
    expect(describeStorageError(new DOMException('x', 'QuotaExceededError'))).toBe(
      'the browser’s storage for this site is full',
    );
    expect(describeStorageError(new DOMException('x', 'SecurityError'))).toMatch(/private window/);
    expect(describeStorageError(new Error('disk on fire'))).toBe('disk on fire');
    expect(describeStorageError('odd')).toBe('odd');
  });
});

describe('compareAndSet (saving over what another tab may have stored)', () => {
  const mine = { ...record('a', 'Mine', 5), file: 'my file' };

  it('writes the first save of a record with revision 1', () => {
    expect(compareAndSet(undefined, mine, null)).toEqual({ ok: true, record: { ...mine, revision: 1 } });
  });

  it('writes over the revision it read, with the next revision and the stored name', () => {
    const stored = { ...record('a', 'Renamed elsewhere', 1), file: 'old', revision: 3 };
    expect(compareAndSet(stored, mine, 3)).toEqual({
      ok: true,
      record: { ...mine, name: 'Renamed elsewhere', revision: 4 },
    });
  });

  it('refuses when another save came in between, and hands back what it stored', () => {
    const theirs = { ...record('a', 'Theirs', 2), file: 'their file', revision: 4 };
    expect(compareAndSet(theirs, mine, 3)).toEqual({ ok: false, stored: theirs });
  });

  it('has nothing to write when the stored file is already this one', () => {
    const same = { ...record('a', 'Mine', 2), file: 'my file', revision: 7 };
    expect(compareAndSet(same, mine, 3)).toEqual({ ok: true, record: same });
  });

  it('reads records from before revisions as revision 0, and writes a deleted record back', () => {
    const old = { ...record('a', 'Old', 1), file: 'old' };
    expect(compareAndSet(old, mine, 0)).toMatchObject({ ok: true, record: { revision: 1 } });
    expect(compareAndSet(old, mine, 2)).toMatchObject({ ok: false });
    expect(compareAndSet(undefined, mine, 6)).toEqual({ ok: true, record: { ...mine, revision: 7 } });
  });

  it('overwrites whatever is stored when no revision is expected', () => {
    const theirs = { ...record('a', 'Theirs', 2), file: 'their file', revision: 9 };
    expect(compareAndSet(theirs, mine, null)).toMatchObject({ ok: true, record: { file: 'my file', revision: 10 } });
  });
});

describe('DesignStore.save', () => {
  it('lets one of two tabs that read the same revision win, and tells the other', async () => {
    const store = memoryDesignStore();
    await store.put({ ...record('a', 'A', 1), revision: 1 });
    const first = await store.save({ ...record('a', 'A', 2), file: 'tab one' }, 1);
    const second = await store.save({ ...record('a', 'A', 3), file: 'tab two' }, 1);
    expect(first).toMatchObject({ ok: true, record: { revision: 2, file: 'tab one' } });
    expect(second).toMatchObject({ ok: false, stored: { revision: 2, file: 'tab one' } });
    expect(await store.get('a')).toMatchObject({ file: 'tab one', revision: 2 });
  });

  it('does not write an unchanged file again', async () => {
    const store = memoryDesignStore();
    await store.put({ ...record('a', 'A', 1), revision: 4 });
    expect(await store.save(record('a', 'A', 9), 2)).toMatchObject({ ok: true, record: { revision: 4, updatedAt: 1 } });
    expect(await store.get('a')).toMatchObject({ updatedAt: 1, revision: 4 });
  });

  it('passes a durable request on to the storage engine (autosave asks for it when the page is left)', async () => {
    const { backend } = memoryDesignStore();
    const asked: (boolean | undefined)[] = [];
    const store = createDesignStore({
      ...backend,
      update: (id, change, options) => {
        asked.push(options?.durable);
        return backend.update(id, change, options);
      },
    });
    await store.save(record('a', 'A', 1), null);
    await store.save({ ...record('a', 'A', 2), file: 'v2' }, 1, { durable: true });
    expect(asked).toEqual([undefined, true]);
    expect(await store.get('a')).toMatchObject({ file: 'v2', revision: 2 });
  });

  it('keeps the revision through a rename and starts a duplicate at 0', async () => {
    const store = memoryDesignStore();
    await store.put({ ...record('a', 'A', 1), revision: 5 });
    expect(await store.rename('a', 'B')).toMatchObject({ name: 'B', revision: 5 });
    expect(await store.duplicate('a')).toMatchObject({ name: 'B (copy)', revision: 0 });
  });
});

describe('DesignStore.unsaved (the write-ahead copy)', () => {
  /** A store over `backend` whose record writes never finish: the browser dies before they commit. */
  const crashing = (backend: ReturnType<typeof memoryDesignStore>['backend']) =>
    createDesignStore({ ...backend, update: () => new Promise(() => {}) });

  // issue 14: the edit is found after a crash that came before the record's write committed.
  it('gives back the file of a save that was cut short after its copy was written', async () => {
    const { backend } = memoryDesignStore();
    const first = createDesignStore(backend);
    await first.put({ ...record('a', 'A', 1), file: 'v1', revision: 3 });
    void crashing(backend).save({ ...record('a', 'A', 2), file: 'v2' }, 3);
    await new Promise((r) => setTimeout(r, 0));
    const reopened = createDesignStore(backend);
    const stored = (await reopened.get('a'))!;
    expect(stored).toMatchObject({ file: 'v1', revision: 3 });
    expect(await reopened.unsaved(stored)).toBe('v2');
    // Still there until a save finishes: a second crash before that does not lose it.
    expect(await reopened.unsaved(stored)).toBe('v2');
    await reopened.save({ ...record('a', 'A', 3), file: 'v2' }, 3);
    expect(await reopened.unsaved((await reopened.get('a'))!)).toBeNull();
    expect(await backend.getMeta('unsaved:a')).toBeUndefined();
  });

  it('gives nothing after a save that finished, and drops the copy', async () => {
    const store = memoryDesignStore();
    await store.put({ ...record('a', 'A', 1), file: 'v1', revision: 1 });
    await store.save({ ...record('a', 'A', 2), file: 'v2' }, 1);
    expect(await store.backend.getMeta('unsaved:a')).toEqual({ file: 'v2', base: 1 });
    expect(await store.unsaved((await store.get('a'))!)).toBeNull();
    expect(await store.backend.getMeta('unsaved:a')).toBeUndefined();
  });

  it('ignores a copy written over a revision another tab has saved over since', async () => {
    const { backend } = memoryDesignStore();
    const store = createDesignStore(backend);
    await store.put({ ...record('a', 'A', 1), file: 'v1', revision: 1 });
    void crashing(backend).save({ ...record('a', 'A', 2), file: 'this tab' }, 1);
    await new Promise((r) => setTimeout(r, 0));
    await store.save({ ...record('a', 'A', 3), file: 'other tab' }, 1);
    expect(await store.unsaved((await store.get('a'))!)).toBeNull();
  });

  it('drops the copy of a save that failed (the tab reports it and still holds the edit)', async () => {
    const { backend } = memoryDesignStore();
    const failing = createDesignStore({
      ...backend,
      update: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
    });
    await failing.put({ ...record('a', 'A', 1), file: 'v1', revision: 1 });
    await expect(failing.save({ ...record('a', 'A', 2), file: 'v2' }, 1)).rejects.toThrow('full');
    expect(await backend.getMeta('unsaved:a')).toBeUndefined();
  });

  it('deleting a design deletes its copy', async () => {
    const { backend } = memoryDesignStore();
    await backend.put({ ...record('a', 'A', 1), file: 'v1', revision: 1 });
    void crashing(backend).save({ ...record('a', 'A', 2), file: 'v2' }, 1);
    await new Promise((r) => setTimeout(r, 0));
    await createDesignStore(backend).delete('a');
    expect(await backend.getMeta('unsaved:a')).toBeUndefined();
  });
});

describe('rename', () => {
  it('does not undo a save that lands at the same moment (one transaction, revision kept)', async () => {
    const store = memoryDesignStore();
    await store.put({ id: 'd1', name: 'A', updatedAt: 1, file: 'v1', revision: 1 });
    const [, saved] = await Promise.all([
      store.rename('d1', 'Renamed'),
      store.save({ id: 'd1', name: 'A', updatedAt: 2, file: 'v2' }, 1),
    ]);
    expect(saved.ok).toBe(true);
    expect(await store.get('d1')).toMatchObject({ name: 'Renamed', file: 'v2', revision: 2 });
    expect((await store.save({ id: 'd1', name: 'Renamed', updatedAt: 3, file: 'v3' }, 2)).ok).toBe(true);
  });
});
