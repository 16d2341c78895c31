import {
  createPixelCnnPrior,
  encodeCodes,
  type Model,
  type PixelCnnConfig,
  type PriorEpochReport,
  priorNll,
  samplePrior,
  trainPrior,
} from '@latentkit/models';
import type { MnistRows } from '../training/mnist.js';
import { epochProgress } from '../training/progress.js';

/** Sizes of the PixelCNN prior and its training. */
export interface PriorSettings {
  /** Hidden channels. */
  filters: number;
  residualBlocks: number;
  epochs: number;
  /** Grids per step. */
  batchSize: number;
}

/** What {@link trainCodePrior} returns. */
export interface PriorRun {
  config: PixelCnnConfig;
  epochs: PriorEpochReport[];
  /** NLL of the training grids after training, bits per code. */
  trainBits: number;
  /** NLL of the test grids (the test images' codes), bits per code. */
  testBits: number;
  /** Training seconds. */
  seconds: number;
  /** Draws `n` grids `[n, 7, 7]` at `temperature` with `seed`, then frees nothing (call dispose). */
  sample(n: number, seed: number, temperature: number): Int32Array;
  dispose(): void;
}

/**
 * Fits a PixelCNN prior (masked convolutions A then B, over the 7×7 code grid) to the codes of
 * the VQ-VAE's training images, and scores it on the codes of the test images.
 *
 * @param model - The trained VQ-VAE.
 * @param data - Its training images.
 * @param testCodes - The test images' codes, `[n, 7, 7]` row-major.
 */
export async function trainCodePrior(
  model: Model,
  data: MnistRows,
  testCodes: Int32Array,
  settings: PriorSettings,
  seed: number,
): Promise<PriorRun> {
  const vq = model.vq!;
  const [height, width] = vq.indexShape as [number, number];
  const trainCodes = encodeCodes(model, { x: data.x, n: data.n }).indices;
  const config: PixelCnnConfig = {
    height,
    width,
    numCodes: vq.numCodes,
    filters: settings.filters,
    residualBlocks: settings.residualBlocks,
  };
  const prior = createPixelCnnPrior(config, { seed });
  const batches = Math.ceil(data.n / settings.batchSize);
  let bar = epochProgress(`prior epoch 1/${settings.epochs}`, batches);
  const t0 = performance.now();
  const result = await trainPrior(prior, trainCodes, {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    seed,
    onBatch: (r) => bar.batch(r.batch + 1, r.bits),
    onEpoch: (r) => {
      bar.done(
        `prior epoch ${r.epoch + 1}/${settings.epochs}: ${r.seconds.toFixed(1)} s, ` +
          `train NLL ${r.bits.toFixed(3)} bits per code (epoch mean)`,
      );
      if (r.epoch + 1 < settings.epochs) {
        bar = epochProgress(`prior epoch ${r.epoch + 2}/${settings.epochs}`, batches);
      }
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    config,
    epochs: result.epochs,
    trainBits: priorNll(prior, trainCodes).bitsPerCode,
    testBits: priorNll(prior, testCodes).bitsPerCode,
    seconds,
    sample: (n, s, temperature) => samplePrior(prior, { n, seed: s, temperature }).codes,
    dispose: () => prior.dispose(),
  };
}
