import type { SeedLike } from '@latentkit/core';
import { InvalidArgumentError } from '@latentkit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { randomNormal, randomUniform } from '../random/random-tensors.js';
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

/**
 * How a variance-scaling initializer draws: its distribution, and how fans and gain give its
 * scale — the bound b of a U(−b, b) draw or the standard deviation σ of an (untruncated)
 * N(0, σ²) draw.
 */
export interface ScaleRule {
  /** `'uniform'`: U(−b, b); `'normal'`: N(0, σ²). */
  distribution: 'uniform' | 'normal';
  /** Which fans the rule reads: only `fanIn`, or `fanIn` and `fanOut` (both must be valid). */
  need: 'fanIn' | 'both';
  /** Gain when `options.gain` is not given. Default 1. */
  defaultGain?: number;
  /** The scale (b or σ) from the resolved fans and the validated gain. */
  scale: (fans: Fans, gain: number) => number;
}

/**
 * The body shared by the variance-scaling initializers (glorot*, he*, torchDefault): checks the
 * shape ({@link checkShape}), resolves the fans ({@link resolveFans}), then the gain
 * ({@link resolveGain}), and draws from `rule`'s distribution at `rule`'s scale.
 *
 * @returns A new float32 tensor (owned by the caller).
 * @throws {@link InvalidArgumentError} for a bad shape, fan or gain.
 */
export function varianceScaling(
  shape: readonly number[],
  seed: SeedLike,
  options: InitializerOptions,
  rule: ScaleRule,
): tf.Tensor {
  const s = checkShape(shape);
  const fans = resolveFans(s, options, rule.need);
  const gain = resolveGain(options, rule.defaultGain);
  const scale = rule.scale(fans, gain);
  return rule.distribution === 'uniform'
    ? randomUniform(s, seed, -scale, scale)
    : randomNormal(s, seed, 0, scale);
}
