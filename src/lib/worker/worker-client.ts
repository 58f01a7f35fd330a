/**
 * The page side of a request/response Web Worker: requests carry an id, replies are matched by it, and every way
 * a worker can fail (an error reply, a script that does not load, an unreadable message) rejects the waiting
 * promise with a plain message — so a panel always has something to say instead of staying blank. A call may
 * carry a deadline: a worker stuck in a parser is stopped and replaced, so the next call does not queue behind it.
 */
import { couldNotRead } from '../core/reading';

/** What every worker reply looks like: the request's id, then a result or a message. */
export type WorkerReply<R> = { id: number; ok: true; result: R } | { id: number; ok: false; error: string };

/** What a worker says about a request before it answers: the file it reads now (src/lib/core/reading.ts). */
export interface WorkerProgress {
  id: number;
  reading: { file: string; doing: string };
}

/** A deadline for one call. */
export interface CallLimit {
  /**
   * Seconds one file may take: the clock restarts each time the worker says it reads another file. When it runs
   * out, the worker is stopped (a hung parser cannot be interrupted any other way) and the next call starts a
   * fresh one.
   */
  seconds: number;
  /** What is read until the worker names a file (e.g. the file or folder the user picked). */
  reading: string;
}

/** A call stopped at its deadline: says which file, how long and what was being done. */
export class WorkerTimeoutError extends Error {
  constructor(
    readonly file: string,
    readonly doing: string,
    readonly seconds: number,
  ) {
    super(couldNotRead(file, doing, seconds));
    this.name = 'WorkerTimeoutError';
  }
}

export interface WorkerClient<Req, Res> {
  /**
   * Sends a request (the id is added here); the worker starts on the first call. With a `limit`, a call that runs
   * past it is rejected with a {@link WorkerTimeoutError} and the worker is stopped and replaced.
   */
  call(request: Req, limit?: CallLimit): Promise<Res>;
  /** Stops the worker (if any); pending requests are rejected. */
  dispose(): void;
}

/**
 * A client for a dedicated worker, started by `start` on first use and again after a crash.
 * `what` names the worker in error messages ("the SQL preview worker failed: …").
 * @example
 * const client = createWorkerClient<Req, Res>(() => new Worker(new URL('./w.ts', import.meta.url), { type: 'module' }), 'the SQL worker');
 * const result = await client.call({ type: 'run', sql });
 */
export function createWorkerClient<Req extends object, Res>(start: () => Worker, what: string): WorkerClient<Req, Res> {
  let worker: Worker | undefined;
  let nextId = 1;
  interface Pending {
    resolve: (result: Res) => void;
    reject: (error: Error) => void;
    worker: Worker;
    /** Restarts the deadline for the file the worker now reads (a no-op without a limit). */
    reading: (file: string, doing: string) => void;
    stop: () => void;
  }
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) {
      p.stop();
      p.reject(error);
    }
    pending.clear();
  };

  const launch = (): Worker => {
    const w = start();
    w.addEventListener('message', (event: MessageEvent<WorkerReply<Res> | WorkerProgress>) => {
      const reply = event.data;
      const p = pending.get(reply.id);
      if (!p) return;
      if ('reading' in reply) {
        p.reading(reply.reading.file, reply.reading.doing);
        return;
      }
      pending.delete(reply.id);
      p.stop();
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.error));
    });
    // A script that fails to load or throws at top level never answers: fail the waiting requests instead.
    w.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      failAll(new Error(`${what} failed: ${event.message || 'it could not be loaded'}`));
      w.terminate();
      if (worker === w) worker = undefined;
    });
    w.addEventListener('messageerror', () => failAll(new Error(`${what} sent an unreadable message`)));
    return w;
  };

  /** Stops a worker that ran past a deadline: its call fails with the file, the others (if any) are told why. */
  const expire = (id: number, timeout: WorkerTimeoutError) => {
    const p = pending.get(id);
    if (!p) return;
    const hung = p.worker;
    hung.terminate();
    if (worker === hung) worker = undefined;
    for (const [otherId, other] of pending) {
      if (other.worker !== hung) continue;
      pending.delete(otherId);
      other.stop();
      other.reject(otherId === id ? timeout : new Error(`${what} was restarted: ${timeout.message}`));
    }
  };

  return {
    call(request, limit) {
      worker ??= launch();
      const id = nextId++;
      const target = worker;
      return new Promise<Res>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const arm = (file: string, doing: string) => {
          if (!limit) return;
          clearTimeout(timer);
          timer = setTimeout(
            () => expire(id, new WorkerTimeoutError(file, doing, limit.seconds)),
            limit.seconds * 1000,
          );
        };
        pending.set(id, { resolve, reject, worker: target, reading: arm, stop: () => clearTimeout(timer) });
        arm(limit?.reading ?? '', 'reading it');
        target.postMessage({ ...request, id });
      });
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      failAll(new Error(`${what} was stopped`));
    },
  };
}

/**
 * The worker side: answers each request with `answer`, turning a thrown error into an error reply. `answer` may
 * report the file it reads through `progress`, which restarts the caller's deadline (see {@link CallLimit}).
 */
export function serveRequests<Req extends { id: number }, Res>(
  answer: (request: Req, progress: (reading: WorkerProgress['reading']) => void) => Res | Promise<Res>,
): void {
  self.addEventListener('message', (event: MessageEvent<Req>) => {
    const request = event.data;
    if (typeof request?.id !== 'number') return;
    const progress = (reading: WorkerProgress['reading']) =>
      self.postMessage({ id: request.id, reading } satisfies WorkerProgress);
    Promise.resolve()
      .then(() => answer(request, progress))
      .then(
        (result) => self.postMessage({ id: request.id, ok: true, result } satisfies WorkerReply<Res>),
        (error: unknown) =>
          self.postMessage({ id: request.id, ok: false, error: describeError(error) } satisfies WorkerReply<Res>),
      );
  });
}

/** A message for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
