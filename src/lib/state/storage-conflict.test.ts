/**
 * Two tabs on one design, as two sessions over one store: the store's compare-and-set keeps a tab from saving
 * over what the other saved, and either choice the user makes keeps both tabs' work.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDesign } from '../core/format';
import { Editor } from './editor.svelte';
import { Session } from './session.svelte';
import { type DesignStore, memoryDesignStore } from './storage';

const EXAMPLE = readFileSync('static/examples/molos-example.json', 'utf8');

beforeEach(() => {
  vi.stubGlobal('fetch', async () => new Response(EXAMPLE));
});
/** The sessions (tabs) a test started, disposed after it (as the page does when it goes away). */
const sessions: Session[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose();
  vi.unstubAllGlobals();
});

async function tab(store: DesignStore) {
  const editor = new Editor();
  const session = new Session(editor, '/examples/molos-example.json', { openStore: async () => store });
  sessions.push(session);
  await session.start();
  return { editor, session };
}

type Tab = Awaited<ReturnType<typeof tab>>;

/** An edit, handed to autosave as the page's effect would (effects do not run in Node). */
function edit(t: Tab, name: string) {
  t.editor.apply({ op: 'addTable', args: { name } });
  (t.session as unknown as { autosaver: { schedule(v: unknown): void } }).autosaver.schedule({
    id: t.session.currentId,
    design: t.editor.design,
  });
}

const tableNames = (file: string | undefined) => {
  const loaded = loadDesign(file ?? '');
  if (!loaded.ok) throw new Error('not a design');
  return Object.values(loaded.design.tables)
    .map((t) => t.name)
    .sort();
};

/** Both tabs open the same design; the first one edits and saves, then the second one edits. */
async function conflicting() {
  const store = memoryDesignStore();
  const one = await tab(store);
  const two = await tab(store);
  expect(two.session.currentId).toBe(one.session.currentId);
  const id = one.session.currentId!;

  edit(one, 'from_one');
  await vi.waitFor(() => expect(one.session.saveState.status).toBe('saved'));
  expect(tableNames((await store.get(id))?.file)).toContain('from_one');

  edit(two, 'from_two');
  await vi.waitFor(() => expect(two.session.saveState.status).toBe('failed'));
  return { store, one, two, id };
}

describe('two tabs on one design', () => {
  it('refuses to save over the other tab and offers the choices', async () => {
    const { store, two, id } = await conflicting();
    expect(tableNames((await store.get(id))?.file)).toEqual(['from_one', 'items']);
    expect(two.session.report).toMatchObject({
      key: 'conflict',
      tone: 'warning',
      title: '“Example” was changed in another tab',
      action: { label: 'Keep mine as a copy' },
      actions: [{ label: 'Load theirs (drop my changes)' }],
    });
    // Further edits are refused too: nothing lands on the other tab's version until the user chooses.
    edit(two, 'also_two');
    await vi.waitFor(() => expect(two.session.saveState.status).toBe('failed'));
    await new Promise((r) => setTimeout(r, 400));
    expect(tableNames((await store.get(id))?.file)).toEqual(['from_one', 'items']);
  });

  it('keeps this tab’s design as a new design, leaving the other tab’s as stored', async () => {
    const { store, two, id } = await conflicting();
    await two.session.keepMineAsCopy();
    expect(two.session.currentId).not.toBe(id);
    expect(two.session.report?.key).not.toBe('conflict');
    const copy = await store.get(two.session.currentId!);
    expect(copy?.name).toBe('Example (my copy)');
    expect(tableNames(copy?.file)).toEqual(['from_two', 'items']);
    expect(tableNames((await store.get(id))?.file)).toEqual(['from_one', 'items']);
    // The copy is saved as usual from now on.
    edit(two, 'later');
    await vi.waitFor(() => expect(two.session.saveState.status).toBe('saved'));
    expect(tableNames((await store.get(two.session.currentId!))?.file)).toEqual(['from_two', 'items', 'later']);
  });

  it('loads the other tab’s version on request, and saves on top of it afterwards', async () => {
    const { store, one, two, id } = await conflicting();
    await two.session.loadTheirs();
    expect(two.session.currentId).toBe(id);
    expect(Object.values(two.editor.design.tables).map((t) => t.name)).toContain('from_one');
    edit(two, 'after_reload');
    await vi.waitFor(() => expect(two.session.saveState.status).toBe('saved'));
    expect(tableNames((await store.get(id))?.file)).toEqual(['after_reload', 'from_one', 'items']);
    // Now the first tab is the one behind: its next save is refused in turn.
    edit(one, 'one_again');
    await vi.waitFor(() => expect(one.session.report?.key).toBe('conflict'));
    expect(tableNames((await store.get(id))?.file)).toEqual(['after_reload', 'from_one', 'items']);
  });
});
