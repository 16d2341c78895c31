import { requireKnownOptions } from '@latentkit/core';
import { InvalidArgumentError, ShapeError, tf } from '@latentkit/tensor';
import { checkChoice, checkInt } from '../internal/check.js';

/** Options of {@link interpolateLatent}. */
export interface InterpolateLatentOptions {
  /**
   * `'linear'` (default): (1 − t)·a + t·b. `'spherical'` (slerp, White 2016):
   * sin((1 − t)Ω)/sin Ω · a + sin(tΩ)/sin Ω · b with cos Ω = a·b / (|a||b|), which keeps the
   * path in the typical shell of a Gaussian prior; falls back to linear when Ω < 1e-6.
   */
  method?: 'linear' | 'spherical';
}

/**
 * Points between two latent codes at `steps` evenly spaced t from 0 to 1 (both ends included).
 *
 * @param a - Start, float32 `[D]` or `[1, D]`.
 * @param b - End, same shape.
 * @param steps - Number of points (≥ 2).
 * @param options - See {@link InterpolateLatentOptions}.
 * @returns `[steps, D]`; row 0 is `a`, the last row is `b`.
 * @throws {@link ShapeError} if a and b differ in shape or are not vectors;
 *   {@link InvalidArgumentError} for steps < 2; {@link UnknownOptionError} for a bad method.
 *
 * @example
 * ```ts
 * import { interpolateLatent } from '@latentkit/models';
 *
 * const zs = interpolateLatent(za, zb, 8, { method: 'spherical' }); // za, zb: [latentDim] → [8, latentDim]
 * const images = model.decodeMean(zs); // [8, 784]: a morph from a to b
 * ```
 */
export function interpolateLatent(
  a: tf.Tensor,
  b: tf.Tensor,
  steps: number,
  options: InterpolateLatentOptions = {},
): tf.Tensor {
  requireKnownOptions(options, ['method'], 'interpolateLatent options');
  const method = checkChoice(options.method ?? 'linear', 'method', [
    'linear',
    'spherical',
  ] as const);
  checkInt(steps, 'steps', 2);
  for (const [t, name] of [
    [a, 'a'],
    [b, 'b'],
  ] as const) {
    if (!(t instanceof tf.Tensor) || t.dtype !== 'float32') {
      throw new InvalidArgumentError(name, 'must be a float32 tf.Tensor');
    }
  }
  const okShape = (t: tf.Tensor) => t.rank === 1 || (t.rank === 2 && t.shape[0] === 1);
  const d = a.shape.at(-1);
  if (d === undefined || !okShape(a) || !tf.util.arraysEqual(a.shape, b.shape)) {
    throw new ShapeError(
      `a [${a.shape.join(', ')}] and b [${b.shape.join(', ')}] must both be [D] or [1, D]`,
      [d ?? null],
      b.shape,
    );
  }
  const ts = Array.from({ length: steps }, (_, i) => i / (steps - 1));
  const av = a.dataSync();
  const bv = b.dataSync();
  let wa = ts.map((t) => 1 - t);
  let wb = ts;
  if (method === 'spherical') {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < d; i++) {
      dot += av[i]! * bv[i]!;
      na += av[i]! ** 2;
      nb += bv[i]! ** 2;
    }
    const cos = na > 0 && nb > 0 ? Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb))) : 1;
    const omega = Math.acos(cos);
    if (omega > 1e-6) {
      const s = Math.sin(omega);
      wa = ts.map((t) => Math.sin((1 - t) * omega) / s);
      wb = ts.map((t) => Math.sin(t * omega) / s);
    }
  }
  const out = new Float32Array(steps * d);
  for (let r = 0; r < steps; r++) {
    for (let i = 0; i < d; i++) out[r * d + i] = wa[r]! * av[i]! + wb[r]! * bv[i]!;
  }
  return tf.tensor2d(out, [steps, d]);
}
