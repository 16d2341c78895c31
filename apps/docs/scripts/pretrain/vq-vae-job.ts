// The reference setting of the bench's `vqvae` suite, reused as it is (not copied).
import {
  createModel,
  type EpochReport,
  type Model,
  mnistVqvaeConfig,
  train,
} from '@latentkit/models';
import { tf } from '@latentkit/tensor';
import { MODEL_FILES } from '../../demos/common/asset-files.js';
import { MNIST_SUBSET_SIZE } from '../../demos/common/mnist-subset.js';
import type { TrainingMetadata } from '../../demos/common/training-metadata.js';
import {
  codeUsage,
  normalizedMse,
  pixelVariance,
  reconstructThroughCodes,
} from '../../demos/vq-vae/vq-codes.js';
import { roundStoreToHalf } from './half-precision-weights.js';
import { round } from './model-job.js';
import type { JobOutput, PretrainContext, PretrainJob } from './pretrain-job.js';
import { environment, savePretrained } from './save-pretrained.js';

/** How the VQ-VAE is trained (the bench's reference setting, fewer epochs). */
export const VQ_VAE_TRAINING = {
  seed: 5,
  epochs: 3,
  batchSize: 128,
  lr: 1e-3,
} as const;

/** Names of a VQ-VAE's quantizer state (codebook, EMA sums and sizes): kept as F32. */
export function quantizerStateNames(model: Model): string[] {
  return Object.keys(model.store.toRecord()).filter((name) => /codebook|ema_/.test(name));
}

/**
 * The VQ-VAE demo's autoencoder: the bench's reference conv VQ-VAE (conv 32, 64 → a 7 × 7 grid
 * of D = 16 latents, K = 128 codes, EMA codebook with k-means init and dead-code restarts,
 * Gaussian decoder with σ² = var/2) trained on the 60000 MNIST training images. Scores: test
 * NMSE, code usage and perplexity. Its PixelCNN prior is the next job (`vqVaePrior`).
 */
export const vqVaeJob: PretrainJob = {
  id: 'vqVae',
  description: 'VQ-VAE on MNIST (conv, 7×7 codes, K = 128, EMA + restarts)',
  async run(context: PretrainContext): Promise<JobOutput> {
    const s = VQ_VAE_TRAINING;
    const { train: trainSet, test } = context.mnist();
    const variance = pixelVariance(trainSet.images);
    const outputStd = Math.sqrt(variance / 2);
    // The Keras example's conv VQ-VAE with its default quantizer: K = 128, EMA + restarts.
    const config = mnistVqvaeConfig({ outputStd });
    const model = createModel(config, { seed: s.seed });
    try {
      const epochs: EpochReport[] = [];
      const result = await train(
        model,
        { x: trainSet.images, n: trainSet.count },
        {
          epochs: s.epochs,
          batchSize: s.batchSize,
          learningRate: s.lr,
          seed: s.seed,
          onEpoch: (e) => {
            epochs.push(e);
            context.log(
              `vqVae: epoch ${e.epoch + 1}/${s.epochs} loss ${e.loss.toFixed(2)} ` +
                `perplexity ${e.vq?.perplexity.toFixed(1)} usage ${e.vq?.usage.toFixed(3)} ` +
                `restarts ${e.vq?.restarted}; ${e.seconds.toFixed(1)} s`,
            );
          },
        },
      );
      const testNmse = async (m: Model) => {
        const r = await reconstructThroughCodes(m, test.images, test.count);
        return { ...r, nmse: normalizedMse(test.images, r.images, variance) };
      };
      const nmseF32 = (await testNmse(model)).nmse;
      const keepF32 = quantizerStateNames(model);
      roundStoreToHalf(model.store, keepF32);
      const full = await testNmse(model);
      const usage = codeUsage(full.codes, 128);
      const subsetN = MNIST_SUBSET_SIZE;
      const subsetUsage = codeUsage(full.codes.subarray(0, subsetN * 49), 128);
      const subsetNmse = normalizedMse(
        test.images.subarray(0, subsetN * 784),
        full.images.subarray(0, subsetN * 784),
        variance,
      );
      context.log(
        `vqVae: test NMSE ${full.nmse.toFixed(4)} (float32 ${nmseF32.toFixed(4)}), usage ` +
          `${(100 * usage.usage).toFixed(1)} %, perplexity ${usage.perplexity.toFixed(1)}`,
      );

      const env = environment(context.backend.name);
      const data = `MNIST training images 0–${trainSet.count - 1}, grey levels / 255 (not binarized)`;
      const vqTraining: TrainingMetadata = {
        id: 'vqVae',
        title:
          'VQ-VAE on MNIST (conv 32-64 → 7×7×16, K = 128, EMA codebook + restarts, Gaussian decoder)',
        data,
        seed: s.seed,
        epochs: s.epochs,
        batchSize: s.batchSize,
        lr: s.lr,
        steps: result.steps,
        trainSeconds: round(
          epochs.reduce((a, e) => a + e.seconds, 0),
          1,
        ),
        lossPerEpoch: epochs.map((e) => round(e.loss, 3)),
        weightDtype: 'F16',
        scores: {
          testNmse: round(full.nmse, 5),
          testUsage: round(usage.usage, 4),
          testPerplexity: round(usage.perplexity, 2),
          subsetTestNmse: round(subsetNmse, 5),
          subsetTestUsage: round(subsetUsage.usage, 4),
          subsetTestPerplexity: round(subsetUsage.perplexity, 2),
          testNmseFloat32: round(nmseF32, 5),
        },
        scoreNotes: {
          testNmse: `reconstruction NMSE (MSE per pixel of E[x|z_q] ÷ the training pixel variance ${variance.toFixed(5)}) on the ${test.count} MNIST test images`,
          testUsage: `fraction of the 128 codes used by the test images' 7×7 code grids`,
          testPerplexity: 'exp of the entropy (nats) of the test code frequencies, in [1, 128]',
          subsetTestNmse: `testNmse on the shipped subset (test images 0–${subsetN - 1})`,
          subsetTestUsage: 'testUsage on the shipped subset',
          subsetTestPerplexity: 'testPerplexity on the shipped subset',
          testNmseFloat32: 'testNmse of the float32 weights before rounding to F16',
        },
        extra: {
          variance,
          outputStd,
          f32Params: keepF32,
          perplexityPerEpoch: epochs.map((e) => round(e.vq?.perplexity ?? 0, 2)),
          usagePerEpoch: epochs.map((e) => round(e.vq?.usage ?? 0, 4)),
          restartsPerEpoch: epochs.map((e) => e.vq?.restarted ?? 0),
          testCodeCounts: Array.from(usage.counts),
        },
        environment: env,
      };
      const vqEntry = await savePretrained(context, {
        file: MODEL_FILES.vqVae,
        store: model.store,
        keepF32,
        config: model.config,
        training: vqTraining,
      });

      // For the record: the NMSE if the quantizer state were F16 too.
      roundStoreToHalf(model.store);
      const nmseAllF16 = (await testNmse(model)).nmse;
      context.log(`vqVae: test NMSE with an F16 codebook too: ${nmseAllF16.toFixed(5)}`);
      return {
        models: { vqVae: vqEntry },
        extras: { nmse: { float32: nmseF32, stored: full.nmse, allF16: nmseAllF16 } },
      };
    } finally {
      model.dispose();
      if (tf.memory().numTensors > 0) context.log(`(${tf.memory().numTensors} tensors alive)`);
    }
  },
};
