import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeWorker } from './fake-worker';
import { WorkerTimeoutError, createWorkerClient, describeError } from './worker-client';

const start = () => new FakeWorker(new URL('file:///w.ts'), { type: 'module' }) as unknown as Worker;

afterEach(() => {
  FakeWorker.instances = [];
  vi.useRealTimers();
});

describe('createWorkerClient', () => {
  it('starts the worker lazily, adds ids and matches replies to requests in any order', async () => {
    const client = createWorkerClient<{ type: 'echo'; n: number }, number>(start, 'the test worker');
    expect(FakeWorker.instances).toHaveLength(0);
    const first = client.call({ type: 'echo', n: 1 });
    const second = client.call({ type: 'echo', n: 2 });
    expect(FakeWorker.instances).toHaveLength(1);
    const worker = FakeWorker.instances[0]!;
    const [a, b] = worker.requests;
    expect(a).toEqual({ type: 'echo', n: 1, id: a!.id });
    expect(b!.id).not.toBe(a!.id);

    worker.reply({ id: b!.id, ok: true, result: 20 });
    worker.reply({ id: a!.id, ok: false, error: 'boom' });
    worker.reply({ id: 999, ok: true, result: 0 }); // unknown ids are ignored
    await expect(second).resolves.toBe(20);
    await expect(first).rejects.toThrow('boom');
  });

  it('rejects pending requests when the worker fails, and starts a new worker next time', async () => {
    const client = createWorkerClient<{ type: 'x' }, number>(start, 'the test worker');
    const pending = client.call({ type: 'x' });
    FakeWorker.instances[0]!.crash('SyntaxError: bad chunk');
    await expect(pending).rejects.toThrow('the test worker failed: SyntaxError: bad chunk');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);

    void client.call({ type: 'x' }).catch(() => {});
    expect(FakeWorker.instances).toHaveLength(2);
    client.dispose();
  });

  it('says the worker could not be loaded when the error has no message', async () => {
    const client = createWorkerClient<{ type: 'x' }, number>(start, 'the test worker');
    const pending = client.call({ type: 'x' });
    FakeWorker.instances[0]!.crash('');
    await expect(pending).rejects.toThrow('the test worker failed: it could not be loaded');
  });

  it('rejects pending requests on dispose', async () => {
    const client = createWorkerClient<{ type: 'x' }, number>(start, 'the test worker');
    const pending = client.call({ type: 'x' });
    client.dispose();
    await expect(pending).rejects.toThrow('the test worker was stopped');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
  });
});

describe('a call with a deadline', () => {
  const limit = { seconds: 30, reading: 'tables.ts' };

  // issue 14: a worker that never answers (a parser looping on hostile bytes) is stopped at the deadline, the
  // call fails with the file's name, and the next call gets a fresh worker instead of queueing behind the hung one
  it('terminates a worker that never answers, names the file and starts a fresh worker for the next call', async () => {
    vi.useFakeTimers();
    const client = createWorkerClient<{ type: 'x' }, number>(start, 'the test worker');
    const hung = client.call({ type: 'x' }, limit);
    const caught = hung.catch((e: unknown) => e);
    const first = FakeWorker.instances[0]!;
    // The worker says which file it reads: the clock restarts for it.
    first.dispatchEvent(
      new MessageEvent('message', {
        data: {
          id: first.requests[0]!.id,
          reading: { file: 'lib/server/db/schema/tables.ts', doing: 'parsing TypeScript' },
        },
      }),
    );
    await vi.advanceTimersByTimeAsync(29_999);
    expect(first.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await caught;
    expect(error).toBeInstanceOf(WorkerTimeoutError);
    expect((error as Error).message).toBe(
      'lib/server/db/schema/tables.ts could not be read in 30 s (parsing TypeScript)',
    );
    expect(first.terminated).toBe(true);

    const next = client.call({ type: 'x' }, limit);
    expect(FakeWorker.instances).toHaveLength(2);
    const second = FakeWorker.instances[1]!;
    expect(second.requests).toHaveLength(1);
    second.reply({ id: second.requests[0]!.id, ok: true, result: 7 });
    await expect(next).resolves.toBe(7);
    // A late answer of the stopped worker is not taken for anything.
    first.reply({ id: first.requests[0]!.id, ok: true, result: 1 });
  });

  it('restarts the clock on each file the worker names, so the limit is per file', async () => {
    vi.useFakeTimers();
    const client = createWorkerClient<{ type: 'x' }, number>(start, 'the test worker');
    const call = client.call({ type: 'x' }, { seconds: 2, reading: 'm/' });
    const w = FakeWorker.instances[0]!;
    const id = w.requests[0]!.id;
    for (const file of ['a.sql', 'b.sql', 'c.sql']) {
      w.dispatchEvent(new MessageEvent('message', { data: { id, reading: { file, doing: 'running its SQL' } } }));
      await vi.advanceTimersByTimeAsync(1_500);
    }
    expect(w.terminated).toBe(false);
    w.reply({ id, ok: true, result: 3 });
    await expect(call).resolves.toBe(3);
    // Answered: no timer is left to stop the worker later.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.terminated).toBe(false);
  });

  it('names the input given with the call until the worker names a file, and fails the other calls on it', async () => {
    vi.useFakeTimers();
    const client = createWorkerClient<{ type: 'x' }, number>(start, 'the test worker');
    const timed = client.call({ type: 'x' }, { seconds: 0.5, reading: 'MoLOS-Tasks/' }).catch((e: Error) => e.message);
    const other = client.call({ type: 'x' }).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(500);
    expect(await timed).toBe('MoLOS-Tasks/ could not be read in 0.5 s (reading it)');
    expect(await other).toBe('the test worker was restarted: MoLOS-Tasks/ could not be read in 0.5 s (reading it)');
  });
});

describe('describeError', () => {
  it('uses the message, the name, or the value', () => {
    expect(describeError(new Error('bad'))).toBe('bad');
    expect(describeError(new TypeError())).toBe('TypeError');
    expect(describeError('plain')).toBe('plain');
  });
});
