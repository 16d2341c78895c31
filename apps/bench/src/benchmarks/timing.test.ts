import { describe, expect, it } from 'vitest';
import { median, timeInterleaved, timeIt } from './timing.js';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('rejects an empty list', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('timeIt', () => {
  it('makes warm-up calls plus the timed calls, and consistent statistics', async () => {
    let calls = 0;
    const s = await timeIt(
      () => {
        calls++;
      },
      { warmup: 2, iterations: 5 },
    );
    expect(calls).toBe(7);
    expect(s.samplesMs).toHaveLength(5);
    expect(s.minMs).toBeLessThanOrEqual(s.medianMs);
    expect(s.medianMs).toBeLessThanOrEqual(s.maxMs);
    expect(s.meanMs).toBeGreaterThanOrEqual(s.minMs);
    expect(s.samplesMs.every((t) => t >= 0)).toBe(true);
  });

  it('awaits async work', async () => {
    let finished = 0;
    await timeIt(
      async () => {
        await new Promise((r) => setTimeout(r, 1));
        finished++;
      },
      { warmup: 1, iterations: 3 },
    );
    expect(finished).toBe(4);
  });

  it('stops at maxTimeMs once minIterations samples are taken', async () => {
    let calls = 0;
    const s = await timeIt(
      async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 2));
      },
      { warmup: 0, iterations: 1000, maxTimeMs: 0, minIterations: 4 },
    );
    expect(s.samplesMs).toHaveLength(4);
    expect(calls).toBe(4);
  });
});

describe('timeInterleaved', () => {
  it('calls every function once per round, in order, after the warm-up rounds', async () => {
    const log: string[] = [];
    const s = await timeInterleaved(
      {
        a: () => log.push('a'),
        b: () => log.push('b'),
      },
      { warmup: 1, iterations: 3 },
    );
    expect(log.join('')).toBe('abababab');
    expect(s.a!.samplesMs).toHaveLength(3);
    expect(s.b!.samplesMs).toHaveLength(3);
    expect(s.a!.minMs).toBeLessThanOrEqual(s.a!.medianMs);
  });

  it('stops at maxTimeMs once minIterations rounds are taken', async () => {
    const s = await timeInterleaved(
      { a: () => new Promise((r) => setTimeout(r, 1)) },
      { warmup: 0, iterations: 1000, maxTimeMs: 0, minIterations: 2 },
    );
    expect(s.a!.samplesMs).toHaveLength(2);
  });
});
