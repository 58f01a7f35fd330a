import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDesign } from '../core/design';
import { addTable } from '../core/operations';
import { FakeWorker } from '../worker/fake-worker';
import { createLinkOpener } from './open-link';
import { decodeShare, encodeDesign } from './share-link';

const design = addTable(emptyDesign({ id: 'MoLOS-Link' }), { id: 't1', name: 'items', position: { x: 0, y: 0 } });
const { data } = encodeDesign(design);

function fakeStart(): () => Worker {
  return () => new FakeWorker(new URL('file:///open-link-worker.ts'), { type: 'module' }) as unknown as Worker;
}

afterEach(() => {
  FakeWorker.instances = [];
  vi.useRealTimers();
});

describe('createLinkOpener', () => {
  it('reads a link shorter than the threshold in the page, without starting a worker', async () => {
    const opener = createLinkOpener(fakeStart(), { inPageChars: data.length + 1 });
    expect(opener.offThread(data)).toBe(false);
    expect(await opener.open(data)).toEqual(decodeShare(data));
    expect(FakeWorker.instances).toHaveLength(0);
  });

  // issue 14: a large link is read in the worker, so the page's main thread stays free while it unpacks and checks
  it('hands a large link to the worker and returns its answer', async () => {
    const opener = createLinkOpener(fakeStart(), { inPageChars: 10 });
    expect(opener.offThread(data)).toBe(true);
    const pending = opener.open(data);
    const worker = FakeWorker.instances[0] as FakeWorker;
    expect(worker.requests).toEqual([{ id: 1, data }]);
    const answer = decodeShare(data);
    worker.reply({ id: 1, ok: true, result: answer });
    expect(await pending).toBe(answer);
  });

  it('reads the link in the page when the worker cannot start', async () => {
    const opener = createLinkOpener(fakeStart(), { inPageChars: 10 });
    const pending = opener.open(data);
    (FakeWorker.instances[0] as FakeWorker).crash('could not load the script');
    const result = await pending;
    expect(result.ok && result.design).toEqual(design);
  });

  it('refuses a link the worker cannot read in time, and stops that worker', async () => {
    vi.useFakeTimers();
    const opener = createLinkOpener(fakeStart(), { inPageChars: 10, seconds: 5 });
    const pending = opener.open(data);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'damaged', message: 'The link could not be read in 5 s; it was not opened.' },
    });
    expect((FakeWorker.instances[0] as FakeWorker).terminated).toBe(true);
  });

  it('reads in the page when there is no worker to start', async () => {
    const opener = createLinkOpener(undefined, { inPageChars: 10 });
    expect(opener.offThread(data)).toBe(false);
    expect(await opener.open(data)).toEqual(decodeShare(data));
  });
});
