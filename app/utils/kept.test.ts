import { describe, expect, it } from 'vitest';
import { keptPerKey } from './kept';

describe('answers kept per key', () => {
  it('works an answer out once per key, keeps at most the limit, then starts again', () => {
    const asked: string[] = [];
    const upper = keptPerKey((key: string, suffix: string) => {
      asked.push(key);
      return key.toUpperCase() + suffix;
    }, 2);
    expect([upper('a', '!'), upper('a', '?'), upper('b', '!')]).toEqual(['A!', 'A!', 'B!']);
    expect(asked).toEqual(['a', 'b']);
    expect(upper('c', '!')).toBe('C!'); // the third key: the two kept are forgotten
    expect(upper('a', '!')).toBe('A!');
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });
});
