import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Editor } from './editor.svelte';
import { Session } from './session.svelte';
import { type DesignStore, type WriteOptions, createDesignStore, memoryDesignStore } from './storage';

const EXAMPLES: Record<string, string> = {
  '/examples/molos-example.json': readFileSync('static/examples/molos-example.json', 'utf8'),
  '/examples/molos-tasks.json': readFileSync('static/examples/molos-tasks.json', 'utf8'),
};

beforeEach(() => {
  vi.stubGlobal('fetch', async (url: string) =>
    EXAMPLES[url] ? new Response(EXAMPLES[url]) : new Response('missing', { status: 404, statusText: 'Not Found' }),
  );
});
/** The sessions a test started, disposed after it (as the page does when it goes away). */
const sessions: Session[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
  vi.unstubAllGlobals();
});

/**
 * A memory store that records each save (the tables it writes, and whether it asked for the disk) and can hold
 * or fail them.
 */
function recordingStore() {
  const inner = memoryDesignStore();
  const saves: { tables: string[]; durable: boolean }[] = [];
  let hold: Promise<void> | null = null;
  let fail: (() => Error) | null = null;
  const store: DesignStore = {
    ...inner,
    async save(record, expected, options?: WriteOptions) {
      const tables = Object.values(
        (JSON.parse(record.file) as { design: { tables: Record<string, { name: string }> } }).design.tables,
      ).map((t) => t.name);
      saves.push({ tables, durable: options?.durable ?? false });
      if (hold) await hold;
      if (fail) throw fail();
      return inner.save(record, expected, options);
    },
  };
  return {
    store,
    saves,
    holdSaves() {
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      return () => {
        hold = null;
        release();
      };
    },
    failSaves: (f: (() => Error) | null) => (fail = f),
  };
}

/** An edit, handed to autosave as the page's effect would (effects do not run in Node). */
function edit(editor: Editor, session: Session, table: string) {
  editor.apply({ op: 'addTable', args: { name: table } });
  (session as unknown as { autosaver: { schedule(v: unknown): void } }).autosaver.schedule({
    id: session.currentId,
    design: editor.design,
  });
}

const storedTables = async (store: DesignStore, id: string) =>
  Object.values(
    (JSON.parse((await store.get(id))!.file) as { design: { tables: Record<string, { name: string }> } }).design.tables,
  )
    .map((t) => t.name)
    .sort();

async function started(store: DesignStore = memoryDesignStore()) {
  const editor = new Editor();
  const session = new Session(editor, '/examples/molos-example.json', { openStore: async () => store });
  sessions.push(session);
  await session.start();
  return { editor, session, store };
}

describe('Session', () => {
  it('starts with the example as a new saved design the first time', async () => {
    const { editor, session, store } = await started();
    expect(editor.design.module.id).toBe('MoLOS-Example');
    const [record] = await store.list();
    expect(record?.name).toBe('Example');
    expect(session.currentId).toBe(record?.id);
    expect(await store.lastOpened()).toBe(record?.id);
    expect(session.designs.map((d) => [d.name, d.moduleId])).toEqual([['Example', 'MoLOS-Example']]);
    expect(session.files?.writeToFolder).toBeUndefined(); // No File System Access API here.
  });

  it('reopens the design used last', async () => {
    const first = await started();
    await first.session.createDesign({ kind: 'example', file: 'molos-tasks.json' });
    const again = await started(first.store);
    expect(again.editor.design.module.id).toBe('MoLOS-Tasks');
    expect(again.session.designs.map((d) => d.name).sort()).toEqual(['Example', 'Tasks']);
  });

  it('reports a damaged last design with its JSON path, keeps it as stored and opens another', async () => {
    const first = await started();
    await first.session.createDesign({ kind: 'blank', moduleId: 'MoLOS-Notes' });
    const damaged = (await first.store.get(first.session.currentId!))!;
    const file = JSON.parse(damaged.file);
    file.design.module.id = 42;
    await first.store.put({ ...damaged, file: JSON.stringify(file) });

    const again = await started(first.store);
    expect(again.session.report?.title).toBe('The saved design “Notes” is damaged and could not be opened');
    expect(again.session.report?.lines[0]).toMatchObject({
      path: '$.design.module.id',
      text: 'expected string, got 42',
    });
    expect(again.editor.design.module.id).toBe('MoLOS-Example');
    expect((await first.store.get(damaged.id))?.file).toBe(JSON.stringify(file));
    expect(again.session.designs.find((d) => d.id === damaged.id)?.problems).toHaveLength(1);
  });

  it('keeps working in memory, and says so, when the browser refuses storage', async () => {
    const editor = new Editor();
    const session = new Session(editor, '/examples/molos-example.json', {
      openStore: () => Promise.reject(new DOMException('blocked', 'SecurityError')),
    });
    await session.start();
    expect(session.persistent).toBe(false);
    expect(session.report?.title).toBe('Designs are not saved in this browser');
    expect(editor.design.module.id).toBe('MoLOS-Example');
  });

  it('creates a blank design with one table that follows the MoLOS rules', async () => {
    const { editor, session } = await started();
    await session.createDesign({ kind: 'blank', moduleId: 'MoLOS-Notes' });
    expect(editor.design.module.id).toBe('MoLOS-Notes');
    expect(Object.values(editor.design.tables).map((t) => t.name)).toEqual(['items']);
    expect(editor.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(session.current?.name).toBe('Notes');
  });

  it('saves the open design before switching, and switches with editor.load', async () => {
    const { editor, session, store } = await started();
    const exampleId = session.currentId!;
    editor.apply({ op: 'addTable', args: { name: 'extra' } });
    // Autosave runs from an effect in the page; here the change is handed over as the effect would.
    (session as unknown as { autosaver: { schedule(v: unknown): void } }).autosaver.schedule({
      id: exampleId,
      design: editor.design,
    });
    await session.createDesign({ kind: 'blank', moduleId: 'MoLOS-Notes' });
    expect((await store.get(exampleId))?.file).toContain('"name": "extra"');
    await session.open(exampleId);
    expect(Object.values(editor.design.tables).map((t) => t.name)).toContain('extra');
    expect(editor.canUndo).toBe(false);
  });

  it('renames, duplicates and deletes, opening another design when the open one is deleted', async () => {
    const { editor, session, store } = await started();
    const exampleId = session.currentId!;
    await session.rename(exampleId, 'Renamed');
    await session.duplicate(exampleId);
    expect(session.designs.map((d) => d.name).sort()).toEqual(['Renamed', 'Renamed (copy)']);
    const copyId = session.designs.find((d) => d.name === 'Renamed (copy)')!.id;

    await session.remove(exampleId);
    expect(session.currentId).toBe(copyId);
    expect(await store.get(exampleId)).toBeUndefined();

    await session.remove(copyId);
    expect(session.designs).toHaveLength(1);
    expect(Object.values(editor.design.tables).map((t) => t.name)).toEqual(['items']);
  });

  // issue 14: the edit reaches the store in the same task as the change, not 300 ms later, so a crash right
  // after it finds the write already under way.
  it('hands an edit to the store at once, as an ordinary (not disk-flushed) write', async () => {
    const r = recordingStore();
    const { editor, session } = await started(r.store);
    const before = r.saves.length;
    edit(editor, session, 'at_once');
    expect(r.saves.slice(before)).toEqual([{ tables: ['items', 'at_once'], durable: false }]);
    await vi.waitFor(() => expect(session.saveState.status).toBe('saved'));
    expect(await storedTables(r.store, session.currentId!)).toEqual(['at_once', 'items']);
  });

  // issue 14: edits made during a write are not each written: the newest one is, right after.
  it('coalesces edits made during a write, and flushes what is left to the disk before switching designs', async () => {
    const r = recordingStore();
    const { editor, session } = await started(r.store);
    const id = session.currentId!;
    const before = r.saves.length;
    const release = r.holdSaves();
    edit(editor, session, 'one');
    edit(editor, session, 'two');
    edit(editor, session, 'three');
    expect(session.saveState.status).toBe('pending');
    const switched = session.createDesign({ kind: 'blank', moduleId: 'MoLOS-Notes' });
    release();
    expect(await switched).toBe(true);
    expect(r.saves.slice(before, before + 2)).toEqual([
      { tables: ['items', 'one'], durable: false },
      { tables: ['items', 'one', 'two', 'three'], durable: true },
    ]);
    expect(await storedTables(r.store, id)).toEqual(['items', 'one', 'three', 'two']);
  });

  // issue 14: a crash after the write-ahead copy but before the record's write: the next start opens the edit
  // and stores it, as a normal save over the revision it was made on.
  it('reopens an edit whose save a crash cut short, and saves it', async () => {
    const first = await started();
    const id = first.session.currentId!;
    const revision = (await first.store.get(id))!.revision ?? 0;
    const backend = (first.store as ReturnType<typeof memoryDesignStore>).backend;
    // The tab that crashed: its record writes never finish.
    const crashed = createDesignStore({ ...backend, update: () => new Promise(() => {}) });
    const editor = new Editor();
    const session = new Session(editor, '/examples/molos-example.json', { openStore: async () => crashed });
    await session.start();
    edit(editor, session, 'cut_short');
    await new Promise((r) => setTimeout(r, 0));
    expect(await storedTables(first.store, id)).toEqual(['items']);

    const again = await started(createDesignStore(backend));
    expect(Object.values(again.editor.design.tables).map((t) => t.name)).toEqual(['items', 'cut_short']);
    await vi.waitFor(() => expect(again.session.saveState.status).toBe('saved'));
    expect(await storedTables(first.store, id)).toEqual(['cut_short', 'items']);
    expect((await first.store.get(id))?.revision).toBe(revision + 1);
    expect(await backend.getMeta(`unsaved:${id}`)).toMatchObject({ base: revision });
    // Opened once more, the copy is known to be saved: nothing is recovered twice.
    const third = await started(createDesignStore(backend));
    expect(third.session.saveState.status).toBe('saved');
    expect(await backend.getMeta(`unsaved:${id}`)).toBeUndefined();
  });

  it('reports a failed save, keeps the edit, and writes it when the store works again', async () => {
    const r = recordingStore();
    const { editor, session } = await started(r.store);
    const id = session.currentId!;
    r.failSaves(() => new DOMException('full', 'QuotaExceededError'));
    edit(editor, session, 'kept');
    await vi.waitFor(() => expect(session.saveState.status).toBe('failed'));
    expect(session.saveState.error).toBe('the browser’s storage for this site is full');
    expect(session.report?.title).toBe('Changes to “Example” are not saved');
    expect(await storedTables(r.store, id)).toEqual(['items']);
    r.failSaves(null);
    session.report?.action?.run();
    await vi.waitFor(() => expect(session.saveState.status).toBe('saved'));
    expect(await storedTables(r.store, id)).toEqual(['items', 'kept']);
    expect(session.report).toBeNull();
  });

  it('refuses to export a design that would produce broken code or SQL', async () => {
    const generate = vi.fn();
    const editor = new Editor();
    const session = new Session(editor, '/examples/molos-example.json', {
      openStore: async () => memoryDesignStore(),
      generator: { generate, dispose: () => {} },
    });
    await session.start();
    // Two columns named `id`: SQLite refuses the table.
    editor.apply({ op: 'updateColumn', args: { columnId: 'c_items_user_id', patch: { name: 'id' } } });
    await session.files?.exportZip();
    expect(generate).not.toHaveBeenCalled();
    expect(session.report?.lines[0]?.text).toMatch(/^The design would produce broken code or SQL \(\d+ errors?\):/);
  });

  it('shows the example’s problems when even the example cannot be loaded', async () => {
    const editor = new Editor();
    const session = new Session(editor, '/examples/missing.json', { openStore: async () => memoryDesignStore() });
    await session.start();
    expect(session.error).toBe('The example missing.json could not be loaded: 404 Not Found');
  });
});
