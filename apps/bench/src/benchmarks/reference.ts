import { initBackend } from '@latentkit/tensor';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { selectTrainer } from '../training/trainer.js';
import { measureReference } from './reference/measure-reference.js';
import { referenceSettings } from './reference/reference-settings.js';
import { renderReference } from './reference/render-reference.js';
import { trainReference } from './reference/train-reference.js';

/**
 * The reference run: the pytorch/examples VAE (784-400-20, ReLU, Adam 1e-3, batch 128,
 * BCE summed + KL, grey-level MNIST), trained by latentkit and by PyTorch in the same session
 * (when `/usr/bin/python3` has torch), reporting samples/s, seconds per epoch and the test loss
 * per image, plus loss curves, prior samples and interpolation strips of the first seed's model.
 * Steps: `reference/train-reference.ts` (training, PyTorch, evaluation), `measure-reference.ts`
 * (summaries and ratios), `render-reference.ts` (table, notes, figures, JSON).
 */
export const referenceBenchmark: Benchmark = {
  name: 'reference',
  description:
    'pytorch/examples VAE (784-400-20) on grey-level MNIST: samples/s, s/epoch and test loss vs PyTorch',
  inDefaultSuite: true,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const info = await initBackend({ backend: options.backend });
    const trainer = await selectTrainer(options.workers);
    const settings = referenceSettings(options);
    const training = await trainReference({
      settings,
      trainer,
      torchThreads: options.torchThreads,
      probeRounds: options.quick ? 1 : 2,
    });
    const measures = measureReference({ ...training, seeds: settings.seeds });
    return renderReference({ info, trainer, settings, quick: options.quick, training, measures });
  },
};
