import { tf } from '@latentkit/tensor';

/** The values of one derived weight tensor, for {@link derivedWeight}. */
export interface DerivedWeightCache {
  /** The weight's data id the values were computed from. */
  id?: object;
  values?: Float32Array;
  shape?: number[];
}

/** Whether tfjs is recording operations for a gradient (its engine's own test). */
function recording(): boolean {
  const engine = tf.engine() as unknown as { isTapeOn?: () => boolean };
  // An engine without the method is treated as recording: always the differentiable path.
  return engine.isTapeOn?.() ?? true;
}

/**
 * A tensor derived from a weight by `derive` (slices, pads, concatenations of it). While gradients
 * are recorded it is `derive(weight)` itself, so the weight gets its gradient; otherwise the
 * derived values are computed once per weight value (a variable's `assign` gives it a new data
 * id) and uploaded as a new tensor on each call.
 *
 * Why: a PixelCNN layer re-derived its weight tables on every call, and sampling calls each layer
 * once per grid position (49 times for a 7×7 grid) — on tfjs-wasm, whose Slice copies element by
 * element, that was most of the sampling time. An upload is one copy. The cache holds plain values,
 * not a tensor, so no tfjs memory outlives a call.
 *
 * @param cache - This derived tensor's cache (one per layer and derivation).
 * @param weight - The weight variable.
 * @param derive - Builds the derived tensor from the weight with tfjs ops.
 */
export function derivedWeight(
  cache: DerivedWeightCache,
  weight: tf.Variable,
  derive: (w: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  if (recording()) return derive(weight);
  if (cache.id !== weight.dataId || !cache.values || !cache.shape) {
    const t = tf.tidy(() => derive(weight));
    cache.values = (t.dataSync() as Float32Array).slice();
    cache.shape = [...t.shape];
    cache.id = weight.dataId;
    t.dispose();
  }
  return tf.tensor(cache.values, cache.shape, 'float32');
}
