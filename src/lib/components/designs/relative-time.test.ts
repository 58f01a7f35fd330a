import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

const now = new Date(2025, 5, 15, 14, 0).getTime();
const ago = (ms: number) => relativeTime(now - ms, now, 'en-GB');

describe('relativeTime', () => {
  it('says how long ago, in the largest unit that reads well', () => {
    expect(ago(10_000)).toBe('just now');
    expect(ago(5 * 60_000)).toBe('5 min ago');
    expect(ago(3 * 3_600_000)).toBe('3 h ago');
    expect(ago(20 * 3_600_000)).toBe('yesterday');
    expect(ago(5 * 86_400_000)).toBe('10 Jun');
    expect(relativeTime(new Date(2023, 0, 2).getTime(), now, 'en-GB')).toBe('2 Jan 2023');
  });

  it('admits not knowing when a record has no time', () => {
    expect(relativeTime(0, now)).toBe('unknown');
  });
});
