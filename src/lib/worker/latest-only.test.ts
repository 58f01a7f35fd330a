import { describe, expect, it } from 'vitest';
import { LatestOnly, type Outcome } from './latest-only';

/** A task whose calls the test resolves or rejects by hand. */
function manualTask() {
  const calls: { input: number; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const task = (input: number) => new Promise<string>((resolve, reject) => calls.push({ input, resolve, reject }));
  return { calls, task };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('LatestOnly', () => {
  it('delivers the result of a lone input', async () => {
    const { calls, task } = manualTask();
    const got: [Outcome<string>, number][] = [];
    const runner = new LatestOnly(task, (o, i) => got.push([o, i]));
    runner.submit(1);
    expect(runner.busy).toBe(true);
    calls[0]!.resolve('one');
    await tick();
    expect(got).toEqual([[{ ok: true, value: 'one' }, 1]]);
    expect(runner.busy).toBe(false);
  });

  it('runs one task at a time, skips inputs replaced while waiting and drops superseded results', async () => {
    const { calls, task } = manualTask();
    const got: number[] = [];
    const runner = new LatestOnly(task, (_o, i) => got.push(i));
    runner.submit(1);
    runner.submit(2);
    runner.submit(3);
    expect(calls.map((c) => c.input)).toEqual([1]);
    calls[0]!.resolve('one');
    await tick();
    expect(got).toEqual([]); // 1 is stale: 3 came in meanwhile
    expect(calls.map((c) => c.input)).toEqual([1, 3]); // 2 never ran
    calls[1]!.resolve('three');
    await tick();
    expect(got).toEqual([3]);
  });

  it('delivers failures, including a task that throws before returning a promise', async () => {
    const got: Outcome<string>[] = [];
    const runner = new LatestOnly<number, string>(
      () => {
        throw new Error('no');
      },
      (o) => got.push(o),
    );
    runner.submit(1);
    await tick();
    expect(got).toHaveLength(1);
    expect(got[0]!.ok).toBe(false);
    expect(runner.busy).toBe(false);
  });

  it('does not deliver a failure of a superseded input', async () => {
    const { calls, task } = manualTask();
    const got: Outcome<string>[] = [];
    const runner = new LatestOnly(task, (o) => got.push(o));
    runner.submit(1);
    runner.submit(2);
    calls[0]!.reject(new Error('old'));
    await tick();
    calls[1]!.resolve('two');
    await tick();
    expect(got).toEqual([{ ok: true, value: 'two' }]);
  });
});
