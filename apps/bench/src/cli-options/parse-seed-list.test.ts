import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseSeedList } from './parse-seed-list.js';

describe('parseSeedList', () => {
  it('reads comma-separated integers, spaces allowed', () => {
    expect(parseSeedList('1,2, 3')).toEqual([1, 2, 3]);
    expect(parseSeedList('0')).toEqual([0]);
  });

  it('refuses empty entries, non-integers, negatives and repeats', () => {
    for (const bad of ['', '1,,2', '1.5', '-1', 'a', '1,1']) {
      expect(() => parseSeedList(bad), bad).toThrow(InvalidArgumentError);
    }
  });
});
