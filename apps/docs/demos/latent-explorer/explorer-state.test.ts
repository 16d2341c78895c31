import { describe, expect, it } from 'vitest';
import {
  drawingNote,
  drawingPercentile,
  examplesByDigit,
  interpolationEnds,
} from './explorer-state.js';

describe('examplesByDigit', () => {
  it('lists the first test indices of each digit, at most `per` of them', () => {
    const labels = Uint8Array.from([3, 1, 3, 3, 0, 1]);
    const ex = examplesByDigit(labels, 2);
    expect(ex).toHaveLength(10);
    expect(ex[3]).toEqual([0, 2]);
    expect(ex[1]).toEqual([1, 5]);
    expect(ex[0]).toEqual([4]);
    expect(ex[9]).toEqual([]);
  });
});

describe('interpolationEnds', () => {
  it('takes the round-th example of each digit, cycling through shorter lists', () => {
    const ex = [
      [10, 11, 12],
      [20, 21],
    ];
    expect(interpolationEnds(ex, 1, 0, 0)).toEqual([20, 10]);
    expect(interpolationEnds(ex, 1, 0, 2)).toEqual([20, 12]);
    expect(interpolationEnds(ex, 0, 1, 3)).toEqual([10, 21]);
  });
});

describe('drawingNote', () => {
  const reference = Float32Array.from([100, 110, 120, 130]);

  it('states where the drawing lands, its score and its rank among the real digits', () => {
    const r = { z: [0.5, -1.25] as const, anomaly: 125, reference };
    expect(drawingPercentile(r)).toBe(0.75);
    const note = drawingNote(r);
    expect(note).toContain('z = (0.50, −1.25)');
    expect(note).toContain('125.0 nats');
    expect(note).toContain('higher than 75 % of 4 real test digits.');
  });

  it('leaves the rank out while the reference scores are still being computed', () => {
    const r = { z: [0, 0] as const, anomaly: 90, reference: new Float32Array(0) };
    expect(drawingPercentile(r)).toBeNaN();
    expect(drawingNote(r)).toMatch(/posterior samples\)\.$/);
  });
});
