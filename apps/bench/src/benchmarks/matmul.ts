import { initBackend } from '@latentkit/tensor';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { matmulTiming, timeMatmul, VARIANTS } from './matmul/compute-matmul.js';
import { measureProduct } from './matmul/measure-matmul.js';
import { renderMatmul } from './matmul/render-matmul.js';

/**
 * Micro-benchmark of the matMul variants behind latentkit's transposed-product gradient fix.
 * Steps: `matmul/compute-matmul.ts` (timing), `measure-matmul.ts` (GFLOP/s, ratios),
 * `render-matmul.ts` (tables, notes, JSON).
 */
export const matmulBenchmark: Benchmark = {
  name: 'matmul',
  description:
    'matMul with and without transpose flags, and the stock vs latentkit matMul gradient, at MLP-VAE shapes',
  inDefaultSuite: true,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const info = await initBackend({ backend: options.backend });
    const timings = await timeMatmul(options.quick);
    const results = timings.map((t) =>
      measureProduct(t.product, VARIANTS, t.timed, t.gradientRelDiff),
    );
    return renderMatmul(info, matmulTiming(options.quick), results);
  },
};
