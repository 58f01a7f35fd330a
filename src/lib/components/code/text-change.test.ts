import { describe, expect, it } from 'vitest';
import { textChange } from './text-change';

const apply = (text: string, c: ReturnType<typeof textChange>) =>
  c ? text.slice(0, c.from) + c.insert + text.slice(c.to) : text;

describe('textChange', () => {
  it('is null for equal texts', () => {
    expect(textChange('abc', 'abc')).toBeNull();
  });
  it('replaces only the differing middle', () => {
    expect(textChange('a b c', 'a x c')).toEqual({ from: 2, to: 3, insert: 'x' });
  });
  it('handles an insertion and a deletion', () => {
    expect(textChange('ab', 'aXb')).toEqual({ from: 1, to: 1, insert: 'X' });
    expect(textChange('aXb', 'ab')).toEqual({ from: 1, to: 2, insert: '' });
  });
  it('does not let the common start and end overlap (repeated characters)', () => {
    const c = textChange('aaa', 'aaaa');
    expect(c).toEqual({ from: 3, to: 3, insert: 'a' });
    expect(apply('aaa', c)).toBe('aaaa');
  });
  it('gives the new text back for every pair of a small alphabet', () => {
    const words = ['', 'a', 'b', 'ab', 'ba', 'aab', 'abb', 'abab', 'bbaa'];
    for (const x of words) for (const y of words) expect(apply(x, textChange(x, y))).toBe(y);
  });
});
