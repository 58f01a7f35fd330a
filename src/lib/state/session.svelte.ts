/**
 * The working session around the editor: which saved design is open, autosave into the design store, the
 * designs list, design files and exports. Nothing the user made is dropped silently: every edit is written at
 * once (edits made while a write runs are coalesced into the next one, see autosave.ts), so a crash loses at most
 * the write in flight; when the tab is hidden or closed, or another design opens, what is left is written and
 * flushed to the disk. A failed write keeps the last good version and says so, a damaged record is reported and
 * left as it is, and switching designs first saves the current one.
 */
import { moduleDisplayName, type Design } from '../core/design';
import { loadDesign, serializeDesign } from '../core/format';
import { EXAMPLES, exampleFileOf, exampleHref } from './examples';

export { EXAMPLES, type ExampleDesign } from './examples';
export type { NewDesignSource } from './session-library';
import { canPickFolders } from '../export/browser-folder';
import { pickFile } from '../export/download';
import { ModuleExport } from './module-export.svelte';
import type { ModuleGenerator } from '../worker/generator';
import { type AutosaveState, Autosaver } from './autosave';
import type { CommandContext } from './commands';
import type { Editor } from './editor.svelte';
import { followEdits, unsavedEdit, watchPage } from './session-autosave.svelte';
import { followUserEdits, staleAfterEdit } from './session-notices.svelte';
import {
  type NewDesignSource,
  downloadDesign,
  downloadRecord,
  newDesign,
  newRecord,
  readDesignFile,
} from './session-library';
import {
  type SessionReport,
  conflictReport,
  damagedDesignReport,
  errorText,
  repairedReport,
  saveFailedReport,
  storageUnavailableReport,
} from './session-reports';
import { SaveConflict, TabRevisions } from './session-tabs';
import {
  type DesignRecord,
  type DesignStore,
  type DesignSummary,
  describeStorageError,
  memoryDesignStore,
  summarize,
} from './storage';
import { openIdbDesignStore, requestPersistence } from './storage-idb';

interface Saved {
  id: string;
  design: Design;
}

export interface SessionOptions {
  /** Opens the design store (default: IndexedDB, falling back to memory when the browser refuses it). */
  openStore?: () => Promise<DesignStore>;
  /** Generates module files (default: a generator worker, started on the first export). */
  generator?: ModuleGenerator;
}

export class Session {
  files: CommandContext['files'] = $state(undefined);
  /** A problem that leaves nothing to show (the example could not be loaded). */
  error: string | null = $state(null);
  designs: DesignSummary[] = $state.raw([]);
  currentId: string | null = $state(null);
  saveState: AutosaveState = $state.raw({ status: 'saved', error: null, savedAt: null });
  /** False when the browser refused storage and designs live in memory only. */
  persistent = $state(true);
  report: SessionReport | null = $state.raw(null);

  readonly current: DesignSummary | undefined = $derived(this.designs.find((d) => d.id === this.currentId));
  readonly examples = EXAMPLES;
  /** The zip download and the folder export. */
  readonly exports: ModuleExport;

  private store: DesignStore = memoryDesignStore();
  private readonly autosaver: Autosaver<Saved>;
  private persistenceAsked = false;
  /** The stored revision of each design as this tab last read or wrote it, shared with the other tabs. */
  private readonly revisions = new TabRevisions();
  /** Another tab saved the open design after this tab read it: this tab's saves wait for the user's choice. */
  private conflict: DesignRecord | null = null;
  /** Undoes what `start` set up: the autosave effect, the page listeners and the channel (see dispose). */
  private readonly teardown: (() => void)[] = [];

  constructor(
    private readonly editor: Editor,
    private readonly exampleUrl: string,
    private readonly options: SessionOptions = {},
  ) {
    this.autosaver = new Autosaver<Saved>({
      save: (value, urgent) => this.write(value, urgent),
      same: (a, b) => a.id === b.id && a.design === b.design,
      describe: describeStorageError,
      onState: (state) => this.onSaveState(state),
    });
    this.exports = new ModuleExport(editor, (report) => this.show(report), options.generator);
  }

  /**
   * Opens the store and the last used design (or the example, the first time). Call once, in the browser.
   * `copy` (a design from a share link) opens instead, as a new design; the designs already stored stay as they are.
   */
  async start(copy?: { design: Design; name: string }): Promise<void> {
    this.files = {
      saveJson: () => this.saveJson(),
      openJson: () => void this.openJson(),
      exportZip: () => this.exports.exportZip(),
      ...(canPickFolders() ? { writeToFolder: () => this.exports.writeToFolder() } : {}),
    };
    await this.openStore();
    this.watch();
    try {
      await this.refresh();
      if (copy && (await this.adopt(copy.design, copy.name))) return;
      const last = await this.store.lastOpened();
      const record = last ? await this.store.get(last) : undefined;
      if (record && (await this.openRecord(record))) return;
      // The last design is gone or damaged (reported): open the most recent readable one, else the example.
      const readable = this.designs.find((d) => d.problems.length === 0 && d.id !== last);
      const fallback = readable ? await this.store.get(readable.id) : undefined;
      if (fallback && (await this.openRecord(fallback))) return;
      await this.createDesign({ kind: 'example', file: this.exampleFile() });
    } catch (e) {
      this.error = `The designer could not start: ${describeStorageError(e)}`;
    }
  }

  /**
   * Saves every change of the design as it happens, and writes what is left (to the disk) when the page is hidden
   * or left.
   */
  private watch(): void {
    this.teardown.push(
      followEdits(this.editor, (design) => {
        if (this.currentId) this.autosaver.schedule({ id: this.currentId, design });
      }),
      followUserEdits(this.editor, () => this.designEdited()),
    );
    if (typeof window === 'undefined') return; // Session tests run in Node.
    this.teardown.push(
      watchPage({
        flush: () => void this.autosaver.flush(),
        losesWork: () => this.saveState.status === 'failed' || (!this.persistent && this.editor.canUndo),
      }),
      this.revisions.listen((id, revision) => {
        if (id === this.currentId && this.revisions.isNewer(id, revision)) void this.otherTabSaved(id);
        else void this.refresh().catch(() => {});
      }),
    );
  }

  /**
   * Stops what `start` set up: autosave stops following the editor, the page listeners are removed and the
   * channel to the other tabs is closed. A write already running finishes; call `flush` first to write what is
   * waiting. For a page that goes away (and tests), so nothing keeps the session alive or acts on it later.
   */
  dispose(): void {
    for (const undo of this.teardown.splice(0).reverse()) undo();
  }

  private async otherTabSaved(id: string): Promise<void> {
    const stored = await this.store.get(id);
    // Another tab saving the design open here means this tab's view is out of date: say so at once, before an
    // edit here would be refused (saves compare revisions in the store, so nothing is overwritten either way).
    if (!stored || id !== this.currentId || !this.revisions.isNewer(id, stored.revision ?? 0)) return;
    this.showConflict(stored);
  }

  /** Shows the choices for a design another tab saved meanwhile: load that version, or keep this one as a copy. */
  private showConflict(stored: DesignRecord): void {
    this.conflict = stored;
    const unsaved = this.saveState.status !== 'saved';
    this.show(
      conflictReport(stored.name, unsaved, {
        loadTheirs: () => void this.loadTheirs(),
        keepMine: () => void this.keepMineAsCopy(),
      }),
    );
  }

  /** Resolves a conflict with the version the other tab stored (this tab's unsaved changes are dropped). */
  async loadTheirs(): Promise<void> {
    const id = this.conflict?.id ?? this.currentId;
    this.conflict = null;
    if (this.report?.key === 'conflict') this.report = null;
    const record = id ? await this.store.get(id) : undefined;
    if (!record) return;
    await this.openRecord(record);
    await this.refresh().catch(() => {});
  }

  /** Resolves a conflict by storing this tab's design as a new design; the other tab's version stays as stored. */
  async keepMineAsCopy(): Promise<void> {
    const name = this.conflict?.name ?? this.current?.name ?? moduleDisplayName(this.editor.design.module);
    this.conflict = null;
    if (this.report?.key === 'conflict') this.report = null;
    // Nothing of this tab may land on the other tab's record any more.
    this.autosaver.reset({ id: '', design: this.editor.design });
    await this.adopt(this.editor.design, `${name} (my copy)`);
  }

  /** Re-reads the designs list. */
  async refresh(): Promise<void> {
    this.designs = (await this.store.list()).map(summarize);
  }

  /** Opens a saved design, after saving the current one. Returns false when it could not be opened. */
  async open(id: string): Promise<boolean> {
    if (id === this.currentId) return true;
    if (!(await this.saveBeforeLeaving(() => void this.open(id)))) return false;
    // A report about the previous design would now be about the wrong one.
    if (this.report?.key === 'open') this.report = null;
    const record = await this.store.get(id);
    if (!record) {
      await this.refresh();
      return false;
    }
    return this.openRecord(record);
  }

  /** Creates a design (blank with one table, or from an example), stores it and opens it. */
  async createDesign(source: NewDesignSource): Promise<boolean> {
    if (!(await this.saveBeforeLeaving(() => void this.createDesign(source)))) return false;
    const made = await newDesign(source, (file) => this.exampleHref(file));
    if (!made.ok) return this.fail(made.message);
    return this.adopt(made.design, moduleDisplayName(made.design.module));
  }

  /** Opens a design from a share link as a new design, after saving the current one (which it never replaces). */
  async openCopy(design: Design, name: string): Promise<boolean> {
    if (!(await this.saveBeforeLeaving(() => void this.openCopy(design, name)))) return false;
    return this.adopt(design, name);
  }

  /** The address of an example file (next to the first-visit example). */
  exampleHref(file: string): string {
    return exampleHref(this.exampleUrl, file);
  }

  async rename(id: string, name: string): Promise<void> {
    await this.guard(async () => {
      if (id === this.currentId) await this.autosaver.flush();
      await this.store.rename(id, name);
    });
  }

  /** Copies a design (with the current one's latest changes) and lists the copy. */
  async duplicate(id: string): Promise<void> {
    await this.guard(async () => {
      if (id === this.currentId) await this.autosaver.flush();
      await this.store.duplicate(id);
    });
  }

  /** Deletes a design; deleting the open one opens the most recent other design (or a new blank one). */
  async remove(id: string): Promise<void> {
    await this.guard(async () => {
      if (id !== this.currentId) {
        await this.store.delete(id);
        return;
      }
      // Nothing of the deleted design may be written after this point: finish a running write, then stop.
      await this.autosaver.flush();
      this.currentId = null;
      this.autosaver.reset({ id: '', design: this.editor.design });
      try {
        await this.store.delete(id);
      } catch (e) {
        this.currentId = id;
        this.autosaver.reset({ id, design: this.editor.design });
        throw e;
      }
      await this.refresh();
      const next = this.designs.find((d) => d.problems.length === 0);
      const record = next ? await this.store.get(next.id) : undefined;
      if (!record || !(await this.openRecord(record))) {
        await this.createDesign({ kind: 'blank', moduleId: this.editor.design.module.id });
      }
    });
  }

  /** Downloads a saved design's file as stored (for a damaged one, to repair it by hand). */
  async downloadStored(id: string): Promise<void> {
    const record = await this.store.get(id);
    if (record) downloadRecord(record);
  }

  dismissReport(): void {
    this.report = null;
  }

  /** The user edited the design: a report about the design as it was (an export) goes. */
  designEdited(): void {
    if (staleAfterEdit(this.report)) this.report = null;
  }

  private saveJson(): void {
    downloadDesign(this.editor.design);
  }

  private async openJson(): Promise<void> {
    const file = await pickFile('.json,application/json');
    if (!file) return;
    const read = await readDesignFile(file);
    if (!read.ok) {
      this.show(read.report);
      return;
    }
    if (!(await this.adopt(read.design, read.name))) return;
    if (read.warnings.length > 0) this.show(repairedReport(file.name, read.warnings));
    // An earlier file's error is no longer about what is open.
    else if (this.report?.key === 'open') this.report = null;
  }

  /** Opens the store; when the browser refuses IndexedDB, keeps designs in memory and says so. */
  private async openStore(): Promise<void> {
    try {
      this.store = await (this.options.openStore ?? openIdbDesignStore)();
    } catch (e) {
      this.store = memoryDesignStore();
      this.persistent = false;
      this.show(storageUnavailableReport(describeStorageError(e)));
    }
  }

  private exampleFile(): string {
    return exampleFileOf(this.exampleUrl);
  }

  /** Stores a design as a new record and opens it. */
  private async adopt(design: Design, baseName: string): Promise<boolean> {
    const record = newRecord(
      design,
      baseName,
      this.designs.map((d) => d.name),
    );
    let stored = true;
    try {
      await this.store.put(record);
    } catch {
      stored = false;
    }
    this.designs = [summarize(record), ...this.designs];
    return this.openRecord(record, stored);
  }

  /**
   * Opens a record; `stored` false means the record is not in the store yet, so autosave writes it. An edit whose
   * save was cut short by a crash (see DesignStore.unsaved) opens with it, and is saved again at once.
   */
  private async openRecord(record: DesignRecord, stored = true): Promise<boolean> {
    const loaded = loadDesign(record.file);
    if (!loaded.ok) {
      this.show(damagedDesignReport(record.name, loaded.errors));
      return false;
    }
    const unsaved = stored ? await unsavedEdit(this.store, record) : null;
    this.currentId = record.id;
    this.revisions.read(record.id, stored ? (record.revision ?? 0) : 0);
    this.conflict = null;
    if (this.report?.key === 'conflict') this.report = null;
    this.editor.load(unsaved ?? loaded.design);
    const opened = { id: record.id, design: this.editor.design };
    if (stored) {
      this.autosaver.reset(unsaved ? { id: record.id, design: loaded.design } : opened, record.updatedAt || null);
      if (unsaved) this.autosaver.schedule(opened);
    } else {
      // Nothing stored to compare with: the write is tried again (and a failure reported) like any edit.
      this.autosaver.reset({ id: '', design: opened.design });
      this.autosaver.schedule(opened);
    }
    if (loaded.warnings.length > 0) this.show(repairedReport(record.name, loaded.warnings));
    try {
      await this.store.setLastOpened(record.id);
    } catch {
      // Only which design opens next time; the design itself is stored.
    }
    return true;
  }

  /**
   * Saves the open design before another one replaces it. When that fails the switch is refused, with an
   * action to switch anyway — losing the unsaved changes is the user's call, never a side effect.
   */
  private async saveBeforeLeaving(retry: () => void): Promise<boolean> {
    await this.autosaver.flush();
    if (this.saveState.status !== 'failed' || !this.currentId) return true;
    const name = this.current?.name ?? 'this design';
    this.show({
      ...saveFailedReport(
        name,
        this.saveState.error ?? 'unknown error',
        this.saveState.savedAt,
        () => void this.autosaver.retry(),
      ),
      action: {
        label: 'Discard changes and continue',
        run: () => {
          this.autosaver.reset({ id: this.currentId ?? '', design: this.editor.design });
          retry();
        },
      },
    });
    return false;
  }

  /**
   * Stores a design. `urgent` (page hidden or closing, another design opening) asks for a write that reaches the
   * disk; the writes made as the user edits only need to survive the browser crashing, which every completed
   * write does.
   */
  private async write(value: Saved, urgent: boolean): Promise<void> {
    const existing = this.designs.find((d) => d.id === value.id);
    if (this.conflict?.id === value.id) throw new SaveConflict(this.conflict);
    const outcome = await this.store.save(
      {
        id: value.id,
        name: existing?.name ?? moduleDisplayName(value.design.module),
        updatedAt: Date.now(),
        file: serializeDesign(value.design),
      },
      this.revisions.get(value.id) ?? null,
      { durable: urgent },
    );
    if (!outcome.ok) {
      if (value.id === this.currentId) this.conflict = outcome.stored;
      throw new SaveConflict(outcome.stored);
    }
    this.revisions.wrote(value.id, outcome.record.revision ?? 0);
    if (!this.persistenceAsked && this.persistent) {
      this.persistenceAsked = true;
      void requestPersistence();
    }
  }

  private onSaveState(state: AutosaveState): void {
    const previous = this.saveState;
    this.saveState = state;
    if (state.status === 'failed' && this.conflict) {
      this.showConflict(this.conflict);
    } else if (state.status === 'failed') {
      const name = this.current?.name ?? 'this design';
      this.show(
        saveFailedReport(name, state.error ?? 'unknown error', state.savedAt, () => void this.autosaver.retry()),
      );
    } else if (state.status === 'saved' && this.report?.key === 'save-failed') {
      this.report = null;
    }
    if (state.savedAt !== null && state.savedAt !== previous.savedAt && this.currentId) {
      const id = this.currentId;
      const moduleId = this.editor.design.module.id;
      this.designs = this.designs.map((d) => (d.id === id ? { ...d, updatedAt: state.savedAt ?? 0, moduleId } : d));
    }
  }

  /** Runs a list operation, reports a storage failure, and re-reads the list either way. */
  private async guard(run: () => Promise<void>): Promise<void> {
    try {
      await run();
      // The list changed as asked: an earlier failure to change it is no longer the news.
      if (this.report?.key === 'designs') this.report = null;
    } catch (e) {
      this.show({
        key: 'designs',
        tone: 'error',
        title: 'The designs list could not be changed',
        lines: [{ text: errorText(e) }],
      });
    }
    await this.refresh().catch(() => {});
  }

  private fail(message: string): false {
    if (this.currentId)
      this.show({ key: 'open', tone: 'error', title: 'Nothing was opened', lines: [{ text: message }] });
    else this.error = message;
    return false;
  }

  private show(report: SessionReport): void {
    this.report = report;
  }
}
