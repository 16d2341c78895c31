import { describe, expect, it } from 'vitest';
import type { ProductResult, VariantResult } from './measure-matmul.js';
import { gradientTable, variantsTable } from './render-matmul.js';

const variant = (variant: string, medianMs: number, relativeToPlain: number): VariantResult => ({
  variant,
  label: variant,
  flops: 1,
  medianMs,
  minMs: medianMs * 0.9,
  maxMs: medianMs,
  meanMs: medianMs,
  samples: 11,
  gflops: 12.345,
  relativeToPlain,
});

const result: ProductResult = {
  product: 'encoder 784→400',
  m: 128,
  k: 784,
  n: 400,
  variants: [
    variant('plain', 1.5, 1),
    variant('gradStock', 4.5, 3),
    variant('gradLatentkit', 3, 2),
  ],
  gradientSpeedupStockOverLatentkit: 1.5,
  gradientMaxRelDiff: 2.345e-7,
};

describe('matmul tables', () => {
  it('writes one variant row with the shape, times, GFLOP/s and ratio', () => {
    expect(variantsTable([result]).rows[1]).toEqual([
      'encoder 784→400 [128,784]·[784,400]',
      'gradStock',
      '4.500',
      '4.050',
      '12.3',
      '3.00×',
      '11',
    ]);
  });

  it('summarizes the gradients of each product', () => {
    expect(gradientTable([result]).rows).toEqual([
      ['encoder 784→400 [128,784]·[784,400]', '4.500', '3.000', '1.50×', '2.3e-7'],
    ]);
  });
});
