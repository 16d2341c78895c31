/** Pure helpers for chart axes. */

/**
 * "Nice" tick values covering [lo, hi]: multiples of 1, 2 or 5 × 10^k, about `count` of them.
 *
 * @returns Ascending ticks within [lo, hi] (at least the two ends when lo = hi is widened).
 * @throws {RangeError} for non-finite bounds or count < 2.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || count < 2) {
    throw new RangeError(`bad tick range [${lo}, ${hi}] or count ${count}`);
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / (count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Smallest and largest finite value of some arrays (`[0, 1]` if there is none). */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** A linear map from [d0, d1] to [r0, r1] and its inverse. */
export function linearScale(
  d0: number,
  d1: number,
  r0: number,
  r1: number,
): { map(v: number): number; invert(p: number): number } {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return {
    map: (v) => r0 + (v - d0) * k,
    invert: (p) => (k === 0 ? d0 : d0 + (p - r0) / k),
  };
}
