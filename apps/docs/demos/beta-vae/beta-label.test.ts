import { describe, expect, it } from 'vitest';
import { betaLabel } from './beta-label.js';

describe('betaLabel', () => {
  it('names a constant β, a schedule, and a missing one', () => {
    expect(betaLabel({ beta: 20 })).toBe('β = 20');
    expect(betaLabel({ beta: 20, betaSchedule: [{ step: 9380, beta: 12 }] })).toBe(
      'β = 20, then 12 from step 9380',
    );
    expect(
      betaLabel({
        beta: 20,
        betaSchedule: [
          { step: 10, beta: 12 },
          { step: 20, beta: 8 },
        ],
      }),
    ).toBe('β = 20, then 12 from step 10, then 8 from step 20');
    expect(betaLabel(undefined)).toBe('β = ?');
    expect(betaLabel({ capacity: { max: 15 } })).toBe('β = ?');
  });
});
