import {
  createPixelCnnPrior,
  type PixelCnnConfig,
  type PixelCnnPrior,
  safetensorsToRecord,
  samplePrior,
} from '@latentkit/models';
import { InvalidArgumentError, toRng } from '@latentkit/tensor';
import { parseTrainingMetadata, type TrainingMetadata } from '../common/training-metadata.js';

/**
 * Loads a PixelCNN prior from the bytes of a safetensors file written by the pretraining
 * script: `createPixelCnnPrior` of the config in `__metadata__.config`, then its parameters
 * (F16 or F32) into the store — the load path `@latentkit/models` documents for the prior.
 *
 * @param bytes - The file `vq-vae-prior.safetensors`.
 * @returns The prior (the caller disposes it) and its training record.
 * @throws `SafetensorsError` for a corrupt file; {@link InvalidArgumentError} when the config or
 *   the training record is missing or not a PixelCNN config; `ShapeError` for tensors of the
 *   wrong shape.
 */
export function priorFromBytes(bytes: Uint8Array): {
  prior: PixelCnnPrior;
  training: TrainingMetadata;
} {
  const { record, metadata, config } = safetensorsToRecord(bytes);
  if (config === undefined || config === null || typeof config !== 'object') {
    throw new InvalidArgumentError('file', 'has no prior config in __metadata__.config');
  }
  const training = parseTrainingMetadata(metadata);
  const prior = createPixelCnnPrior(config as PixelCnnConfig, { seed: 0 });
  try {
    prior.store.loadRecord(record);
  } catch (error) {
    prior.dispose();
    throw error;
  }
  return { prior, training };
}

/** Options of {@link drawGrids}. */
export interface DrawGridsOptions {
  /** Number of grids. */
  n: number;
  /** Seed: grid g is `samplePrior` of one grid with generator `toRng(seed).fork(g)`. */
  seed: number;
  /** Softmax temperature (> 0). */
  temperature: number;
  /** Awaited after each grid (e.g. a `requestAnimationFrame` promise, so the page can paint). */
  pause?: () => Promise<void>;
  /** Called with each finished grid (its index and its codes). */
  onGrid?: (g: number, codes: Int32Array) => void;
  /** Stops before the next grid (the promise then rejects with the signal's reason). */
  signal?: AbortSignal;
}

/**
 * Draws code grids from the prior one grid at a time, awaiting `pause` between grids so a page
 * stays responsive (one grid is 49 small forward passes). Grid g depends only on the prior,
 * `seed`, `temperature` and g.
 *
 * @returns The grids, row-major `[n, H, W]`.
 * @throws As `samplePrior` (temperature, non-finite logits); the signal's reason when aborted.
 */
export async function drawGrids(
  prior: PixelCnnPrior,
  options: DrawGridsOptions,
): Promise<Int32Array> {
  const { height, width } = prior.config;
  const size = height * width;
  const out = new Int32Array(options.n * size);
  const base = toRng(options.seed);
  for (let g = 0; g < options.n; g++) {
    options.signal?.throwIfAborted();
    const { codes } = samplePrior(prior, {
      n: 1,
      seed: base.fork(g),
      temperature: options.temperature,
    });
    out.set(codes, g * size);
    options.onGrid?.(g, codes);
    if (options.pause) await options.pause();
  }
  return out;
}
