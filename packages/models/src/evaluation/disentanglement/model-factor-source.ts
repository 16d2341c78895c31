import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';
import { checkInt, sizeOf } from '../../internal/check.js';
import { encodeLatent } from '../../latent/encode-latent.js';
import type { Model } from '../../model/model.js';
import type { FactorSource } from './factor-source.js';

/** Options of {@link modelFactorSource}. */
export interface ModelFactorSourceOptions {
  /** Number of classes of each ground-truth factor. */
  factorSizes: readonly number[];
  /**
   * Renders the observations of factor vectors: given `Int32Array [n × numFactors]`, returns
   * `Float32Array [n × prod(model.inputShape)]` in the model's input units.
   */
  render: (factors: Int32Array, n: number) => Float32Array;
  /** Custom factor sampling (see {@link FactorSource.sampleFactors}). Default uniform. */
  sampleFactors?: FactorSource['sampleFactors'];
  /** Examples rendered and encoded per forward pass. Default 256. */
  batchSize?: number;
}

/**
 * A {@link FactorSource} whose representation is a model's posterior mean (an AE's code):
 * points are rendered by `options.render` and encoded with `encodeLatent(model, x, { mode:
 * 'mean' })` in batches of `batchSize` (disentanglement_lib scores the mean of the encoder).
 * Each `encode` leaves no tensor behind.
 *
 * @param model - An `'ae'` or `'vae'` model (a CVAE needs labels and is refused).
 * @param options - See {@link ModelFactorSourceOptions}.
 * @returns The source, for {@link computeMig} and {@link factorVaeScore}.
 * @throws {@link InvalidArgumentError} for a CVAE or bad options; its `encode` throws
 *   {@link ShapeError} when `render` returns the wrong number of values.
 *
 * @example
 * ```ts
 * import { computeMig, modelFactorSource } from '@latentkit/models';
 *
 * // a toy process: 2 factors with 4 and 8 classes, rendered to the model's 64-value input
 * const source = modelFactorSource(model, {
 *   factorSizes: [4, 8],
 *   render: (factors, n) => renderMyImages(factors, n), // Float32Array [n · 64]
 * });
 * const { mig } = await computeMig(source, { seed: 0 });
 * ```
 */
export function modelFactorSource(model: Model, options: ModelFactorSourceOptions): FactorSource {
  requireKnownOptions(
    options,
    ['factorSizes', 'render', 'sampleFactors', 'batchSize'],
    'modelFactorSource options',
  );
  if (model?.kind === 'cvae') {
    throw new InvalidArgumentError('model', 'a CVAE needs labels to encode; use an AE or a VAE');
  }
  if (typeof options?.render !== 'function') {
    throw new InvalidArgumentError('render', 'must be a function (factors, n) => Float32Array');
  }
  const batchSize = checkInt(options.batchSize ?? 256, 'batchSize');
  const rowSize = sizeOf(model.inputShape);
  const d = model.latentDim;
  const f = options.factorSizes.length;
  const source: FactorSource = {
    factorSizes: options.factorSizes,
    encode(factors, n) {
      const out = new Float32Array(n * d);
      for (let start = 0; start < n; start += batchSize) {
        const m = Math.min(batchSize, n - start);
        const x = options.render(factors.subarray(start * f, (start + m) * f), m);
        if (!(x instanceof Float32Array) || x.length !== m * rowSize) {
          throw new ShapeError(
            `render must return a Float32Array of ${m} × ${rowSize} values (inputShape [${model.inputShape.join(', ')}])`,
            [m, rowSize],
            [x instanceof Float32Array ? x.length : -1],
          );
        }
        const z = tf.tidy(() => encodeLatent(model, tf.tensor(x, [m, ...model.inputShape])));
        out.set(z.dataSync() as Float32Array, start * d);
        z.dispose();
      }
      return out;
    },
  };
  if (options.sampleFactors) source.sampleFactors = options.sampleFactors;
  return source;
}
