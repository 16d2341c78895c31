/**
 * The VQ-VAE demo's model work, as functions of the loaded models and the MNIST subset (plain
 * data in, typed arrays out): it runs in the model worker (`vq-vae-session.ts`) and in Node
 * tests. Nothing here touches the page.
 */

import type { MnistSplit } from '@latentkit/datasets';
import type { Model, PixelCnnPrior } from '@latentkit/models';
import { createRng } from '@latentkit/tensor';
import { classifierFromBytes, type MnistClassifier } from '../common/mnist-classifier.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import { classifierReadings } from './classifier-readings.js';
import { drawGrids, priorFromBytes } from './code-prior.js';
import {
  codeUsage,
  decodeGrids,
  nearestNeighbourNmse,
  normalizedMse,
  reconstructThroughCodes,
  uniformGrids,
} from './vq-codes.js';

/** Pixels of one MNIST image. */
const PIXELS = 784;

/**
 * The VQ-VAE alone, with what its training record says: all the first output needs (the prior
 * and the classifier load after it is drawn).
 */
export interface VqVaeCodec {
  model: Model;
  /** Pixel variance of the training data (intensities), from the VQ-VAE's training record. */
  variance: number;
  /** Training scores of the VQ-VAE (`testNmse`, `testUsage`). */
  scores: Record<string, number>;
}

/** The three pretrained models of the demo. */
export interface VqVaeModels {
  model: Model;
  prior: PixelCnnPrior;
  classifier: MnistClassifier;
  /** Pixel variance of the training data (intensities), from the VQ-VAE's training record. */
  variance: number;
  /** Training scores of the VQ-VAE (`testNmse`, `testUsage`) and the prior (`testBitsPerCode`). */
  scores: { vq: Record<string, number>; prior: Record<string, number> };
  dispose(): void;
}

/**
 * Builds the VQ-VAE from the bytes of `vq-vae.safetensors`. The caller disposes `model`.
 *
 * @throws As `pretrainedFromBytes` (corrupt file, missing config or training record).
 */
export function loadVqVaeCodec(bytes: Uint8Array): VqVaeCodec {
  const vq = pretrainedFromBytes(bytes);
  return {
    model: vq.model,
    variance: Number(
      (vq.training.extra as { variance?: number } | undefined)?.variance ?? Number.NaN,
    ),
    scores: vq.training.scores,
  };
}

/**
 * Adds the prior (`vq-vae-prior.safetensors`) and the classifier
 * (`mnist-classifier.safetensors`) to a loaded VQ-VAE. The result's `dispose` frees all three.
 *
 * @throws As `priorFromBytes` and `classifierFromBytes`; then nothing new stays allocated and
 *   the codec remains the caller's.
 */
export function completeVqVaeModels(
  codec: VqVaeCodec,
  files: { prior: Uint8Array; classifier: Uint8Array },
): VqVaeModels {
  const p = priorFromBytes(files.prior);
  try {
    const { classifier } = classifierFromBytes(files.classifier);
    return {
      model: codec.model,
      prior: p.prior,
      classifier,
      variance: codec.variance,
      scores: { vq: codec.scores, prior: p.training.scores },
      dispose() {
        codec.model.dispose();
        p.prior.dispose();
        classifier.dispose();
      },
    };
  } catch (error) {
    p.prior.dispose();
    throw error;
  }
}

/**
 * Builds the demo's models from the bytes of `vq-vae.safetensors`, `vq-vae-prior.safetensors`
 * and `mnist-classifier.safetensors` ({@link loadVqVaeCodec}, then {@link completeVqVaeModels}).
 * The caller disposes them.
 *
 * @throws As `pretrainedFromBytes`, `priorFromBytes` and `classifierFromBytes` (corrupt files,
 *   missing configs); nothing stays allocated when one fails.
 */
export function loadVqVaeModels(files: {
  vq: Uint8Array;
  prior: Uint8Array;
  classifier: Uint8Array;
}): VqVaeModels {
  const codec = loadVqVaeCodec(files.vq);
  try {
    return completeVqVaeModels(codec, files);
  } catch (error) {
    codec.model.dispose();
    throw error;
  }
}

/** Classifier readings flattened for a message: mean and per-image labels and confidences. */
export interface RowReadings {
  meanTop: number;
  readAsDigit: number;
  /** Entropy (bits) of the histogram of the digits read (see `ClassifierReadings`). */
  classEntropy: number;
  labels: Uint8Array;
  confidence: Float32Array;
}

/**
 * What {@link firstOutput} returns: the images the demo shows first, all from the VQ-VAE alone
 * (the classifier's readings and the nearest-digit distances follow: {@link firstDetails}).
 */
export interface VqVaeFirstOutput {
  /** Index of the first test image shown. */
  start: number;
  /** The test digits shown, `[columns × 784]` intensities. */
  originals: Float32Array;
  /** Their reconstructions through the code grid, `[columns × 784]`. */
  reconstructions: Float32Array;
  /** Their code grids, `[columns × 49]`. */
  codes: Int32Array;
  /** NMSE of the row (MSE ÷ `variance`). */
  nmse: number;
  /** Decodings of uniformly random code grids (seed 0), `[columns × 784]`. */
  random: Float32Array;
  /** NMSE of the random row against the test digits above it. */
  randomVsOriginals: number;
}

/** What {@link firstDetails} returns: the readings of the first output's rows. */
export interface VqVaeFirstDetails {
  realReadings: RowReadings;
  randomReadings: RowReadings;
  /** Mean NMSE to the nearest training digit of the subset: test digits, random row. */
  realNearest: number;
  randomNearest: number;
  /** Training digits of the subset the nearest-digit distances use. */
  references: number;
}

function readingsOf(classifier: MnistClassifier, images: Float32Array, n: number): RowReadings {
  const r = classifierReadings(classifier, images, n);
  return {
    meanTop: r.meanTop,
    readAsDigit: r.readAsDigit,
    classEntropy: r.classEntropy,
    labels: r.labels,
    confidence: r.confidence,
  };
}

/**
 * The first output of the demo: `columns` test digits from `first` (clamped so a whole row
 * fits), their reconstructions and codes, and the decodings of `columns` uniformly random code
 * grids. Needs only the VQ-VAE and the test split.
 *
 * @param codec - The loaded VQ-VAE (or all the models).
 * @param test - The test split of the shipped MNIST subset.
 * @param options - Row length and first test image.
 * @throws {@link InvalidArgumentError} (from `reconstructThroughCodes`) for a bad row.
 */
export async function firstOutput(
  codec: Pick<VqVaeCodec, 'model' | 'variance'>,
  test: MnistSplit,
  options: { columns: number; first: number },
): Promise<VqVaeFirstOutput> {
  const { columns } = options;
  const start = Math.max(0, Math.min(options.first, test.count - columns));
  const bytes = test.images.subarray(start * PIXELS, (start + columns) * PIXELS);
  const originals = Float32Array.from(bytes, (v) => v / 255);
  const rec = await reconstructThroughCodes(codec.model, bytes, columns, { batchSize: columns });
  const grids = uniformGrids(columns, 49, 128, createRng(0).fork('uniform-codes'));
  const random = decodeGrids(codec.model, grids, columns);
  return {
    start,
    originals,
    reconstructions: rec.images,
    codes: rec.codes,
    nmse: normalizedMse(originals, rec.images, codec.variance, 1),
    random,
    randomVsOriginals: normalizedMse(originals, random, codec.variance, 1),
  };
}

/**
 * The classifier's readings of the first output's test digits and random row, and their mean
 * distances to the nearest training digit of `references`.
 *
 * @param models - The loaded models (the classifier reads, `variance` scales the distances).
 * @param first - What {@link firstOutput} returned.
 * @param references - Training digits, `[m × 784]` intensities.
 */
export function firstDetails(
  models: Pick<VqVaeModels, 'classifier' | 'variance'>,
  first: Pick<VqVaeFirstOutput, 'originals' | 'random'>,
  references: Float32Array,
): VqVaeFirstDetails {
  const n = first.originals.length / PIXELS;
  return {
    realReadings: readingsOf(models.classifier, first.originals, n),
    randomReadings: readingsOf(models.classifier, first.random, n),
    realNearest: nearestNeighbourNmse(first.originals, references, PIXELS, models.variance),
    randomNearest: nearestNeighbourNmse(first.random, references, PIXELS, models.variance),
    references: references.length / PIXELS,
  };
}

/** What {@link subsetStatistics} returns: the code usage over the whole test subset. */
export interface SubsetStatistics {
  /** Test images encoded. */
  count: number;
  /** How often each of the K codes occurs, `[K]`. */
  counts: Float64Array;
  usage: number;
  perplexity: number;
  /** Codes used at least once. */
  usedCodes: number;
  /** NMSE of the reconstructions of the whole subset. */
  nmse: number;
}

/**
 * Encodes every image of the test split to its code grid and back: code histogram, usage,
 * perplexity and NMSE, in batches of `batchSize` with `pause` awaited between them.
 */
export async function subsetStatistics(
  codec: Pick<VqVaeCodec, 'model' | 'variance'>,
  test: MnistSplit,
  options: { batchSize?: number; pause?: () => Promise<void> } = {},
): Promise<SubsetStatistics> {
  const all = await reconstructThroughCodes(codec.model, test.images, test.count, {
    batchSize: options.batchSize ?? 50,
    ...(options.pause ? { pause: options.pause } : {}),
  });
  const stats = codeUsage(all.codes, codec.model.vq?.numCodes ?? 128);
  return {
    count: test.count,
    counts: stats.counts,
    usage: stats.usage,
    perplexity: stats.perplexity,
    usedCodes: stats.counts.filter((c) => c > 0).length,
    nmse: normalizedMse(test.images, all.images, codec.variance),
  };
}

/** What {@link sampleRow} returns. */
export interface SampleRow {
  /** Decoded prior samples, `[columns × 784]`. */
  images: Float32Array;
  readings: RowReadings;
  /** Mean NMSE to the nearest training digit. */
  nearest: number;
}

/**
 * Draws `columns` code grids from the prior (grid g from `seed` and g, as `drawGrids`) and
 * decodes them; `onImage` gets each decoded image as it is drawn (a fresh array).
 *
 * @throws As `samplePrior` for a temperature ≤ 0; the signal's reason when aborted.
 */
export async function sampleRow(
  models: VqVaeModels,
  options: {
    columns: number;
    seed: number;
    temperature: number;
    references: Float32Array;
    pause?: () => Promise<void>;
    signal?: AbortSignal;
    onImage?: (g: number, image: Float32Array) => void;
  },
): Promise<SampleRow> {
  const { columns } = options;
  const images = new Float32Array(columns * PIXELS);
  await drawGrids(models.prior, {
    n: columns,
    seed: options.seed,
    temperature: options.temperature,
    ...(options.pause ? { pause: options.pause } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onGrid: (g, grid) => {
      const image = decodeGrids(models.model, grid, 1);
      images.set(image, g * PIXELS);
      options.onImage?.(g, image);
    },
  });
  return {
    images,
    readings: readingsOf(models.classifier, images, columns),
    nearest: nearestNeighbourNmse(images, options.references, PIXELS, models.variance),
  };
}
