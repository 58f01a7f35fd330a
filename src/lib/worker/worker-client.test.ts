import { afterEach, describe, expect, it } from 'vitest';
import { FakeWorker } from './fake-worker';
import { createWorkerClient, describeError } from './worker-client';

const start = () => new FakeWorker(new URL('file:///w.ts'), { type: 'module' }) as unknown as Worker;

afterEach(() => {
  FakeWorker.instances = [];
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

describe('describeError', () => {
  it('uses the message, the name, or the value', () => {
    expect(describeError(new Error('bad'))).toBe('bad');
    expect(describeError(new TypeError())).toBe('TypeError');
    expect(describeError('plain')).toBe('plain');
  });
});
