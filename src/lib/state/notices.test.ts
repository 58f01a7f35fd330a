/**
 * Notices go once what they report is resolved or the design moves on: the editor's refused-edit message, the
 * session's reports (see session-notices.svelte.ts for which ones and why).
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperationCall } from '../core/operations';
import { Editor } from './editor.svelte';
import { Session } from './session.svelte';
import { CLEARED_BY_EDIT, editDetector, staleAfterEdit } from './session-notices.svelte';
import type { SessionReport } from './session-reports';
import { type DesignStore, memoryDesignStore } from './storage';

const REFUSED: OperationCall = { op: 'updateTable', args: { tableId: 'nope', comment: 'x' } };
const REFUSAL = 'No table with id "nope".';

function refusedEditor() {
  const editor = new Editor();
  expect(editor.apply({ op: 'addTable', args: { id: 't1', name: 'items' } })).toBe(true);
  expect(editor.apply(REFUSED)).toBe(false);
  expect(editor.error).toBe(REFUSAL);
  return editor;
}

describe('editor.error', () => {
  it('goes with the next successful edit', () => {
    const editor = refusedEditor();
    editor.apply({ op: 'addTable', args: { name: 'more' } });
    expect(editor.error).toBeNull();
  });

  it('goes with an undo or a redo that changes the design, not with one that has nothing to do', () => {
    const editor = refusedEditor();
    editor.redo(); // nothing to redo: the message stays
    expect(editor.error).toBe(REFUSAL);
    editor.undo();
    expect(editor.error).toBeNull();
    expect(editor.apply(REFUSED)).toBe(false);
    editor.redo();
    expect(editor.error).toBeNull();
  });

  it('goes when the selection changes, and stays when the same thing is selected again', () => {
    const editor = refusedEditor();
    editor.select({ tableIds: [], relationIds: [], focus: null });
    expect(editor.error).toBe(REFUSAL);
    editor.select({ tableIds: ['t1'], focus: { kind: 'table', id: 't1' } });
    expect(editor.error).toBeNull();
    expect(editor.apply(REFUSED)).toBe(false);
    editor.select({ tableIds: ['t1'], focus: { kind: 'table', id: 't1' } });
    expect(editor.error).toBe(REFUSAL);
  });

  it('goes when a design is opened or replaced by a code edit', () => {
    const editor = refusedEditor();
    editor.replace({ ...editor.design }, 'Edit tables.ts');
    expect(editor.error).toBeNull();
    expect(editor.apply(REFUSED)).toBe(false);
    editor.load(editor.design);
    expect(editor.error).toBeNull();
  });
});

describe('editDetector', () => {
  it('sees operations, undo and redo; not an opened design or a recorded baseline', () => {
    const editor = new Editor();
    const edited = editDetector(editor.history);
    expect(edited(editor.history)).toBe(false);
    editor.apply({ op: 'addTable', args: { name: 'items' } });
    expect(edited(editor.history)).toBe(true);
    expect(edited(editor.history)).toBe(false); // the same history again
    editor.setBaseline(null);
    expect(edited(editor.history)).toBe(false);
    editor.undo();
    expect(edited(editor.history)).toBe(true);
    editor.redo();
    expect(edited(editor.history)).toBe(true);
    editor.load(editor.design);
    expect(edited(editor.history)).toBe(false);
    editor.replace({ ...editor.design }, 'Edit tables.ts'); // the same design: nothing recorded
    expect(edited(editor.history)).toBe(false);
    editor.replace({ ...editor.design, module: { ...editor.design.module, name: 'Renamed' } }, 'Edit tables.ts');
    expect(edited(editor.history)).toBe(true);
    editor.beginGesture('Move');
    editor.apply({ op: 'addTable', args: { name: 'dragged' } });
    expect(edited(editor.history)).toBe(false); // inside a gesture: one edit when it ends
    editor.endGesture();
    expect(edited(editor.history)).toBe(true);
  });
});

const report = (key: string): SessionReport => ({ key, tone: 'error', title: key, lines: [] });

describe('staleAfterEdit', () => {
  it('an edit makes export reports stale; damaged files, conflicts, failed saves, storage and list failures stay', () => {
    expect(CLEARED_BY_EDIT).toEqual(['export']);
    const keys = ['export', 'open', 'conflict', 'save-failed', 'storage', 'designs'];
    expect(keys.filter((k) => staleAfterEdit(report(k)))).toEqual(['export']);
    expect(staleAfterEdit(null)).toBe(false);
  });
});

describe('Session reports', () => {
  const EXAMPLE = readFileSync('static/examples/molos-example.json', 'utf8');
  const sessions: Session[] = [];
  beforeEach(() => vi.stubGlobal('fetch', async () => new Response(EXAMPLE)));
  afterEach(() => {
    for (const s of sessions.splice(0)) s.dispose();
    vi.unstubAllGlobals();
  });

  async function started(store: DesignStore = memoryDesignStore()) {
    const editor = new Editor();
    const session = new Session(editor, '/examples/molos-example.json', { openStore: async () => store });
    sessions.push(session);
    await session.start();
    return { editor, session };
  }

  it('"Nothing was exported" goes once the design is edited; storage and damaged-design reports stay', async () => {
    const { editor, session } = await started();
    // A module id the host refuses is an error: the export is refused and says why.
    editor.apply({ op: 'setModule', args: { id: 'Bad_id' } });
    await session.exports.exportZip();
    expect(session.report).toMatchObject({ key: 'export', tone: 'error', title: 'Nothing was exported' });
    // The page's effect calls designEdited after each edit (effects do not run in Node).
    editor.apply({ op: 'setModule', args: { id: 'MoLOS-Fixed' } });
    session.designEdited();
    expect(session.report).toBeNull();
    for (const key of ['storage', 'open']) {
      session.report = report(key);
      editor.apply({ op: 'addTable', args: { name: `again_${key}` } });
      session.designEdited();
      expect(session.report?.key).toBe(key);
    }
  });

  it('a failed change of the designs list is reported, and goes when the next change succeeds', async () => {
    const inner = memoryDesignStore();
    let failRename = true;
    const store: DesignStore = {
      ...inner,
      rename: async (id, name) => {
        if (failRename) throw new Error('disk full');
        return inner.rename(id, name);
      },
    };
    const { session } = await started(store);
    const id = session.currentId!;
    await session.rename(id, 'First');
    expect(session.report?.key).toBe('designs');
    expect(session.report?.title).toBe('The designs list could not be changed');
    failRename = false;
    await session.rename(id, 'Second');
    expect(session.report).toBeNull();
    expect(session.designs.find((d) => d.id === id)?.name).toBe('Second');
  });
});
