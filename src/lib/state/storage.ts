/**
 * Where saved designs live, behind a small interface: IndexedDB in the page (storage-idb.ts), memory in tests and
 * when the browser refuses storage. A record holds the design as its serialized file text, so what is stored is
 * exactly what "Save design file" writes, and every read goes through the same validation (`loadDesign`).
 */
import { type FormatProblem, loadDesign } from '../core/format';

export interface DesignRecord {
  id: string;
  /** The user's label for the design (not the module id). */
  name: string;
  /** Last edit, in ms since the epoch. */
  updatedAt: number;
  /** The serialized design file (`serializeDesign`). */
  file: string;
  /**
   * How many times the design was saved (0 when never, or stored before revisions existed). Each save raises it,
   * so a tab can tell that another tab saved the same design after it last read it (`save`).
   */
  revision?: number;
}

/**
 * How hard a write tries to reach the disk. Every completed write survives the browser crashing (the data is
 * handed to the operating system); a `durable` one is also flushed to the disk before it completes, so it survives
 * the machine losing power — at the cost of a disk flush per write, so it is kept for the moments that need it.
 */
export interface WriteOptions {
  durable?: boolean;
}

/** What `save` did: wrote the record (with its new revision), or refused because another save came first. */
export type SaveOutcome = { ok: true; record: DesignRecord } | { ok: false; stored: DesignRecord };

export interface DesignStore {
  /** All records, most recently edited first. */
  list(): Promise<DesignRecord[]>;
  get(id: string): Promise<DesignRecord | undefined>;
  put(record: DesignRecord): Promise<void>;
  /**
   * Saves a design's new file only if the stored record still has the revision this tab read (`expected`; null:
   * write whatever is stored). Compare and write happen in one transaction, so of two tabs saving the same
   * revision one wins and the other is told, with the record that won. The stored name is kept (renames go
   * through `rename`).
   *
   * That transaction needs a trip to storage and back (read, then write) before it can commit, and the way back
   * waits for the page's main thread, busy right after an edit. So the file is first written ahead, on its own,
   * in one trip (see `unsaved`): a crash before the record is written still finds the edit.
   */
  save(record: DesignRecord, expected: number | null, options?: WriteOptions): Promise<SaveOutcome>;
  /**
   * The newer version of a design that a save wrote ahead but that never reached the record (the browser
   * crashed in between): its file text, or null. A copy that is not newer — the save finished, or another tab
   * saved since, so it was written over an older revision — is dropped.
   */
  unsaved(record: DesignRecord): Promise<string | null>;
  /** Changes the label only; the design and its last-edited time stay. */
  rename(id: string, name: string): Promise<DesignRecord>;
  /** A copy under a new id, named "<name> (copy)". */
  duplicate(id: string): Promise<DesignRecord>;
  delete(id: string): Promise<void>;
  /** The design opened last, to reopen on start. */
  lastOpened(): Promise<string | null>;
  setLastOpened(id: string | null): Promise<void>;
}

/** The raw operations a storage engine provides; `createDesignStore` builds the rest on top. */
export interface StoreBackend {
  /** Every stored value (possibly damaged), with the key it is stored under. */
  all(): Promise<{ key: string; value: unknown }[]>;
  get(id: string): Promise<unknown>;
  put(record: DesignRecord): Promise<void>;
  /**
   * Reads the value stored under `id` (undefined when none) and, in the same transaction, stores what `change`
   * returns for it (nothing when it returns null). Resolves with `change`'s answer once the write is complete.
   */
  update(
    id: string,
    change: (stored: unknown) => DesignRecord | null,
    options?: WriteOptions,
  ): Promise<DesignRecord | null>;
  delete(id: string): Promise<void>;
  getMeta(key: string): Promise<unknown>;
  /** Stores a setting, in a transaction of its own that commits at once (one trip to storage). */
  setMeta(key: string, value: unknown): Promise<void>;
  /**
   * Reads a setting and, in the same transaction, deletes it when `drop` says so (another tab writing it in
   * between is never deleted unseen). Resolves with the value read.
   */
  pruneMeta(key: string, drop: (stored: unknown) => boolean): Promise<unknown>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/** A fresh record id: `d_` and 12 random base-36 characters (no `crypto.randomUUID`: it needs a secure context). */
export function newDesignId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += (b % 36).toString(36);
  return `d_${out}`;
}

/**
 * A stored value as a record, whatever was found: damaged fields get stand-ins (the file text is kept as found,
 * or re-serialized when it is not text) so `loadDesign` can say what is wrong instead of the page crashing.
 */
export function readRecord(key: string, value: unknown): DesignRecord {
  const o = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const file = typeof o.file === 'string' ? o.file : JSON.stringify(o.file ?? value ?? null);
  return {
    id: key,
    name: typeof o.name === 'string' && o.name.trim() ? o.name : 'Untitled design',
    updatedAt: typeof o.updatedAt === 'number' && Number.isFinite(o.updatedAt) ? o.updatedAt : 0,
    file,
    // Absent (read as 0) for records stored before revisions existed, or damaged.
    ...(Number.isSafeInteger(o.revision) && (o.revision as number) >= 0 ? { revision: o.revision as number } : {}),
  };
}

/**
 * The compare-and-set rule of `save`, on what is stored under the record's id (undefined when nothing is):
 * - nothing stored (never saved, or deleted in another tab meanwhile): write, so the work is not lost;
 * - the stored revision is the expected one (or `expected` is null): write with the next revision;
 * - the stored file is already this file: nothing to write, nothing lost;
 * - otherwise another tab saved in between: refuse, and hand back what it stored.
 */
export function compareAndSet(stored: unknown, next: DesignRecord, expected: number | null): SaveOutcome {
  if (stored === undefined) return { ok: true, record: { ...next, revision: (expected ?? 0) + 1 } };
  const current = readRecord(next.id, stored);
  const revision = current.revision ?? 0;
  if (current.file === next.file) return { ok: true, record: current };
  if (expected !== null && revision !== expected) return { ok: false, stored: current };
  return { ok: true, record: { ...next, name: current.name, revision: revision + 1 } };
}

/** "Example (copy)", then "Example (copy 2)", … — the first name not taken. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `name` when free, else "name 2", "name 3", … */
export function freeName(name: string, names: Iterable<string>): string {
  const taken = new Set(names);
  const base = name.trim() || 'Untitled design';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

const LAST_OPENED = 'lastOpened';

/** Where a save's write-ahead copy is kept, among the settings: `{ file, base }`, base = the revision it follows. */
const aheadKey = (id: string) => `unsaved:${id}`;

/** The design store over a storage engine. */
export function createDesignStore(backend: StoreBackend, now: () => number = Date.now): DesignStore {
  const mustGet = async (id: string): Promise<DesignRecord> => {
    const value = await backend.get(id);
    if (value === undefined) throw new StoreError(`There is no saved design with id "${id}".`);
    return readRecord(id, value);
  };
  const store: DesignStore = {
    async list() {
      const all = (await backend.all()).map(({ key, value }) => readRecord(key, value));
      return all.sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
    },
    async get(id) {
      const value = await backend.get(id);
      return value === undefined ? undefined : readRecord(id, value);
    },
    put: (record) => backend.put({ ...record }),
    async save(record, expected, options) {
      // Both transactions start now, in the caller's task; they touch different stores, so neither waits for the
      // other. The copy is only insurance: when it fails and the record is written, nothing is lost.
      const ahead =
        expected === null
          ? Promise.resolve()
          : backend.setMeta(aheadKey(record.id), { file: record.file, base: expected }).catch(() => {});
      let outcome: SaveOutcome | undefined;
      try {
        await backend.update(
          record.id,
          (stored) => {
            outcome = compareAndSet(stored, record, expected);
            // An unchanged file is not written again (its revision stays).
            return outcome.ok && outcome.record.file !== (stored as { file?: unknown } | undefined)?.file
              ? outcome.record
              : null;
          },
          options,
        );
      } catch (e) {
        // The tab still holds the edit and reports the failure; a copy left here could bring back changes the
        // user then chooses to discard.
        await ahead;
        const mine = (stored: unknown) => {
          const o = stored as { file?: unknown; base?: unknown } | undefined;
          return o?.file === record.file && o.base === expected;
        };
        await backend.pruneMeta(aheadKey(record.id), mine).catch(() => {});
        throw e;
      }
      await ahead;
      return outcome!;
    },
    async unsaved(record) {
      // Written over the revision that is still stored, and different from it: the record's write never landed.
      const newer = (value: unknown): value is { file: string } => {
        const o = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
        return typeof o.file === 'string' && o.base === (record.revision ?? 0) && o.file !== record.file;
      };
      const value = await backend.pruneMeta(aheadKey(record.id), (v) => v !== undefined && !newer(v));
      return newer(value) ? value.file : null;
    },
    async rename(id, name) {
      const trimmed = name.trim();
      if (!trimmed) throw new StoreError('A design needs a name.');
      await mustGet(id); // a clear error for a missing or damaged record
      // Read and write in one transaction: a save landing meanwhile is neither undone nor its revision lowered.
      const renamed = await backend.update(id, (stored) => {
        if (stored === undefined) return null;
        try {
          return { ...readRecord(id, stored), name: trimmed };
        } catch {
          return null;
        }
      });
      if (!renamed) throw new StoreError(`There is no saved design with id "${id}".`);
      return renamed;
    },
    async duplicate(id) {
      const source = await mustGet(id);
      const taken = new Set((await store.list()).map((r) => r.name));
      const copy = {
        id: newDesignId(),
        name: copyName(source.name, taken),
        updatedAt: now(),
        file: source.file,
        revision: 0,
      };
      await backend.put(copy);
      return copy;
    },
    async delete(id) {
      await backend.delete(id);
      await backend.pruneMeta(aheadKey(id), () => true);
      if ((await store.lastOpened()) === id) await store.setLastOpened(null);
    },
    async lastOpened() {
      const id = await backend.getMeta(LAST_OPENED);
      return typeof id === 'string' ? id : null;
    },
    setLastOpened: (id) => backend.setMeta(LAST_OPENED, id),
  };
  return store;
}

/** A store kept in memory: for tests, and for the page when the browser allows no storage. */
export function memoryDesignStore(now?: () => number): DesignStore & { backend: StoreBackend } {
  const records = new Map<string, unknown>();
  const meta = new Map<string, unknown>();
  const backend: StoreBackend = {
    all: async () => [...records].map(([key, value]) => ({ key, value: structuredClone(value) })),
    get: async (id) => structuredClone(records.get(id)),
    put: async (record) => void records.set(record.id, structuredClone(record)),
    async update(id, change) {
      const next = change(structuredClone(records.get(id)));
      if (next) records.set(id, structuredClone(next));
      return next;
    },
    delete: async (id) => void records.delete(id),
    getMeta: async (key) => meta.get(key),
    setMeta: async (key, value) => void meta.set(key, structuredClone(value)),
    async pruneMeta(key, drop) {
      const value = structuredClone(meta.get(key));
      if (drop(value)) meta.delete(key);
      return value;
    },
  };
  return { ...createDesignStore(backend, now), backend };
}

/** A saved design as the designs list shows it. */
export interface DesignSummary {
  id: string;
  name: string;
  updatedAt: number;
  /** The module id, or null when the record cannot be read. */
  moduleId: string | null;
  /** Why the record cannot be opened (empty when it can). */
  problems: FormatProblem[];
}

/** Reads a record for the list: the module id when the file is valid, its problems otherwise. */
export function summarize(record: DesignRecord): DesignSummary {
  const loaded = loadDesign(record.file);
  return {
    id: record.id,
    name: record.name,
    updatedAt: record.updatedAt,
    moduleId: loaded.ok ? loaded.design.module.id : null,
    problems: loaded.ok ? [] : loaded.errors,
  };
}

/**
 * Plain words for a storage failure: what the browser refused and why it matters, not just an exception name.
 * @example describeStorageError(new DOMException('', 'QuotaExceededError'))
 */
export function describeStorageError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  if (name === 'QuotaExceededError') return 'the browser’s storage for this site is full';
  if (name === 'SecurityError' || name === 'InvalidStateError')
    return 'the browser does not allow storage here (a private window, or site data is blocked)';
  if (name === 'VersionError') return 'a newer version of the studio is open in another tab';
  if (name === 'AbortError' || name === 'UnknownError')
    return `the browser stopped the write${message ? ` (${message})` : ''}`;
  return message || name || 'unknown storage error';
}
