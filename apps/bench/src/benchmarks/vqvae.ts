import { initBackend } from '@latentkit/tensor';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { VQVAE_SETTINGS } from '../vqvae/settings.js';
import { renderVqvae } from './vqvae/render-vqvae.js';
import { trainVqvae } from './vqvae/train-vqvae.js';

/**
 * The VQ-VAE suite: the reference conv VQ-VAE (K = 128, D = 16) with plain VQ, EMA and EMA +
 * dead-code restarts side by side; a PixelCNN prior over the EMA + restart model's codes; an MLP
 * digit classifier that judges real digits, prior samples and random-code decodings; the PyTorch
 * twin of the EMA + restarts run (`python/torch_vqvae.py`, best probed configuration). Steps:
 * `vqvae/train-vqvae.ts` (models, prior, judging), `measure-vqvae.ts` (targets, restarts),
 * `render-vqvae.ts` (table, notes, figures, JSON).
 */
export const vqvaeBenchmark: Benchmark = {
  name: 'vqvae',
  description:
    'VQ-VAE (K = 128, D = 16): plain VQ vs EMA vs EMA + restarts (NMSE, perplexity, usage), PixelCNN prior samples judged by a classifier',
  // Not in the default suite: the quick default (≈ 2¾ min before the verilog suite, which alone
  // measured 7–9 min in quick mode on this 2-core machine) would pass the 10-minute budget with
  // this suite's ≈ 1½–2½ min. Run it with `pnpm bench vqvae`.
  inDefaultSuite: false,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const backend = await initBackend({ backend: options.backend });
    const settings = options.quick ? VQVAE_SETTINGS.quick : VQVAE_SETTINGS.full;
    const training = await trainVqvae(settings, {
      torchThreads: options.torchThreads,
      probeRounds: options.quick ? 1 : 2,
    });
    return renderVqvae({ backend, settings, quick: options.quick, training });
  },
};
