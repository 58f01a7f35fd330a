/**
 * The Web Worker that reads a share link: unpacking, JSON, validation and repairs of a large link take most of a
 * second (a 5,000-table link unpacks to 8 MB of JSON), so the page's main thread stays free meanwhile.
 */
import { serveRequests } from '../worker/worker-client';
import { type ShareDecodeResult, decodeShare } from './share-link';

serveRequests<{ id: number; data: string }, ShareDecodeResult>((request) => decodeShare(request.data));
