import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The reference setting of the bench's `vqvae` suite, reused as it is (not copied).
import {
  createModel,
  createPixelCnnPrior,
  type EpochReport,
  type Model,
  mnistVqvaeConfig,
  type PixelCnnConfig,
  type PriorEpochReport,
  priorNll,
  samplePrior,
  train,
  trainPrior,
} from '@latentkit/models';
import { createRng, tf } from '@latentkit/tensor';
import { MODEL_FILES } from '../../demos/common/asset-files.js';
import { classifierFromBytes } from '../../demos/common/mnist-classifier.js';
import { MNIST_SUBSET_SIZE } from '../../demos/common/mnist-subset.js';
import type { TrainingMetadata } from '../../demos/common/training-metadata.js';
import { classifierReadings, READ_AS_DIGIT } from '../../demos/vq-vae/classifier-readings.js';
import {
  codeUsage,
  decodeGrids,
  normalizedMse,
  pixelVariance,
  reconstructThroughCodes,
  uniformGrids,
} from '../../demos/vq-vae/vq-codes.js';
import { roundStoreToHalf } from './half-precision-weights.js';
import { round } from './model-job.js';
import type { JobOutput, PretrainContext, PretrainJob } from './pretrain-job.js';
import { environment, savePretrained } from './save-pretrained.js';

/** How the VQ-VAE and its prior are trained (the bench's reference setting, fewer epochs). */
export const VQ_VAE_TRAINING = {
  seed: 5,
  epochs: 3,
  batchSize: 128,
  lr: 1e-3,
  prior: {
    seed: 6,
    epochs: 4,
    batchSize: 128,
    lr: 1e-3,
    // 64 filters and 2 residual blocks as the bench; a 5 × 5 mask-A kernel instead of 7 × 7
    // keeps the file at ~0.5 MiB (the input layer stores kh·kw·K·filters weights).
    config: { filters: 64, residualBlocks: 2, kernelSize: 5 },
  },
  /** Prior samples and random grids scored by the classifier, and their seeds. */
  scored: 1000,
  sampleSeed: 1,
  sampleTemperature: 1,
  /** A sharper temperature scored too (the demo's default). */
  coolTemperature: 0.7,
  randomSeed: 2,
} as const;

/** Names of a VQ-VAE's quantizer state (codebook, EMA sums and sizes): kept as F32. */
export function quantizerStateNames(model: Model): string[] {
  return Object.keys(model.store.toRecord()).filter((name) => /codebook|ema_/.test(name));
}

/**
 * The VQ-VAE demo's models: the bench's reference conv VQ-VAE (conv 32, 64 → a 7 × 7 grid of
 * D = 16 latents, K = 128 codes, EMA codebook with k-means init and dead-code restarts, Gaussian
 * decoder with σ² = var/2) trained on the 60000 MNIST training images, then a PixelCNN prior on
 * their code grids. Scores: test NMSE, code usage and perplexity, prior NLL in bits per code,
 * and the classifier's readings of real digits, prior samples and uniformly random grids.
 */
export const vqVaeJob: PretrainJob = {
  id: 'vqVae',
  description: 'VQ-VAE on MNIST (conv, 7×7 codes, K = 128, EMA + restarts) and its PixelCNN prior',
  dependsOn: ['classifier'],
  async run(context: PretrainContext): Promise<JobOutput> {
    const s = VQ_VAE_TRAINING;
    const { train: trainSet, test } = context.mnist();
    const variance = pixelVariance(trainSet.images);
    const outputStd = Math.sqrt(variance / 2);
    // The Keras example's conv VQ-VAE with its default quantizer: K = 128, EMA + restarts.
    const config = mnistVqvaeConfig({ outputStd });
    const model = createModel(config, { seed: s.seed });
    let prior: ReturnType<typeof createPixelCnnPrior> | undefined;
    const { classifier } = classifierFromBytes(
      new Uint8Array(readFileSync(join(context.modelsDir, MODEL_FILES.classifier))),
    );
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

      // The prior, on the code grids of the training images (from the stored weights).
      const trainCodes = (await reconstructThroughCodes(model, trainSet.images, trainSet.count))
        .codes;
      const priorConfig: PixelCnnConfig = { height: 7, width: 7, numCodes: 128, ...s.prior.config };
      prior = createPixelCnnPrior(priorConfig, { seed: s.prior.seed });
      const priorEpochs: PriorEpochReport[] = [];
      const priorResult = await trainPrior(prior, trainCodes, {
        epochs: s.prior.epochs,
        batchSize: s.prior.batchSize,
        learningRate: s.prior.lr,
        seed: s.prior.seed,
        onEpoch: (e) => {
          priorEpochs.push(e);
          context.log(
            `vqVae prior: epoch ${e.epoch + 1}/${s.prior.epochs} ${e.bits.toFixed(3)} bits per code, ` +
              `${e.seconds.toFixed(1)} s`,
          );
        },
      });
      const bitsF32 = priorNll(prior, full.codes).bitsPerCode;
      roundStoreToHalf(prior.store);
      const testBits = priorNll(prior, full.codes).bitsPerCode;
      const trainBits = priorNll(prior, trainCodes).bitsPerCode;
      context.log(
        `vqVae prior: test NLL ${testBits.toFixed(3)} bits per code (float32 ${bitsF32.toFixed(3)})`,
      );

      const n = s.scored;
      const sampled = samplePrior(prior, {
        n,
        seed: s.sampleSeed,
        temperature: s.sampleTemperature,
      }).codes;
      const random = uniformGrids(n, 49, 128, createRng(s.randomSeed));
      const real = classifierReadings(classifier, test.images, test.count);
      const fromPrior = classifierReadings(classifier, decodeGrids(model, sampled, n), n);
      const fromRandom = classifierReadings(classifier, decodeGrids(model, random, n), n);
      const sampleUsage = codeUsage(sampled, 128);
      const cool = samplePrior(prior, {
        n,
        seed: s.sampleSeed,
        temperature: s.coolTemperature,
      }).codes;
      const fromCool = classifierReadings(classifier, decodeGrids(model, cool, n), n);
      context.log(
        `vqVae: classifier mean top-class probability: real ${real.meanTop.toFixed(3)}, ` +
          `prior ${fromPrior.meanTop.toFixed(3)}, random ${fromRandom.meanTop.toFixed(3)}; ` +
          `read as a digit: ${real.readAsDigit.toFixed(3)} / ${fromPrior.readAsDigit.toFixed(3)} / ` +
          `${fromRandom.readAsDigit.toFixed(3)}; T = ${s.coolTemperature}: ` +
          `${fromCool.meanTop.toFixed(3)} / ${fromCool.readAsDigit.toFixed(3)}`,
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

      const priorTraining: TrainingMetadata = {
        id: 'vqVaePrior',
        title: `PixelCNN prior over the VQ-VAE's 7×7 code grids (${s.prior.config.filters} filters, ${s.prior.config.residualBlocks} residual blocks, ${s.prior.config.kernelSize}×${s.prior.config.kernelSize} mask A)`,
        data: `the code grids of ${data} under vq-vae.safetensors`,
        seed: s.prior.seed,
        epochs: s.prior.epochs,
        batchSize: s.prior.batchSize,
        lr: s.prior.lr,
        steps: priorResult.steps,
        trainSeconds: round(
          priorEpochs.reduce((a, e) => a + e.seconds, 0),
          1,
        ),
        lossPerEpoch: priorEpochs.map((e) => round(e.nats, 4)),
        weightDtype: 'F16',
        scores: {
          testBitsPerCode: round(testBits, 4),
          trainBitsPerCode: round(trainBits, 4),
          testBitsPerCodeFloat32: round(bitsF32, 4),
          realMeanTop: round(real.meanTop, 4),
          sampleMeanTop: round(fromPrior.meanTop, 4),
          randomMeanTop: round(fromRandom.meanTop, 4),
          realReadAsDigit: round(real.readAsDigit, 4),
          sampleReadAsDigit: round(fromPrior.readAsDigit, 4),
          randomReadAsDigit: round(fromRandom.readAsDigit, 4),
          coolSampleMeanTop: round(fromCool.meanTop, 4),
          coolSampleReadAsDigit: round(fromCool.readAsDigit, 4),
          sampleUsage: round(sampleUsage.usage, 4),
        },
        scoreNotes: {
          testBitsPerCode: `prior NLL, bits per code, on the code grids of the ${test.count} MNIST test images (uniform: 7 bits)`,
          trainBitsPerCode: 'the same on the training grids',
          testBitsPerCodeFloat32: 'testBitsPerCode of the float32 weights before rounding to F16',
          realMeanTop: `the pretrained classifier's mean top-class probability on the ${test.count} real test digits`,
          sampleMeanTop: `the same on ${n} decoded prior samples (samplePrior seed ${s.sampleSeed}, temperature ${s.sampleTemperature})`,
          randomMeanTop: `the same on ${n} decoded grids of uniformly random codes (seed ${s.randomSeed})`,
          realReadAsDigit: `fraction of real test digits whose top-class probability is ≥ ${READ_AS_DIGIT}`,
          sampleReadAsDigit: 'the same for the prior samples',
          randomReadAsDigit: 'the same for the random grids',
          coolSampleMeanTop: `sampleMeanTop for samples at temperature ${s.coolTemperature} (same seed)`,
          coolSampleReadAsDigit: `sampleReadAsDigit at temperature ${s.coolTemperature}`,
          sampleUsage: 'fraction of the 128 codes that occur in the prior samples',
        },
        extra: { lossUnit: 'lossPerEpoch: mean NLL of the epoch, nats per code' },
        environment: env,
      };
      const priorEntry = await savePretrained(context, {
        file: MODEL_FILES.vqVaePrior,
        store: prior.store,
        config: prior.config,
        training: priorTraining,
      });

      // For the record: the NMSE if the quantizer state were F16 too.
      roundStoreToHalf(model.store);
      const nmseAllF16 = (await testNmse(model)).nmse;
      context.log(`vqVae: test NMSE with an F16 codebook too: ${nmseAllF16.toFixed(5)}`);
      return {
        models: { vqVae: vqEntry, vqVaePrior: priorEntry },
        extras: {
          nmse: { float32: nmseF32, stored: full.nmse, allF16: nmseAllF16 },
          priorBits: { float32: bitsF32, stored: testBits },
        },
      };
    } finally {
      classifier.dispose();
      prior?.dispose();
      model.dispose();
      if (tf.memory().numTensors > 0) context.log(`(${tf.memory().numTensors} tensors alive)`);
    }
  },
};
