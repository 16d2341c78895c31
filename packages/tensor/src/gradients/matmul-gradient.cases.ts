// Test-only case table for matmul-gradient.ts (used by matmul-gradient.test.ts and the coverage
// test): all four transposeA/transposeB combinations, rank 2, rank 3 batched, and a rank-3 by
// rank-2 product whose batch dimension is broadcast, and products with k ≤ m (the other form of
// the gradient of `a`).
import * as tf from '@tensorflow/tfjs-core';
import type { GradientCase } from './describe-gradient-cases.js';

/** Stored operand shapes for C[..., m, n] = op(A)·op(B) with m = 3, k = 4, n = 5. */
function operandShapes(batch: number[], tA: boolean, tB: boolean): [number[], number[]] {
  return [
    [...batch, ...(tA ? [4, 3] : [3, 4])],
    [...batch, ...(tB ? [5, 4] : [4, 5])],
  ];
}

const FLAGS: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

/** Finite-difference cases for `matMulGradient` (kernel BatchMatMul). */
export const matMulCases: GradientCase[] = [
  ...[[], [2]].flatMap((batch) =>
    FLAGS.map(([tA, tB]): GradientCase => {
      const [sa, sb] = operandShapes(batch, tA, tB);
      return {
        kernel: 'BatchMatMul',
        name: `matMul [${sa}]·[${sb}] transposeA ${tA} transposeB ${tB}`,
        inputs: [
          { shape: sa, range: [-2, 2] },
          { shape: sb, range: [-2, 2] },
        ],
        f: (a, b) => tf.matMul(a!, b!, tA, tB),
      };
    }),
  ),
  {
    kernel: 'BatchMatMul',
    name: 'matMul [2,3,4]·[4,5] (batch broadcast)',
    inputs: [
      { shape: [2, 3, 4], range: [-2, 2] },
      { shape: [4, 5], range: [-2, 2] },
    ],
    f: (a, b) => tf.matMul(a!, b!),
  },
  {
    kernel: 'BatchMatMul',
    name: 'matMul [1,3,4]·[2,4,5] transposeB false (batch broadcast on a)',
    inputs: [
      { shape: [1, 3, 4], range: [-2, 2] },
      { shape: [2, 4, 5], range: [-2, 2] },
    ],
    f: (a, b) => tf.matMul(a!, b!),
  },
  // k ≤ m: the gradient of `a` takes the other form (dy·bᵀ instead of (b·dyᵀ)ᵀ).
  ...[
    [5, 2],
    [2, 5, 2],
    [4, 4],
  ].map(
    (sa): GradientCase => ({
      kernel: 'BatchMatMul',
      name: `matMul [${sa}]·[${sa.at(-1)},3] (k ≤ m)`,
      inputs: [
        { shape: sa, range: [-2, 2] },
        { shape: [sa.at(-1) as number, 3], range: [-2, 2] },
      ],
      f: (a, b) => tf.matMul(a!, b!),
    }),
  ),
];
