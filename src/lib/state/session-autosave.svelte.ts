/**
 * How the session keeps the open design saved: every change of the editor's design goes to autosave, what is
 * waiting is written to the disk when the page is hidden or left, and the browser asks before leaving would lose
 * work. And, on opening a design, the newer edit a crash kept from being saved (see DesignStore.unsaved).
 */
import { untrack } from 'svelte';
import type { Design } from '../core/design';
import { loadDesign } from '../core/format';
import type { DesignRecord, DesignStore } from './storage';

/**
 * Calls `schedule` with each new design of the editor (not with the one it has now). Returns what stops it.
 * Must be called where effects can be made (it makes its own root).
 */
export function followEdits(editor: { readonly design: Design }, schedule: (design: Design) => void): () => void {
  return $effect.root(() => {
    $effect(() => {
      const design = editor.design;
      untrack(() => schedule(design));
    });
  });
}

export interface PageWatch {
  /** Writes what is waiting, to the disk. */
  flush(): void;
  /** Whether leaving the page now would lose work (the browser then asks). */
  losesWork(): boolean;
}

/** Listens to the page being hidden or left (in a browser; nothing elsewhere). Returns what removes the listeners. */
export function watchPage(watch: PageWatch): () => void {
  if (typeof window === 'undefined') return () => {};
  const listening = new AbortController();
  const { signal } = listening;
  // Hidden tabs may be discarded and closed tabs are gone, and a hidden page may be the machine going to sleep:
  // write what is waiting (a change made during the last write) now, and to the disk.
  document.addEventListener(
    'visibilitychange',
    () => {
      if (document.visibilityState === 'hidden') watch.flush();
    },
    { signal },
  );
  window.addEventListener('pagehide', () => watch.flush(), { signal });
  // The one case where leaving loses work: changes that could not be stored. Let the browser ask.
  window.addEventListener(
    'beforeunload',
    (event) => {
      if (watch.losesWork()) event.preventDefault();
    },
    { signal },
  );
  return () => listening.abort();
}

/** The newer version of a record that a crash kept from being saved, when there is one and it can be read. */
export async function unsavedEdit(store: DesignStore, record: DesignRecord): Promise<Design | null> {
  try {
    const file = await store.unsaved(record);
    const loaded = file === null ? null : loadDesign(file);
    return loaded?.ok ? loaded.design : null;
  } catch {
    return null; // the stored record opens as it is
  }
}
