/**
 * The latent explorer's work in the model worker: fetches the pretrained 2-D VAE and the subset's
 * test split (from the site's own origin), encodes the test digits, and answers the page's
 * requests — `start` (the scatter), `decode` (a point per pointer move), `interpolate` (both
 * strips), `plane` (the decoded-plane background), `score` (a drawing) and `reference` (real
 * digits' anomaly scores). The page keeps the DOM and the canvases and never loads tfjs.
 */
import type { Model } from '@latentkit/models';
import { fetchCached } from '../common/asset-cache.js';
import { assetUrl, MODEL_FILES } from '../common/asset-files.js';
import { loadMnistSubsetSplit } from '../common/mnist-subset.js';
import { pretrainedFromBytes } from '../common/pretrained-model.js';
import type { WorkerSession } from '../common/worker-host.js';
import { anomalyScores, decodePoints, encodeMeans, interpolationStrip } from './latent-model.js';

/** Options the page sends when it opens the session. */
export interface LatentExplorerSessionOptions {
  /** Absolute URL of the site's asset folder. */
  assetBase: string;
}

/** The test digits the explorer shows (a split of the subset: grey levels, labels, count). */
export interface ExplorerDigits {
  /** `[count × 784]` grey levels 0–255. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Result of `start`: the scatter and what the page needs of the test digits. */
export interface ExplorerStart extends ExplorerDigits {
  /** Posterior means of the test digits, `[count × 2]`. */
  codes: Float32Array;
  /** The model's test −ELBO in nats (training record), `NaN` if not recorded. */
  testNegElbo: number;
}

/**
 * Result of `interpolate`: both paths' `steps` codes `[steps × 2]` and their decodings
 * `[steps × 784]` (flat, so every array is transferred).
 */
export interface ExplorerInterpolation {
  linearCodes: Float32Array;
  linearImages: Float32Array;
  sphericalCodes: Float32Array;
  sphericalImages: Float32Array;
}

/** Result of `score`: where a drawing lands, its reconstruction and its anomaly score. */
export interface DrawingScore {
  /** The posterior mean, 2 values. */
  z: Float32Array;
  /** E[x|z] at the posterior mean, 784 intensities. */
  reconstruction: Float32Array;
  /** Nats (see `anomalyScores`). */
  anomaly: number;
}

/** Lets the worker take the next message (a decode per move) between pieces of work. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The grid of the decoded-plane background: `n × n` codes over [−limit, limit]², z₂ from +limit. */
export function planeGrid(limit: number, n: number): Float32Array {
  const grid = new Float32Array(n * n * 2);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      grid[(r * n + c) * 2] = -limit + (2 * limit * (c + 0.5)) / n;
      grid[(r * n + c) * 2 + 1] = limit - (2 * limit * (r + 0.5)) / n;
    }
  }
  return grid;
}

/**
 * The session's methods on a loaded model and the test digits (everything they return is a fresh
 * array, so it is transferred). The caller disposes the model.
 *
 * @param model - The 2-D VAE.
 * @param digits - The test digits (see {@link ExplorerDigits}).
 * @param testNegElbo - What the training record says, for `start`.
 */
export function explorerMethods(
  model: Model,
  digits: ExplorerDigits,
  testNegElbo = Number.NaN,
): WorkerSession['methods'] {
  const testX = Float32Array.from(digits.images, (v) => v / 255);
  let codes: Float32Array | undefined;
  const encoded = () => {
    codes ??= encodeMeans(model, testX, digits.count);
    return codes;
  };
  return {
    start: (): ExplorerStart => ({
      codes: encoded().slice(),
      images: digits.images.slice(),
      labels: digits.labels.slice(),
      count: digits.count,
      testNegElbo,
    }),
    decode: ({ z }: { z: Float32Array }): Float32Array => decodePoints(model, z).slice(),
    interpolate: ({
      a,
      b,
      steps,
    }: {
      a: number[];
      b: number[];
      steps: number;
    }): ExplorerInterpolation => {
      const linear = interpolationStrip(model, a, b, steps, 'linear');
      const spherical = interpolationStrip(model, a, b, steps, 'spherical');
      return {
        linearCodes: linear.codes.slice(),
        linearImages: linear.images.slice(),
        sphericalCodes: spherical.codes.slice(),
        sphericalImages: spherical.images.slice(),
      };
    },
    plane: ({ limit, n }: { limit: number; n: number }): Float32Array =>
      decodePoints(model, planeGrid(limit, n)).slice(),
    score: ({ x }: { x: Float32Array }): DrawingScore => {
      const z = encodeMeans(model, x, 1);
      return {
        z,
        reconstruction: decodePoints(model, z).slice(),
        anomaly: anomalyScores(model, x, 1)[0]!,
      };
    },
    /** Anomaly scores of the first `count` test digits, sorted; 50 per piece, messages between. */
    reference: async ({ count }: { count: number }): Promise<Float32Array> => {
      const n = Math.min(count, digits.count);
      const scores = new Float32Array(n);
      for (let start = 0; start < n; start += 50) {
        const m = Math.min(50, n - start);
        scores.set(anomalyScores(model, testX.subarray(start * 784, (start + m) * 784), m), start);
        await yieldToMessages();
      }
      return scores.sort();
    },
  };
}

/**
 * Opens the session: fetches and loads the model and the test split (the test digits are
 * encoded by the first `start`).
 *
 * @param options - See {@link LatentExplorerSessionOptions}.
 */
export async function openLatentExplorerSession(
  options: LatentExplorerSessionOptions,
): Promise<WorkerSession> {
  const [bytes, test] = await Promise.all([
    fetchCached(assetUrl(options.assetBase, `models/${MODEL_FILES.latent2d}`)),
    loadMnistSubsetSplit(options.assetBase, 'test', (u) => fetchCached(u)),
  ]);
  const { model, training } = pretrainedFromBytes(bytes);
  const digits = { images: test.images, labels: test.labels, count: test.count };
  return {
    methods: explorerMethods(model, digits, training.scores.testNegElbo ?? Number.NaN),
    dispose: () => model.dispose(),
  };
}
