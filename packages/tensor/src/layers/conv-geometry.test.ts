import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { convOutputLength, convTransposeOutputLength } from './conv-geometry.js';

// Brute-force reference: the output length of a convolution is the number of window positions
// that fit in the padded input; 'same' pads (total) max((out−1)s + k − n, 0) with out = ⌈n/s⌉.
function positions(n: number, k: number, s: number, padTotal: number): number {
  let count = 0;
  for (let start = 0; start + k <= n + padTotal; start += s) count++;
  return count;
}

describe('convOutputLength', () => {
  it('matches window counting for valid, numeric and same padding', () => {
    for (let n = 1; n <= 12; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 1; s <= 3; s++) {
          if (k <= n) expect(convOutputLength(n, k, s, 'valid')).toBe(positions(n, k, s, 0));
          for (const p of [1, 2]) {
            if (k <= n + 2 * p)
              expect(convOutputLength(n, k, s, p)).toBe(positions(n, k, s, 2 * p));
          }
          const out = Math.ceil(n / s);
          const pad = Math.max((out - 1) * s + k - n, 0);
          expect(convOutputLength(n, k, s, 'same')).toBe(positions(n, k, s, pad));
        }
      }
    }
  });

  it('rejects bad arguments', () => {
    expect(() => convOutputLength(5, 0, 1, 'valid')).toThrow(InvalidArgumentError);
    expect(() => convOutputLength(5, 3, 1, -1)).toThrow(InvalidArgumentError);
    expect(() => convOutputLength(5, 3, 1, 'full' as 'same')).toThrow(InvalidArgumentError);
  });
});

describe('convTransposeOutputLength', () => {
  it("is PyTorch's (n−1)s − 2p + k + outputPadding and inverts convOutputLength", () => {
    for (let n = 1; n <= 8; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 1; s <= 3; s++) {
          for (let op = 0; op < s; op++) {
            for (const p of [0, 1, 2]) {
              const expected = (n - 1) * s - 2 * p + k + op;
              if (expected < 1) continue;
              const pad = p === 0 ? 'valid' : p;
              const out = convTransposeOutputLength(n, k, s, pad, op);
              expect(out).toBe(expected);
              expect(convOutputLength(out, k, s, pad)).toBe(n);
            }
          }
          const same = convTransposeOutputLength(n, k, s, 'same');
          expect(same).toBe(n * s);
          expect(convOutputLength(same, k, s, 'same')).toBe(n);
        }
      }
    }
  });

  it('rejects outputPadding ≥ stride, outputPadding with same, and too much padding', () => {
    expect(() => convTransposeOutputLength(4, 3, 2, 'valid', 2)).toThrow(/outputPadding/);
    expect(() => convTransposeOutputLength(4, 3, 2, 'same', 1)).toThrow(/outputPadding/);
    expect(() => convTransposeOutputLength(1, 1, 1, 3)).toThrow(InvalidArgumentError);
  });
});
