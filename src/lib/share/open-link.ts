/**
 * Opening link data without blocking the page: a small link is read at once, a large one in a Web Worker
 * (open-link-worker.ts), so the page can say "Opening the shared design…" and stay responsive. A page without
 * workers, or a worker that cannot start, reads the link in the page as before: the result is the same.
 */
import { WorkerTimeoutError, createWorkerClient, type WorkerClient } from '../worker/worker-client';
import { type ShareDecodeResult, decodeShare } from './share-link';

/**
 * Links shorter than this are read in the page: about 40 ms of work at most (a 300-table design packs to
 * 75,000 characters), less than starting a worker would cost.
 */
export const IN_PAGE_CHARS = 50_000;

/** Seconds a worker may take for one link (the 1 MiB limit reads in about a second) before it is stopped. */
export const LINK_SECONDS = 60;

export interface LinkOpener {
  /** True when `open` would hand this data to the worker (the page may say it is opening a large design). */
  offThread(data: string): boolean;
  /** Reads link data like `decodeShare`; never rejects. */
  open(data: string): Promise<ShareDecodeResult>;
  /** Stops the worker, if one was started. */
  dispose(): void;
}

/**
 * A link reader that uses a worker from `start` for large links; without `start` (or `Worker`) it reads in the page.
 * @example
 * const opener = createLinkOpener(() => new Worker(new URL('./open-link-worker.ts', import.meta.url), { type: 'module' }));
 * const result = await opener.open(shareDataFromHash(location.hash) ?? '');
 */
export function createLinkOpener(
  start?: () => Worker,
  { inPageChars = IN_PAGE_CHARS, seconds = LINK_SECONDS }: { inPageChars?: number; seconds?: number } = {},
): LinkOpener {
  let client: WorkerClient<{ data: string }, ShareDecodeResult> | undefined;
  const offThread = (data: string) => start !== undefined && data.length >= inPageChars;
  return {
    offThread,
    async open(data) {
      if (!offThread(data) || !start) return decodeShare(data);
      client ??= createWorkerClient(start, 'the link reader');
      try {
        return await client.call({ data }, { seconds, reading: 'the shared link' });
      } catch (e) {
        client.dispose();
        client = undefined;
        // A link that takes this long would block the page just as long: refuse it instead.
        if (e instanceof WorkerTimeoutError) {
          return {
            ok: false,
            error: {
              code: 'damaged',
              message: `The link could not be read in ${seconds} s; it was not opened.`,
            },
          };
        }
        // The worker could not start (a page that forbids workers, a lost chunk): read it here, as before.
        return decodeShare(data);
      }
    },
    dispose() {
      client?.dispose();
      client = undefined;
    },
  };
}

/**
 * The page's link reader: large links go to open-link-worker.ts when the page has workers.
 * @example const opener = pageLinkOpener(); const result = await opener.open(data);
 */
export function pageLinkOpener(): LinkOpener {
  if (typeof Worker === 'undefined') return createLinkOpener();
  return createLinkOpener(() => new Worker(new URL('./open-link-worker.ts', import.meta.url), { type: 'module' }));
}
