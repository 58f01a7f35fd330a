import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AutosaveState, Autosaver } from './autosave';

/**
 * An autosaver over a fake store whose writes the test can hold, slow down and fail. The clock is vitest's fake
 * `Date.now`, so the time a write takes (and the rest after it) follows `vi.advanceTimersByTimeAsync`.
 */
function setup(options: { failWith?: () => unknown; takes?: number; restFactor?: number; maxRest?: number } = {}) {
  const saved: string[] = [];
  const urgent: boolean[] = [];
  const states: AutosaveState['status'][] = [];
  let fail = options.failWith;
  let takes = options.takes ?? 0;
  let hold: Promise<void> | null = null;
  let writing = 0;
  let overlapped = false;
  const saver = new Autosaver<string>({
    now: () => Date.now(),
    restFactor: options.restFactor,
    maxRest: options.maxRest,
    async save(value, isUrgent) {
      writing++;
      if (writing > 1) overlapped = true;
      try {
        if (hold) await hold;
        if (takes > 0) await new Promise((r) => setTimeout(r, takes));
        if (fail) throw fail();
        saved.push(value);
        urgent.push(isUrgent);
      } finally {
        writing--;
      }
    },
    onState: (s) => states.push(s.status),
    describe: (e) => `described: ${(e as Error).message}`,
  });
  return {
    saver,
    saved,
    urgent,
    states,
    overlapped: () => overlapped,
    setFail: (f?: () => unknown) => (fail = f),
    setTakes: (ms: number) => (takes = ms),
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

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1000);
});
afterEach(() => vi.useRealTimers());

describe('Autosaver', () => {
  // issue 14: the first change is handed to the store in the same task, so a crash right after an edit finds
  // its write already under way (it used to wait 300 ms, and a crash in that window lost the edit).
  it('writes the first change at once, with no timer in between', async () => {
    const t = setup();
    const save = vi.fn(async () => {});
    const saver = new Autosaver<string>({ save });
    saver.schedule('a');
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('a', false);
    expect(saver.state.status).toBe('saving');
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state.status).toBe('saved');
    // The same with the test store: no time passes between the change and the write.
    t.saver.schedule('b');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saved).toEqual(['b']);
    expect(t.saver.state).toEqual({ status: 'saved', error: null, savedAt: 1000 });
  });

  // issue 14: many quick changes do not each get a write: those made during a write collapse into one.
  it('coalesces the changes made while a write runs and writes only the newest, right after it', async () => {
    const t = setup();
    const release = t.holdWrites();
    t.saver.schedule('a');
    t.saver.schedule('ab');
    t.saver.schedule('abc');
    t.saver.schedule('abcd');
    expect(t.saver.state.status).toBe('pending');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saved).toEqual(['a', 'abcd']);
    expect(t.urgent).toEqual([false, false]);
    expect(t.saver.state.status).toBe('saved');
    expect(t.saver.dirty).toBe(false);
    expect(t.overlapped()).toBe(false);
  });

  it('writes again at once once a write is done: each separate edit gets its own write', async () => {
    const t = setup({ takes: 2 });
    for (const value of ['one', 'two', 'three']) {
      t.saver.schedule(value);
      await vi.advanceTimersByTimeAsync(20); // a little more than the write and its 8 ms rest
    }
    expect(t.saved).toEqual(['one', 'two', 'three']);
  });

  // issue 14: a large design is not written on every keystroke more often than the store can take.
  it('rests restFactor times as long as the last write took before the next one', async () => {
    const t = setup({ takes: 50, restFactor: 4 });
    t.saver.schedule('first');
    await vi.advanceTimersByTimeAsync(10);
    t.saver.schedule('second'); // during the write
    await vi.advanceTimersByTimeAsync(40); // the first write is done at 50 ms
    expect(t.saved).toEqual(['first']);
    t.saver.schedule('third'); // replaces "second": newest wins
    await vi.advanceTimersByTimeAsync(199); // the rest: 4 × 50 ms
    expect(t.saved).toEqual(['first']);
    expect(t.saver.state.status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1 + 50);
    expect(t.saved).toEqual(['first', 'third']);
    // A change after the rest of that write is over is written at once again.
    await vi.advanceTimersByTimeAsync(200);
    t.setTakes(0);
    t.saver.schedule('fourth');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saved).toEqual(['first', 'third', 'fourth']);
    expect(t.overlapped()).toBe(false);
  });

  it('caps the rest at maxRest however slow the write was', async () => {
    const t = setup({ takes: 2000, restFactor: 4, maxRest: 1000 });
    t.saver.schedule('slow');
    t.saver.schedule('next');
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.saved).toEqual(['slow']);
    t.setTakes(0);
    await vi.advanceTimersByTimeAsync(999);
    expect(t.saved).toEqual(['slow']);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.saved).toEqual(['slow', 'next']);
  });

  it('writes at once on flush (page hidden or closing), urgently, without waiting for the rest', async () => {
    const t = setup({ takes: 100 });
    t.saver.schedule('a');
    await vi.advanceTimersByTimeAsync(100);
    t.saver.schedule('b'); // resting for 400 ms
    const flushed = t.saver.flush();
    await vi.advanceTimersByTimeAsync(100);
    await flushed;
    expect(t.saved).toEqual(['a', 'b']);
    expect(t.urgent).toEqual([false, true]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.saved).toEqual(['a', 'b']);
  });

  it('flush waits for the running write, then writes the newest change itself', async () => {
    const t = setup();
    const release = t.holdWrites();
    t.saver.schedule('first');
    t.saver.schedule('second');
    t.saver.schedule('newest');
    const flushed = t.saver.flush();
    release();
    await flushed;
    expect(t.saved).toEqual(['first', 'newest']);
    expect(t.urgent).toEqual([false, true]);
    expect(t.saver.state.status).toBe('saved');
    expect(t.overlapped()).toBe(false);
  });

  it('does not write a value that equals what is stored', async () => {
    const { saver, saved } = setup();
    saver.reset('opened');
    saver.schedule('opened');
    expect(saver.state.status).toBe('saved');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([]);
  });

  it('writes an undo back to the stored value when it comes while the edit is being written', async () => {
    const t = setup();
    t.saver.reset('opened');
    const release = t.holdWrites();
    t.saver.schedule('edited');
    t.saver.schedule('opened'); // undone while "edited" is written: the store must end with "opened"
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saved).toEqual(['edited', 'opened']);
    expect(t.saver.state.status).toBe('saved');
  });

  it('keeps the last good version and the failed value when a write fails; a retry writes it', async () => {
    const t = setup();
    t.saver.schedule('good');
    await t.saver.flush();
    t.setFail(() => new Error('quota'));
    t.saver.schedule('bad luck');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saver.state).toEqual({ status: 'failed', error: 'described: quota', savedAt: 1000 });
    expect(t.saver.dirty).toBe(true);
    expect(t.saved).toEqual(['good']);
    // Not tried again by itself.
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.saver.state.status).toBe('failed');
    t.setFail(undefined);
    await t.saver.retry();
    expect(t.saved).toEqual(['good', 'bad luck']);
    expect(t.saver.state.status).toBe('saved');
    expect(t.saver.dirty).toBe(false);
  });

  it('a flush (or retry) that fails tries once and returns, instead of trying again and again', async () => {
    const t = setup();
    let attempts = 0;
    t.setFail(() => {
      attempts++;
      return new Error('blocked');
    });
    t.saver.schedule('x'); // the first try, at once
    await t.saver.flush(); // one more
    expect(attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(attempts).toBe(2);
    expect(t.saver.state).toMatchObject({ status: 'failed', error: 'described: blocked' });
  });

  it('stays failed (not pending) while later changes wait, and writes the newest after the failure rest', async () => {
    const t = setup({ failWith: () => new Error('blocked') });
    t.saver.schedule('one');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saver.state.status).toBe('failed');
    t.setFail(undefined);
    t.saver.schedule('two');
    t.saver.schedule('three');
    expect(t.saver.state.status).toBe('failed');
    await vi.advanceTimersByTimeAsync(999); // a failing store is not hammered on every change
    expect(t.saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.saved).toEqual(['three']);
    expect(t.saver.state.status).toBe('saved');
  });

  it('a change made while a write fails replaces the failed value', async () => {
    const t = setup();
    t.setFail(() => new Error('quota'));
    const release = t.holdWrites();
    t.saver.schedule('doomed');
    t.saver.schedule('newer');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saver.state.status).toBe('failed');
    t.setFail(undefined);
    await t.saver.retry();
    expect(t.saved).toEqual(['newer']);
  });

  it('ignores a write still running for a value that reset replaced', async () => {
    const t = setup();
    const release = t.holdWrites();
    t.saver.schedule('old design');
    t.saver.reset('new design', 5);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saver.state).toEqual({ status: 'saved', error: null, savedAt: 5 });
    t.saver.schedule('new design');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.saved).toEqual(['old design']);
  });

  it('writes a change to the new value made while a write for the replaced one was still running', async () => {
    const t = setup();
    const release = t.holdWrites();
    t.saver.schedule('old design');
    t.saver.reset('new design', 5);
    t.saver.schedule('new design, edited');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saved).toEqual(['old design', 'new design, edited']);
    expect(t.saver.state.status).toBe('saved');
  });

  it('reports each state change', async () => {
    const t = setup();
    t.saver.schedule('a');
    await t.saver.flush();
    expect(t.states).toEqual(['pending', 'saving', 'saved']);
  });
});
