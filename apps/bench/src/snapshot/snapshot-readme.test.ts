import { describe, expect, it } from 'vitest';
import { entryGroups, formatDuration, utcMinute } from './snapshot-readme.js';

describe('snapshot README helpers', () => {
  it('formats a run date to the minute in UTC', () => {
    expect(utcMinute('2026-12-07T11:22:47.717Z')).toBe('2026-12-07 11:22 UTC');
  });

  it('formats durations in s, min or h', () => {
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(754_000)).toBe('12.6 min');
    expect(formatDuration(3 * 3600_000)).toBe('3.00 h');
  });
});

describe('entryGroups', () => {
  it('groups entries by command, commit and date added, in order of first appearance', () => {
    const e = (benchmark: string, commit: string) => ({
      benchmark,
      commit,
      command: 'c',
      added: '2026-12-07T13:00:00.000Z',
    });
    expect(entryGroups([e('a', 'x'), e('b', 'y'), e('c', 'x')])).toEqual([
      { command: 'c', commit: 'x', added: '2026-12-07T13:00:00.000Z', benchmarks: ['a', 'c'] },
      { command: 'c', commit: 'y', added: '2026-12-07T13:00:00.000Z', benchmarks: ['b'] },
    ]);
  });
});
