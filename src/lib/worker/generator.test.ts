import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDesign } from '$lib/core/design';
import { FakeWorker } from './fake-worker';
import { createInProcessGenerator, createWorkerGenerator } from './generator';
import type { GeneratedFile } from './protocol';

const file = (path: string): GeneratedFile => ({ path, content: `// ${path}`, role: 'schema' });

afterEach(() => {
  FakeWorker.instances = [];
  vi.unstubAllGlobals();
});

describe('createWorkerGenerator', () => {
  it('starts the generator module worker on first use and posts generate requests', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const generator = createWorkerGenerator();
    expect(FakeWorker.instances).toHaveLength(0);

    const files = generator.generate(emptyDesign({ id: 'MoLOS-B' }), { layout: 'current' });
    const worker = FakeWorker.instances[0]!;
    expect(worker.options).toEqual({ type: 'module' });
    expect(worker.url.pathname).toMatch(/generate-worker\.ts$/);
    const [request] = worker.requests;
    expect(request).toMatchObject({ type: 'generate', options: { layout: 'current' } });
    expect((request!.design as { module: { id: string } }).module.id).toBe('MoLOS-B');

    worker.reply({ id: request!.id, ok: true, result: [file('b.ts')] });
    await expect(files).resolves.toEqual([file('b.ts')]);
    generator.dispose();
    expect(worker.terminated).toBe(true);
  });
});

describe('createWorkerGenerator merge', () => {
  it('posts the existing files as [path, text] pairs and resolves with the merge outcome', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const generator = createWorkerGenerator();
    const existing = new Map([['lib/models/index.ts', 'export interface Mine {}\n']]);
    const outcome = generator.merge!(emptyDesign({ id: 'MoLOS-B' }), { layout: 'legacy', existing });
    const worker = FakeWorker.instances[0]!;
    const [request] = worker.requests;
    expect(request).toMatchObject({
      type: 'merge',
      layout: 'legacy',
      existing: [['lib/models/index.ts', 'export interface Mine {}\n']],
    });
    const result = { files: [file('lib/models/index.ts')], notes: [], code: null };
    worker.reply({ id: request!.id, ok: true, result });
    await expect(outcome).resolves.toEqual(result);
    generator.dispose();
  });
});

describe('createInProcessGenerator', () => {
  it('calls the given function', async () => {
    const generate = vi.fn(async () => [file('x.ts')]);
    const design = emptyDesign();
    await expect(createInProcessGenerator(generate).generate(design, { now: 1 })).resolves.toEqual([file('x.ts')]);
    expect(generate).toHaveBeenCalledWith(design, { now: 1 });
    expect(createInProcessGenerator(generate).merge).toBeUndefined();
    const merge = vi.fn(async () => ({ files: [file('y.ts')], notes: [], code: null }));
    const existing = new Map<string, string>();
    await expect(createInProcessGenerator(generate, merge).merge?.(design, { existing })).resolves.toEqual({
      files: [file('y.ts')],
      notes: [],
      code: null,
    });
    expect(merge).toHaveBeenCalledWith(design, { existing });
  });
});
