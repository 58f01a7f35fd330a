import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AutosaveState, Autosaver } from './autosave';

/** An autosaver over a fake store whose writes the test can hold and fail. */
function setup(options: { failWith?: () => unknown } = {}) {
  const saved: string[] = [];
  const states: AutosaveState['status'][] = [];
  let fail = options.failWith;
  let hold: Promise<void> | null = null;
  const saver = new Autosaver<string>({
    delay: 300,
    now: () => 1000,
    async save(value) {
      if (hold) await hold;
      if (fail) throw fail();
      saved.push(value);
    },
    onState: (s) => states.push(s.status),
    describe: (e) => `described: ${(e as Error).message}`,
  });
  return {
    saver,
    saved,
    states,
    setFail: (f?: () => unknown) => (fail = f),
    holdWrites() {
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      return () => {
        hold = null;
        release();
      };
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Autosaver', () => {
  it('writes once, 300 ms after the last of several quick changes', async () => {
    const { saver, saved } = setup();
    saver.schedule('a');
    await vi.advanceTimersByTimeAsync(200);
    saver.schedule('ab');
    await vi.advanceTimersByTimeAsync(200);
    saver.schedule('abc');
    await vi.advanceTimersByTimeAsync(299);
    expect(saved).toEqual([]);
    expect(saver.state.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(['abc']);
    expect(saver.state).toEqual({ status: 'saved', error: null, savedAt: 1000 });
  });

  it('writes at once on flush (page hidden or closing)', async () => {
    const { saver, saved } = setup();
    saver.schedule('a');
    await saver.flush();
    expect(saved).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(['a']);
  });

  it('does not write a value that equals what is stored', async () => {
    const { saver, saved } = setup();
    saver.reset('opened');
    saver.schedule('edited');
    saver.schedule('opened'); // undone before the delay
    expect(saver.state.status).toBe('saved');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([]);
  });

  it('never runs two writes at once, and writes a change made during a write right after it', async () => {
    const t = setup();
    const release = t.holdWrites();
    t.saver.schedule('first');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.saver.state.status).toBe('saving');
    t.saver.schedule('second');
    const flushed = t.saver.flush();
    release();
    await flushed;
    expect(t.saved).toEqual(['first', 'second']);
    expect(t.saver.state.status).toBe('saved');
  });

  it('keeps the last good version and the failed value when a write fails; a retry writes it', async () => {
    const t = setup();
    t.saver.schedule('good');
    await t.saver.flush();
    t.setFail(() => new Error('quota'));
    t.saver.schedule('bad luck');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.saver.state).toEqual({ status: 'failed', error: 'described: quota', savedAt: 1000 });
    expect(t.saver.dirty).toBe(true);
    expect(t.saved).toEqual(['good']);
    t.setFail(undefined);
    await t.saver.retry();
    expect(t.saved).toEqual(['good', 'bad luck']);
    expect(t.saver.state.status).toBe('saved');
    expect(t.saver.dirty).toBe(false);
  });

  it('stays failed (not pending) while later changes wait, and writes the newest on the next try', async () => {
    const t = setup({ failWith: () => new Error('blocked') });
    t.saver.schedule('one');
    await vi.advanceTimersByTimeAsync(300);
    t.saver.schedule('two');
    expect(t.saver.state.status).toBe('failed');
    t.setFail(undefined);
    await vi.advanceTimersByTimeAsync(300);
    expect(t.saved).toEqual(['two']);
  });

  it('ignores a write still running for a value that reset replaced', async () => {
    const t = setup();
    const release = t.holdWrites();
    t.saver.schedule('old design');
    await vi.advanceTimersByTimeAsync(300);
    t.saver.reset('new design', 5);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saver.state).toEqual({ status: 'saved', error: null, savedAt: 5 });
    t.saver.schedule('new design');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.saved).toEqual(['old design']);
  });

  it('reports each state change', async () => {
    const t = setup();
    t.saver.schedule('a');
    await t.saver.flush();
    expect(t.states).toEqual(['pending', 'saving', 'saved']);
  });
});
