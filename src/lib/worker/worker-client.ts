/**
 * The page side of a request/response Web Worker: requests carry an id, replies are matched by it, and every way
 * a worker can fail (an error reply, a script that does not load, an unreadable message) rejects the waiting
 * promise with a plain message — so a panel always has something to say instead of staying blank.
 */

/** What every worker reply looks like: the request's id, then a result or a message. */
export type WorkerReply<R> = { id: number; ok: true; result: R } | { id: number; ok: false; error: string };

export interface WorkerClient<Req, Res> {
  /** Sends a request (the id is added here); the worker starts on the first call. */
  call(request: Req): Promise<Res>;
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
  const pending = new Map<number, { resolve: (result: Res) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const launch = (): Worker => {
    const w = start();
    w.addEventListener('message', (event: MessageEvent<WorkerReply<Res>>) => {
      const reply = event.data;
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
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

  return {
    call(request) {
      worker ??= launch();
      const id = nextId++;
      const target = worker;
      return new Promise<Res>((resolve, reject) => {
        pending.set(id, { resolve, reject });
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

/** The worker side: answers each request with `answer`, turning a thrown error into an error reply. */
export function serveRequests<Req extends { id: number }, Res>(answer: (request: Req) => Res | Promise<Res>): void {
  self.addEventListener('message', (event: MessageEvent<Req>) => {
    const request = event.data;
    if (typeof request?.id !== 'number') return;
    Promise.resolve()
      .then(() => answer(request))
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
