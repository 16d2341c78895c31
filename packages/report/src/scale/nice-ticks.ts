import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';

/** Options of {@link niceTicks}. */
export interface NiceTicksOptions {
  /**
   * `false` (default): the ticks cover [min, max] — the first is at or below `min`, the last at
   * or above `max` — so they can also serve as the axis domain (SVG charts). `true`: only ticks
   * inside [min, max], for an axis whose limits are fixed (a live chart with a given view).
   */
  within?: boolean;
}

/**
 * About `count` intervals of "nice" ticks (multiples of 1, 2 or 5 × 10ᵏ) for [min, max]. For
 * min = max the interval is widened by 10 % of |min| on each side (by 1 for 0).
 *
 * @param count - Roughly how many intervals between ticks. Default 5.
 * @returns Ascending ticks, printable without binary-fraction noise and without `-0`.
 * @throws {@link InvalidArgumentError} for a non-finite bound, min > max or a
 *   count below 1.
 *
 * @example
 * ```ts
 * niceTicks(103.2, 158.9, 6); // [100, 110, 120, 130, 140, 150, 160]
 * niceTicks(97, 312, 4, { within: true }); // [100, 200, 300]
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function niceTicks(
  min: number,
  max: number,
  count = 5,
  options: NiceTicksOptions = {},
): number[] {
  requireKnownOptions(options, ['within'], 'niceTicks options');
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new InvalidArgumentError('niceTicks', `bad interval [${min}, ${max}]`);
  }
  if (!(count >= 1)) {
    throw new InvalidArgumentError('count', `must be at least 1, got ${count}`);
  }
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count, options);
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const frac = raw / power;
  const step = (frac <= 1 ? 1 : frac <= 2 ? 2 : frac <= 5 ? 5 : 10) * power;
  const first = options.within ? Math.ceil(min / step - 1e-9) : Math.floor(min / step + 1e-9);
  const last = options.within ? Math.floor(max / step + 1e-9) : Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Multiply integers by the step (not repeated addition) so ticks print without 0.30000000004.
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)) || 0); // no -0
  return ticks;
}
