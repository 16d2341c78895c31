import type { Benchmark } from '../benchmark.js';
import { matmulBenchmark } from './matmul.js';
import { pcaBenchmark } from './pca.js';

/**
 * Every benchmark the CLI knows, in default-suite order. To add one, write
 * `src/benchmarks/<name>.ts` exporting a {@link Benchmark} and list it here.
 */
export const benchmarks: readonly Benchmark[] = [matmulBenchmark, pcaBenchmark];
