import type { Benchmark } from '../benchmark.js';
import { betaVaeBenchmark } from './beta-vae.js';
import { cvaeBenchmark } from './cvae.js';
import { latent2dBenchmark } from './latent-2d.js';
import { matmulBenchmark } from './matmul.js';
import { pcaBenchmark } from './pca.js';
import { referenceBenchmark } from './reference.js';
import { verilogBenchmark } from './verilog.js';
import { vqvaeBenchmark } from './vqvae.js';

/**
 * Every benchmark the CLI knows, in default-suite order. To add one, write
 * `src/benchmarks/<name>.ts` exporting a {@link Benchmark} and list it here; a long one composes
 * train (or compute), measure and render steps kept in `src/benchmarks/<name>/`.
 */
export const benchmarks: readonly Benchmark[] = [
  matmulBenchmark,
  referenceBenchmark,
  latent2dBenchmark,
  cvaeBenchmark,
  betaVaeBenchmark,
  vqvaeBenchmark,
  pcaBenchmark,
  verilogBenchmark,
];
