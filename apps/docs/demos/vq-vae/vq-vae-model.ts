/**
 * The VQ-VAE demo's model work, as functions of the loaded models and the MNIST subset (plain
 * data in, typed arrays out): it runs in the model worker (`vq-vae-session.ts`) and in Node
 * tests. Nothing here touches the page.
 */
import type { Model, PixelCnnPrior } from '@latentkit/models';
import { createRng } from '@latentkit/tensor';
import { classifierFromBytes, type MnistClassifier } from '../common/mnist-classifier.js';
import type { MnistSubset } from '../common/mnist-subset.js';
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
 * Builds the demo's models from the bytes of `vq-vae.safetensors`, `vq-vae-prior.safetensors`
 * and `mnist-classifier.safetensors`. The caller disposes them.
 *
 * @throws As `pretrainedFromBytes`, `priorFromBytes` and `classifierFromBytes` (corrupt files,
 *   missing configs); nothing stays allocated when one fails.
 */
export function loadVqVaeModels(files: {
  vq: Uint8Array;
  prior: Uint8Array;
  classifier: Uint8Array;
}): VqVaeModels {
  const vq = pretrainedFromBytes(files.vq);
  let prior: ReturnType<typeof priorFromBytes> | undefined;
  try {
    prior = priorFromBytes(files.prior);
    const { classifier } = classifierFromBytes(files.classifier);
    const p = prior;
    return {
      model: vq.model,
      prior: p.prior,
      classifier,
      variance: Number(
        (vq.training.extra as { variance?: number } | undefined)?.variance ?? Number.NaN,
      ),
      scores: { vq: vq.training.scores, prior: p.training.scores },
      dispose() {
        vq.model.dispose();
        p.prior.dispose();
        classifier.dispose();
      },
    };
  } catch (error) {
    vq.model.dispose();
    prior?.prior.dispose();
    throw error;
  }
}

/** Classifier readings flattened for a message: mean and per-image labels and confidences. */
export interface RowReadings {
  meanTop: number;
  readAsDigit: number;
  labels: Uint8Array;
  confidence: Float32Array;
}

/** What {@link firstOutput} returns: everything the demo shows before the prior samples. */
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
  realReadings: RowReadings;
  randomReadings: RowReadings;
  /** NMSE of the random row against the test digits above it. */
  randomVsOriginals: number;
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
    labels: r.labels,
    confidence: r.confidence,
  };
}

/**
 * The first output of the demo: `columns` test digits from `first` (clamped so a whole row
 * fits), their reconstructions and codes, and the decodings of `columns` uniformly random code
 * grids, with classifier readings and distances to the nearest training digit.
 *
 * @param models - The loaded models.
 * @param subset - The shipped MNIST subset.
 * @param options - Row length and first test image.
 * @throws {@link InvalidArgumentError} (from `reconstructThroughCodes`) for a bad row.
 */
export async function firstOutput(
  models: VqVaeModels,
  subset: MnistSubset,
  options: { columns: number; first: number; references: Float32Array },
): Promise<VqVaeFirstOutput> {
  const { columns, references } = options;
  const { test } = subset;
  const start = Math.max(0, Math.min(options.first, test.count - columns));
  const bytes = test.images.subarray(start * PIXELS, (start + columns) * PIXELS);
  const originals = Float32Array.from(bytes, (v) => v / 255);
  const rec = await reconstructThroughCodes(models.model, bytes, columns, { batchSize: columns });
  const grids = uniformGrids(columns, 49, 128, createRng(0).fork('uniform-codes'));
  const random = decodeGrids(models.model, grids, columns);
  return {
    start,
    originals,
    reconstructions: rec.images,
    codes: rec.codes,
    nmse: normalizedMse(originals, rec.images, models.variance, 1),
    random,
    realReadings: readingsOf(models.classifier, originals, columns),
    randomReadings: readingsOf(models.classifier, random, columns),
    randomVsOriginals: normalizedMse(originals, random, models.variance, 1),
    realNearest: nearestNeighbourNmse(originals, references, PIXELS, models.variance),
    randomNearest: nearestNeighbourNmse(random, references, PIXELS, models.variance),
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
 * Encodes every test image of the subset to its code grid and back: code histogram, usage,
 * perplexity and NMSE, in batches of `batchSize` with `pause` awaited between them.
 */
export async function subsetStatistics(
  models: VqVaeModels,
  subset: MnistSubset,
  options: { batchSize?: number; pause?: () => Promise<void> } = {},
): Promise<SubsetStatistics> {
  const { test } = subset;
  const all = await reconstructThroughCodes(models.model, test.images, test.count, {
    batchSize: options.batchSize ?? 50,
    ...(options.pause ? { pause: options.pause } : {}),
  });
  const stats = codeUsage(all.codes, models.model.vq?.numCodes ?? 128);
  return {
    count: test.count,
    counts: stats.counts,
    usage: stats.usage,
    perplexity: stats.perplexity,
    usedCodes: stats.counts.filter((c) => c > 0).length,
    nmse: normalizedMse(test.images, all.images, models.variance),
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
