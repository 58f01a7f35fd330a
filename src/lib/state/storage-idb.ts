/**
 * The design store in IndexedDB (through `idb`): one object store of records keyed by id, one of small settings.
 * IndexedDB survives reloads, tab crashes and browser restarts, and each `put` is atomic, so a failed write
 * leaves the previous version of the record in place.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type DesignRecord, type DesignStore, createDesignStore } from './storage';

export const DB_NAME = 'molos-schema-studio';
export const DB_VERSION = 1;

interface StudioDb extends DBSchema {
  /** Values are typed `unknown`: what comes back may have been damaged outside the studio. */
  designs: { key: string; value: unknown };
  meta: { key: string; value: unknown };
}

/**
 * Opens the store. Rejects when the browser refuses IndexedDB (private mode in some browsers, blocked site data),
 * so the caller can fall back to memory and say so.
 */
export async function openIdbDesignStore(): Promise<DesignStore> {
  if (typeof indexedDB === 'undefined') throw new DOMException('IndexedDB is not available', 'InvalidStateError');
  const db: IDBPDatabase<StudioDb> = await openDB<StudioDb>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('designs');
      database.createObjectStore('meta');
    },
    // Another tab with an older studio holds the database open; it closes on its side (see `blocking`).
    blocking() {
      db.close();
    },
  });
  return createDesignStore({
    async all() {
      const tx = db.transaction('designs');
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      return keys.map((key, i) => ({ key, value: values[i] }));
    },
    get: (id) => db.get('designs', id),
    put: async (record: DesignRecord) => void (await db.put('designs', record, record.id)),
    async update(id, change, options) {
      // One readwrite transaction: no other tab's write can land between the read and the write. 'relaxed'
      // completes once the browser has handed the data to the operating system (it survives the browser being
      // killed); 'strict' also waits for the disk, for writes that must survive a power cut.
      const tx = db.transaction('designs', 'readwrite', { durability: options?.durable ? 'strict' : 'relaxed' });
      const next = change(await tx.store.get(id));
      const put = next ? tx.store.put(next, id) : null;
      // Commit now rather than when the browser notices that no request follows: one round trip less between
      // the edit and the write being safe.
      tx.commit?.();
      await Promise.all([put, tx.done]);
      return next;
    },
    delete: (id) => db.delete('designs', id),
    getMeta: (key) => db.get('meta', key),
    async setMeta(key, value) {
      const tx = db.transaction('meta', 'readwrite', { durability: 'relaxed' });
      const put = tx.store.put(value, key);
      // Commit with the request, not after its answer comes back to a busy main thread (see DesignStore.save).
      tx.commit?.();
      await Promise.all([put, tx.done]);
    },
    async pruneMeta(key, drop) {
      const tx = db.transaction('meta', 'readwrite');
      const value = await tx.store.get(key);
      const deleted = drop(value) ? tx.store.delete(key) : null;
      await Promise.all([deleted, tx.done]);
      return value;
    },
  });
}

/**
 * Asks the browser to keep the site's storage under disk pressure (best-effort storage may be evicted). Asked once
 * the user's work is first saved; Chromium decides silently, Firefox may ask the user. A refusal changes nothing.
 */
export async function requestPersistence(): Promise<void> {
  try {
    if (typeof navigator !== 'undefined' && !(await navigator.storage?.persisted?.()))
      await navigator.storage?.persist?.();
  } catch {
    // Not supported, or refused: storage stays best-effort.
  }
}
