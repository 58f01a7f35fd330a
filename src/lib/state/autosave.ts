/**
 * The timing of autosave, free of storage and UI. A change is written at once when no write is running, so a
 * crash right after an edit loses at most the write in flight. Changes that come while a write runs (or while the
 * saver rests after one, see below) are coalesced: only the newest is written, as soon as it may be. Writes never
 * overlap, an unchanged value is not written again, and a failed write keeps the last good version as the
 * reference — the value that failed stays pending until a later change or `retry` writes it.
 *
 * The rest: after each write the next one waits `restFactor` times as long as that write took (capped by
 * `maxRest`), so writing takes at most 1 / (restFactor + 1) of the time however large the value or slow the disk.
 * A small design writes in a few ms and so rests a few ms; a 300-table design (≈ 1.6 MB, ≈ 25 ms a write) rests
 * ≈ 100 ms, so holding a key that edits it writes about 8 times a second instead of 30.
 */

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed';

export interface AutosaveState {
  status: SaveStatus;
  /** Why the last save failed (status `failed`). */
  error: string | null;
  /** When the last good version was written, in ms. */
  savedAt: number | null;
}

export interface AutosaveOptions<T> {
  /**
   * Writes a value. `urgent` is true for writes asked through `flush` (the page is hidden or closing, another
   * design opens): the store may then make sure the write reached the disk before it resolves.
   */
  save(value: T, urgent: boolean): Promise<void>;
  /** After a write, the next one waits this many times as long as the write took (default 4). */
  restFactor?: number;
  /** The longest rest after a write, in ms (default 1000). */
  maxRest?: number;
  /** After a failed write, how long later changes wait before they are tried, in ms (default 1000). */
  failureRest?: number;
  /** Whether two values would be stored identically (default: the same object). */
  same?(a: T, b: T): boolean;
  /** Called whenever the state changes. */
  onState?(state: AutosaveState): void;
  /** Turns a failure into words for the user. */
  describe?(error: unknown): string;
  /** The clock, in ms: for `savedAt` and for how long writes take. */
  now?(): number;
}

const NOTHING = Symbol('nothing');

export class Autosaver<T> {
  /** The newest change not yet written (or whose write failed). */
  private pending: T | typeof NOTHING = NOTHING;
  private lastGood: T | typeof NOTHING = NOTHING;
  /** Waits out the rest after a write, then writes what is pending. */
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Before this time (`now()`), no write starts unless `flush` asks for one. */
  private restUntil = -Infinity;
  private running: Promise<void> | null = null;
  /** How many `flush` calls are writing: they write what is pending themselves, urgently. */
  private flushing = 0;
  /** Bumped by `reset`: a save still running for the previous value must not touch the new state. */
  private generation = 0;
  private current: AutosaveState = { status: 'saved', error: null, savedAt: null };

  constructor(private readonly options: AutosaveOptions<T>) {}

  get state(): AutosaveState {
    return this.current;
  }

  /**
   * Records a change. It is written at once when nothing is being written; otherwise it replaces any change still
   * waiting and is written right after the running write (and its rest).
   */
  schedule(value: T): void {
    this.pending = value;
    if (this.lastGood !== NOTHING && this.same(value, this.lastGood) && !this.running) {
      // Back to what is stored (an undo, say): nothing to write.
      this.pending = NOTHING;
      this.clearTimer();
      this.set({ status: 'saved', error: null });
      return;
    }
    if (this.current.status !== 'failed') this.set({ status: 'pending' });
    this.next();
  }

  /**
   * Writes any pending change now, without waiting for the rest; resolves when nothing is left to write (or a
   * write failed). Writes made here are `urgent`.
   */
  async flush(): Promise<void> {
    this.clearTimer();
    this.flushing++;
    try {
      for (;;) {
        while (this.running) await this.running;
        if (this.pending === NOTHING) return;
        await this.writePending(true);
        // A failed value stays pending: writing it again at once would fail again.
        if (this.current.status === 'failed') return;
      }
    } finally {
      this.flushing--;
    }
  }

  /** Tries the failed write again. */
  retry(): Promise<void> {
    return this.flush();
  }

  /**
   * Starts over with a value that is already stored (a design just opened): nothing pending, no failure, and
   * saves of the previous value still running are ignored.
   */
  reset(value: T, savedAt: number | null = null): void {
    this.clearTimer();
    this.generation++;
    this.pending = NOTHING;
    this.lastGood = value;
    this.set({ status: 'saved', error: null, savedAt });
  }

  /** Whether a change is waiting to be written (or failed to be). */
  get dirty(): boolean {
    return this.pending !== NOTHING || this.current.status === 'saving';
  }

  /** Starts the next write when one is due: something pending, nothing running, and the rest over. */
  private next(): void {
    if (this.running || this.flushing > 0 || this.timer !== null || this.pending === NOTHING) return;
    const wait = this.restUntil - this.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.next();
      }, wait);
      return;
    }
    void this.writePending(false);
  }

  /** Writes the pending value; when it is written, goes on with what changed meanwhile. */
  private async writePending(urgent: boolean): Promise<void> {
    this.clearTimer();
    const value = this.pending;
    if (value === NOTHING) return;
    this.pending = NOTHING;
    if (this.lastGood !== NOTHING && this.same(value, this.lastGood)) {
      this.set({ status: 'saved', error: null });
      return;
    }
    const generation = this.generation;
    this.running = this.write(value, generation, urgent).finally(() => {
      this.running = null;
    });
    await this.running;
    // Changes made while writing (to this value or, after a `reset`, to the new one) are written next, after the
    // rest; after a failure only a new change (or `retry`) tries again.
    if (this.current.status !== 'failed') this.next();
  }

  private async write(value: T, generation: number, urgent: boolean): Promise<void> {
    this.set({ status: 'saving' });
    const started = this.now();
    let failed = false;
    try {
      // Called before any await: the store starts the write in the same task as the change.
      await this.options.save(value, urgent);
      if (generation !== this.generation) return;
      this.lastGood = value;
      const status = this.pending === NOTHING ? 'saved' : 'pending';
      this.set({ status, error: null, savedAt: this.now() });
    } catch (e) {
      failed = true;
      if (generation !== this.generation) return;
      // Keep the value to write later, unless a newer change already replaced it.
      if (this.pending === NOTHING) this.pending = value;
      const error = this.options.describe?.(e) ?? (e instanceof Error ? e.message : String(e));
      this.set({ status: 'failed', error });
    } finally {
      const ended = this.now();
      const took = Math.max(0, ended - started);
      const rest = Math.min(took * (this.options.restFactor ?? 4), this.options.maxRest ?? 1000);
      this.restUntil = ended + (failed ? Math.max(rest, this.options.failureRest ?? 1000) : rest);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private same(a: T, b: T): boolean {
    return this.options.same ? this.options.same(a, b) : Object.is(a, b);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(patch: Partial<AutosaveState>): void {
    this.current = { ...this.current, ...patch };
    this.options.onState?.(this.current);
  }
}
