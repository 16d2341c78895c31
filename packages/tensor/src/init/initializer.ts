import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { SeedLike } from '../random/rng.js';
import { computeFans, type Fans } from './compute-fans.js';

/** Options every initializer accepts. */
export interface InitializerOptions {
  /**
   * Override the fan-in computed from the shape by {@link computeFans}. Needed for a rank-1
   * bias, whose scale depends on its weight's fan-in.
   */
  fanIn?: number;
  /** Override the fan-out computed from the shape. */
  fanOut?: number;
  /** Multiplier of the scale (standard deviation or bound). Default 1 (he*: see each). */
  gain?: number;
}

/**
 * A weight initializer: a new float32 tensor of `shape` (owned by the caller), drawn
 * deterministically from `seed`.
 */
export type Initializer = (
  shape: readonly number[],
  seed: SeedLike,
  options?: InitializerOptions,
) => tf.Tensor;

/**
 * Fans for an initializer: explicit `fanIn`/`fanOut` options win, otherwise they come from the
 * shape. Used by the initializers; exported for custom ones.
 *
 * @throws {@link InvalidArgumentError} if a needed fan is missing (rank < 2 without an explicit
 *   value) or not a positive finite number.
 */
export function resolveFans(
  shape: readonly number[],
  options: InitializerOptions,
  need: 'fanIn' | 'both',
): Fans {
  const explicitIn = options.fanIn;
  const explicitOut = options.fanOut;
  const haveAll = explicitIn !== undefined && (need === 'fanIn' || explicitOut !== undefined);
  const fans: Fans = haveAll
    ? { fanIn: explicitIn, fanOut: explicitOut ?? Number.NaN }
    : { ...computeFans(shape), ...definedOnly(options) };
  for (const key of need === 'both' ? (['fanIn', 'fanOut'] as const) : (['fanIn'] as const)) {
    const v = fans[key];
    if (!Number.isFinite(v) || v <= 0) {
      throw new InvalidArgumentError(key, `must be a positive number, got ${v}`);
    }
  }
  return fans;
}

function definedOnly(options: InitializerOptions): Partial<Fans> {
  const out: Partial<Fans> = {};
  if (options.fanIn !== undefined) out.fanIn = options.fanIn;
  if (options.fanOut !== undefined) out.fanOut = options.fanOut;
  return out;
}

/**
 * Validates a `gain` option (default `fallback`).
 *
 * @throws {@link InvalidArgumentError} if it is not a positive finite number.
 */
export function resolveGain(options: InitializerOptions, fallback = 1): number {
  const gain = options.gain ?? fallback;
  if (!Number.isFinite(gain) || gain <= 0) {
    throw new InvalidArgumentError('gain', `must be a positive number, got ${gain}`);
  }
  return gain;
}

/**
 * Validates a shape for an initializer.
 *
 * @throws {@link InvalidArgumentError} if a size is not a non-negative integer.
 */
export function checkShape(shape: readonly number[]): number[] {
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new InvalidArgumentError(
      'shape',
      `sizes must be non-negative integers, got [${shape.join(', ')}]`,
    );
  }
  return [...shape];
}
