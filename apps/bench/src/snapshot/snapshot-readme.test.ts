import { describe, expect, it } from 'vitest';
import { formatDuration, utcMinute } from './snapshot-readme.js';

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
