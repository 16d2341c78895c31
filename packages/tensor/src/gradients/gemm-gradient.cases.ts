// Test-only case table for gemm-gradient.ts (used by gemm-gradient.test.ts and the coverage test):
// the three kernel layouts and the rewritten both-transposed one, with and without a bias, with
// ReLU, on sizes that exercise the kernels' full tiles and their edges.
import { gemm } from '../kernels/gemm.js';
import type { GradientCase } from './describe-gradient-cases.js';

const LAYOUTS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** Stored operand shapes for op(a)·op(b) = [m, n] with inner size k. */
function shapes(m: number, k: number, n: number, tA: boolean, tB: boolean): number[][] {
  return [tA ? [k, m] : [m, k], tB ? [n, k] : [k, n]];
}

/** Finite-difference cases for `gemmGradient` (kernel LatentkitGemm). */
export const gemmCases: GradientCase[] = [
  ...LAYOUTS.flatMap(([tA, tB]): GradientCase[] => {
    const [sa, sb] = shapes(5, 6, 9, tA, tB) as [number[], number[]];
    return [
      {
        kernel: 'LatentkitGemm',
        name: `gemm [${sa}]·[${sb}] transposeA ${tA} transposeB ${tB}`,
        inputs: [
          { shape: sa, range: [-2, 2] },
          { shape: sb, range: [-2, 2] },
        ],
        f: (a, b) => gemm(a!, b!, { transposeA: tA, transposeB: tB }),
      },
      {
        kernel: 'LatentkitGemm',
        name: `gemm [${sa}]·[${sb}] + bias transposeA ${tA} transposeB ${tB}`,
        inputs: [
          { shape: sa, range: [-2, 2] },
          { shape: sb, range: [-2, 2] },
          { shape: [9], range: [-2, 2] },
        ],
        f: (a, b, bias) => gemm(a!, b!, { transposeA: tA, transposeB: tB, bias: bias! }),
      },
    ];
  }),
  // ReLU: |op(a)·op(b)| ≤ 4·0.5·0.5 = 1 and |bias| = 3, so the sign of every pre-activation is
  // the bias's and no finite-difference step crosses the kink; both signs occur.
  ...LAYOUTS.slice(0, 3).map(([tA, tB]): GradientCase => {
    const [sa, sb] = shapes(6, 4, 10, tA, tB) as [number[], number[]];
    return {
      kernel: 'LatentkitGemm',
      name: `gemm [${sa}]·[${sb}] + bias, relu, transposeA ${tA} transposeB ${tB}`,
      inputs: [
        { shape: sa, range: [-0.5, 0.5] },
        { shape: sb, range: [-0.5, 0.5] },
        { shape: [10], values: [3, -3, 3, 3, -3, -3, 3, -3, 3, -3] },
      ],
      f: (a, b, bias) =>
        gemm(a!, b!, { transposeA: tA, transposeB: tB, bias: bias!, activation: 'relu' }),
    };
  }),
  {
    kernel: 'LatentkitGemm',
    name: 'gemm [1,7]·[7,1] (a single dot product)',
    inputs: [
      { shape: [1, 7], range: [-2, 2] },
      { shape: [7, 1], range: [-2, 2] },
    ],
    f: (a, b) => gemm(a!, b!),
  },
];
