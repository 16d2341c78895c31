/** A linear map from a data interval to a pixel interval. */
export interface LinearScale {
  (value: number): number;
  /** The data interval [d0, d1]. */
  domain: [number, number];
  /** The pixel interval [r0, r1] (r0 > r1 for a y axis that grows upwards). */
  range: [number, number];
}

/**
 * The affine map sending `domain[0]` to `range[0]` and `domain[1]` to `range[1]`. A degenerate
 * domain (d0 = d1) maps everything to the middle of the range.
 */
export function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = ((v: number) =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0)) as LinearScale;
  f.domain = [d0, d1];
  f.range = [r0, r1];
  return f;
}

/**
 * About `count` "nice" tick values (multiples of 1, 2 or 5 × 10ᵏ) covering [min, max]: the
 * returned ticks start at or below `min` and end at or above `max`, so they can also serve as the
 * axis domain. For min = max, the interval is widened by 1 on each side (or by 10 % of |min|).
 *
 * @throws {RangeError} for a non-finite bound or min > max.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    throw new RangeError(`niceTicks: bad interval [${min}, ${max}]`);
  }
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const frac = raw / power;
  const step = (frac <= 1 ? 1 : frac <= 2 ? 2 : frac <= 5 ? 5 : 10) * power;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Multiply integers by the step (not repeated addition) so ticks print without 0.30000000004.
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)) || 0); // no -0
  return ticks;
}

/** A tick label: integers as is, others with at most 4 significant digits. */
export function formatTick(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}
