import type { BackendInfo } from '@latentkit/tensor';
import type { BenchOutput, BenchTable } from '../../benchmark.js';
import { formatTable } from '../../report.js';
import type { TimingOptions } from '../timing.js';
import type { ProductResult } from './measure-matmul.js';

const fmt = (x: number, digits = 2) => x.toFixed(digits);

const shape = (r: ProductResult) => `${r.product} [${r.m},${r.k}]·[${r.k},${r.n}]`;

/** One row per product and variant: median and fastest ms, GFLOP/s, × plain, samples. */
export function variantsTable(results: readonly ProductResult[]): BenchTable {
  return {
    columns: ['product', 'variant', 'median ms', 'min ms', 'GFLOP/s', '× plain', 'n'],
    rows: results.flatMap((r) =>
      r.variants.map((v) => [
        shape(r),
        v.label,
        fmt(v.medianMs, 3),
        fmt(v.minMs, 3),
        fmt(v.gflops, 1),
        `${fmt(v.relativeToPlain)}×`,
        String(v.samples),
      ]),
    ),
  };
}

/** One row per product: the two gradients' medians, their ratio and their largest difference. */
export function gradientTable(results: readonly ProductResult[]): BenchTable {
  const median = (r: ProductResult, id: string) =>
    r.variants.find((v) => v.variant === id)!.medianMs;
  return {
    columns: ['product', 'stock grad ms', 'latentkit grad ms', 'stock/latentkit', 'max rel diff'],
    rows: results.map((r) => [
      shape(r),
      fmt(median(r, 'gradStock'), 3),
      fmt(median(r, 'gradLatentkit'), 3),
      `${fmt(r.gradientSpeedupStockOverLatentkit)}×`,
      r.gradientMaxRelDiff.toExponential(1),
    ]),
  };
}

/** The matmul report: backend and timing header, the variants table, the gradient summary. */
export function renderMatmul(
  info: BackendInfo,
  timing: TimingOptions,
  results: ProductResult[],
): BenchOutput {
  return {
    header: [
      `backend ${info.name}, SIMD ${info.simd ? 'yes' : 'no'}, threads ${info.threads}` +
        (info.fellBack ? ` (fell back: ${info.fallbackReason})` : ''),
      `timing: median of up to ${timing.iterations} interleaved rounds (every ` +
        `variant once per round) after ${timing.warmup} warm-up rounds; ` +
        'each call reads its result back with dataSync()',
    ],
    table: variantsTable(results),
    notes: [
      '',
      'Gradient of C = A·B (dA = dY·Bᵀ and dB = Aᵀ·dY), stock-style flags vs latentkit:',
      ...formatTable(gradientTable(results)).split('\n'),
      '',
      '"× plain" is the median time relative to the plain product of the same shape (gradient rows',
      'do two products, so 2× is par). "stock/latentkit" > 1 means latentkit\'s gradient is faster.',
    ],
    results: { backend: info, products: results },
  };
}
