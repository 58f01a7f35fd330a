/**
 * The Web Worker that runs ELK for auto-layout, so laying out hundreds of tables (a second or more) does not
 * freeze the page. It takes an ELK graph (layout.ts builds it) and answers with the laid-out graph.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { serveRequests } from '$lib/worker/worker-client';

const elk = new ELK();
// ELK's bundle runs its own in-process worker and, finding itself in a worker, also claims `self.onmessage`;
// it would answer our requests with errors of its own. Our requests are handled by serveRequests alone.
self.onmessage = null;

serveRequests(({ graph }: { id: number; graph: ElkNode }) => elk.layout(graph));
