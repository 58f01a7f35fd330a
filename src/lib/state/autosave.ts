/**
 * The timing of autosave, free of storage and UI: a change is saved `delay` ms after the last change (or at once
 * on `flush`), saves never overlap, an unchanged value is not written again, and a failed save keeps the last
 * good version as the reference — the value that failed stays pending until a later change or `retry` writes it.
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
  save(value: T): Promise<void>;
  /** Debounce after each change, in ms. */
  delay?: number;
  /** Whether two values would be stored identically (default: the same object). */
  same?(a: T, b: T): boolean;
  /** Called whenever the state changes. */
  onState?(state: AutosaveState): void;
  /** Turns a failure into words for the user. */
  describe?(error: unknown): string;
  now?(): number;
}

const NOTHING = Symbol('nothing');

export class Autosaver<T> {
  private pending: T | typeof NOTHING = NOTHING;
  private lastGood: T | typeof NOTHING = NOTHING;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  /** Bumped by `reset`: a save still running for the previous value must not touch the new state. */
  private generation = 0;
  private current: AutosaveState = { status: 'saved', error: null, savedAt: null };

  constructor(private readonly options: AutosaveOptions<T>) {}

  get state(): AutosaveState {
    return this.current;
  }

  /** Records a change; it is written after the debounce delay. */
  schedule(value: T): void {
    this.pending = value;
    this.clearTimer();
    if (this.lastGood !== NOTHING && this.same(value, this.lastGood) && !this.running) {
      // Back to what is stored (an undo, say): nothing to write.
      this.pending = NOTHING;
      this.set({ status: 'saved', error: null });
      return;
    }
    if (this.current.status !== 'failed') this.set({ status: 'pending' });
    this.timer = setTimeout(() => void this.flush(), this.options.delay ?? 300);
  }

  /** Writes any pending change now; resolves when nothing is left to write (or the write failed). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.running) await this.running;
    if (this.pending === NOTHING) return;
    const value = this.pending;
    this.pending = NOTHING;
    if (this.lastGood !== NOTHING && this.same(value, this.lastGood)) {
      this.set({ status: 'saved', error: null });
      return;
    }
    const generation = this.generation;
    this.running = this.write(value, generation).finally(() => {
      this.running = null;
    });
    await this.running;
    // Changes made while writing are written next, without waiting for another change.
    if (generation === this.generation && this.pending !== NOTHING && this.current.status !== 'failed')
      await this.flush();
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

  private async write(value: T, generation: number): Promise<void> {
    this.set({ status: 'saving' });
    try {
      await this.options.save(value);
      if (generation !== this.generation) return;
      this.lastGood = value;
      const status = this.pending === NOTHING ? 'saved' : 'pending';
      this.set({ status, error: null, savedAt: (this.options.now ?? Date.now)() });
    } catch (e) {
      if (generation !== this.generation) return;
      // Keep the value to write later, unless a newer change already replaced it.
      if (this.pending === NOTHING) this.pending = value;
      const error = this.options.describe?.(e) ?? (e instanceof Error ? e.message : String(e));
      this.set({ status: 'failed', error });
    }
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
