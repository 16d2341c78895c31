import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { computeFans } from './compute-fans.js';

describe('computeFans', () => {
  it('dense [in, out]', () => {
    expect(computeFans([784, 400])).toEqual({ fanIn: 784, fanOut: 400 });
  });

  it('conv filter [kh, kw, cin, cout]: receptive field times channels', () => {
    // PyTorch: Conv2d(16, 32, (3, 5)).weight is [32, 16, 3, 5] → fan_in 16·15, fan_out 32·15.
    expect(computeFans([3, 5, 16, 32])).toEqual({ fanIn: 240, fanOut: 480 });
  });

  it('conv-transpose filter [kh, kw, cout, cin]: fanIn = kh·kw·cout as in PyTorch', () => {
    // PyTorch: ConvTranspose2d(8, 4, 3).weight is [8, 4, 3, 3] → fan_in = 4·9 = 36.
    expect(computeFans([3, 3, 4, 8]).fanIn).toBe(36);
  });

  it('rejects rank < 2 and non-positive sizes', () => {
    expect(() => computeFans([10])).toThrow(InvalidArgumentError);
    expect(() => computeFans([3, 0])).toThrow(InvalidArgumentError);
  });
});
