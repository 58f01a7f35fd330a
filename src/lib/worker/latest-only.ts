/**
 * Runs an async task so that only the latest input's result is delivered. At most one task runs at a time;
 * inputs submitted meanwhile replace each other, and when the running task ends with a newer input waiting, its
 * result is dropped and the newer input runs. A worker is never handed a queue of stale designs while the user
 * types, and a slow answer for an old design can never overwrite a newer one.
 */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export class LatestOnly<I, O> {
  private running = false;
  private waiting: { input: I } | null = null;

  constructor(
    private readonly task: (input: I) => Promise<O>,
    private readonly deliver: (outcome: Outcome<O>, input: I) => void,
  ) {}

  /** True while a task runs or an input waits. */
  get busy(): boolean {
    return this.running || this.waiting !== null;
  }

  submit(input: I): void {
    if (this.running) this.waiting = { input };
    else this.start(input);
  }

  private start(input: I): void {
    this.running = true;
    let pending: Promise<O>;
    try {
      pending = this.task(input);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => this.finish({ ok: true, value }, input),
      (error: unknown) => this.finish({ ok: false, error }, input),
    );
  }

  private finish(outcome: Outcome<O>, input: I): void {
    this.running = false;
    const next = this.waiting;
    this.waiting = null;
    if (next) this.start(next.input);
    else this.deliver(outcome, input);
  }
}
