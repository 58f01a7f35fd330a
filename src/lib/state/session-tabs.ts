/**
 * Several tabs of the studio on one design store. Each tab keeps the stored revision of each design as it last
 * read or wrote it (saves compare it in the store, see DesignStore.save), and tells the other tabs about each
 * save on a BroadcastChannel, so a tab whose open design was saved elsewhere can say so before an edit is refused.
 */
import type { DesignRecord } from './storage';

/** The BroadcastChannel on which tabs of the studio announce their saves: `{ id, revision }`. */
export const SAVES_CHANNEL = 'molos-schema-studio:saves';

/** A save refused because another tab saved the same design first. */
export class SaveConflict extends Error {
  override name = 'SaveConflict';
  constructor(readonly stored: DesignRecord) {
    super(`“${stored.name}” was changed in another tab; this tab’s changes were not saved over it`);
  }
}

/** The revisions this tab knows, and the channel on which the tabs announce their saves. */
export class TabRevisions {
  private readonly known = new Map<string, number>();
  private channel: BroadcastChannel | null = null;

  /** The revision of a design as this tab last read or wrote it (undefined: never). */
  get(id: string): number | undefined {
    return this.known.get(id);
  }

  /** Whether a revision is newer than the one this tab has of the design. */
  isNewer(id: string, revision: number): boolean {
    return revision > (this.known.get(id) ?? 0);
  }

  /** Records the revision this tab read. */
  read(id: string, revision: number): void {
    this.known.set(id, revision);
  }

  /** Records the revision this tab wrote and, when it is new, tells the other tabs. */
  wrote(id: string, revision: number): void {
    if (revision === this.known.get(id)) return;
    this.known.set(id, revision);
    this.channel?.postMessage({ id, revision });
  }

  /**
   * Listens to the other tabs' saves (where BroadcastChannel is). Returns what stops listening and closes the
   * channel.
   */
  listen(onSaved: (id: string, revision: number) => void): () => void {
    if (typeof BroadcastChannel === 'undefined') return () => {};
    const channel = new BroadcastChannel(SAVES_CHANNEL);
    channel.onmessage = (event: MessageEvent<{ id?: unknown; revision?: unknown }>) => {
      const { id, revision } = event.data ?? {};
      if (typeof id === 'string' && typeof revision === 'number') onSaved(id, revision);
    };
    this.channel = channel;
    return () => {
      channel.close();
      if (this.channel === channel) this.channel = null;
    };
  }
}
