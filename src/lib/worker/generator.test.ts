import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDesign } from '$lib/core/design';
import { createInProcessGenerator, createWorkerGenerator } from './generator';
import type { GenerateRequest, GenerateResponse, GeneratedFile } from './protocol';

/** A stand-in for the browser's Worker: records requests and lets the test answer them in any order. */
class FakeWorker extends EventTarget {
  static instances: FakeWorker[] = [];
  requests: GenerateRequest[] = [];
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.instances.push(this);
  }
  postMessage(request: GenerateRequest) {
    this.requests.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  reply(response: GenerateResponse) {
    this.dispatchEvent(new MessageEvent('message', { data: response }));
  }
  crash(message: string) {
    const event = new Event('error', { cancelable: true }) as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
}

const file = (path: string): GeneratedFile => ({ path, content: `// ${path}`, role: 'schema' });

afterEach(() => {
  FakeWorker.instances = [];
  vi.unstubAllGlobals();
});

describe('createWorkerGenerator', () => {
  it('starts one module worker lazily and matches replies to requests by id', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const generator = createWorkerGenerator();
    expect(FakeWorker.instances).toHaveLength(0);

    const first = generator.generate(emptyDesign({ id: 'MoLOS-A' }));
    const second = generator.generate(emptyDesign({ id: 'MoLOS-B' }), { layout: 'current' });
    expect(FakeWorker.instances).toHaveLength(1);
    const worker = FakeWorker.instances[0]!;
    expect(worker.options).toEqual({ type: 'module' });
    expect(worker.url.pathname).toMatch(/generate-worker\.ts$/);
    const [a, b] = worker.requests;
    expect(a!.design.module.id).toBe('MoLOS-A');
    expect(b!.options).toEqual({ layout: 'current' });

    worker.reply({ id: b!.id, ok: true, files: [file('b.ts')] });
    worker.reply({ id: a!.id, ok: false, error: 'boom' });
    await expect(second).resolves.toEqual([file('b.ts')]);
    await expect(first).rejects.toThrow('boom');
  });

  it('rejects pending requests when the worker fails, and starts a new worker next time', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const generator = createWorkerGenerator();
    const pending = generator.generate(emptyDesign());
    FakeWorker.instances[0]!.crash('SyntaxError: bad chunk');
    await expect(pending).rejects.toThrow('the generator worker failed: SyntaxError: bad chunk');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);

    void generator.generate(emptyDesign()).catch(() => {});
    expect(FakeWorker.instances).toHaveLength(2);
    generator.dispose();
  });

  it('rejects pending requests on dispose', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const generator = createWorkerGenerator();
    const pending = generator.generate(emptyDesign());
    generator.dispose();
    await expect(pending).rejects.toThrow('stopped');
    expect(FakeWorker.instances[0]!.terminated).toBe(true);
  });
});

describe('createInProcessGenerator', () => {
  it('calls the given function', async () => {
    const generate = vi.fn(async () => [file('x.ts')]);
    const design = emptyDesign();
    await expect(createInProcessGenerator(generate).generate(design, { now: 1 })).resolves.toEqual([file('x.ts')]);
    expect(generate).toHaveBeenCalledWith(design, { now: 1 });
  });
});
