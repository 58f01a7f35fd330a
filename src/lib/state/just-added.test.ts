import { describe, expect, it } from 'vitest';
import { JUST_ADDED_MS, markJustAdded, takeJustAdded } from './just-added';

describe('just added', () => {
  it('answers true once for the marked id', () => {
    markJustAdded('t_a', 1000);
    expect(takeJustAdded('t_b', 1001)).toBe(false);
    expect(takeJustAdded('t_a', 1002)).toBe(true);
    expect(takeJustAdded('t_a', 1003)).toBe(false);
  });

  it('keeps only the latest mark', () => {
    markJustAdded('t_a', 1000);
    markJustAdded('c_b', 1001);
    expect(takeJustAdded('t_a', 1002)).toBe(false);
    expect(takeJustAdded('c_b', 1002)).toBe(true);
  });

  it('lets a mark expire when its element was not shown in time', () => {
    markJustAdded('t_a', 1000);
    expect(takeJustAdded('t_a', 1000 + JUST_ADDED_MS + 1)).toBe(false);
    markJustAdded('t_a', 1000);
    expect(takeJustAdded('t_a', 1000 + JUST_ADDED_MS)).toBe(true);
  });
});
