/**
 * A stand-in for the browser's Worker in unit tests: records what the page posts and lets the test answer in any
 * order, or crash it.
 */
import type { WorkerReply } from './worker-client';

export class FakeWorker extends EventTarget {
  static instances: FakeWorker[] = [];
  requests: ({ id: number } & Record<string, unknown>)[] = [];
  terminated = false;

  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.instances.push(this);
  }

  postMessage(request: { id: number } & Record<string, unknown>) {
    this.requests.push(request);
  }

  terminate() {
    this.terminated = true;
  }

  reply(response: WorkerReply<unknown>) {
    this.dispatchEvent(new MessageEvent('message', { data: response }));
  }

  crash(message: string) {
    const event = new Event('error', { cancelable: true }) as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
}
