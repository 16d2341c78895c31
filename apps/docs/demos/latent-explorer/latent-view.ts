/**
 * Pure geometry of the latent explorer's plane: the square of latent space shown, the map
 * between latent coordinates and canvas pixels, and keyboard steps.
 */

/** The square [−limit, limit]² of a 2-D latent space drawn on a `size`-pixel square. */
export interface LatentView {
  limit: number;
  size: number;
}

/**
 * The half-width of the view: the 99th percentile of |z| over all coordinates of the codes,
 * times 1.15, rounded up to a multiple of 0.5 (at least 1), so almost every code is visible and
 * the view stays centred on the prior's mean.
 *
 * @param codes - `[n × 2]` latent codes.
 * @throws {RangeError} for an empty or odd-length array.
 */
export function viewLimit(codes: ArrayLike<number>): number {
  if (codes.length === 0 || codes.length % 2 !== 0) {
    throw new RangeError(`codes must hold n × 2 values, got ${codes.length}`);
  }
  const abs = Float64Array.from({ length: codes.length }, (_, i) => Math.abs(codes[i]!)).sort();
  const p99 = abs[Math.min(abs.length - 1, Math.floor(0.99 * abs.length))]!;
  return Math.max(1, Math.ceil((1.15 * p99) / 0.5) * 0.5);
}

/** Canvas pixel `[x, y]` of latent point `(z1, z2)` (z2 grows upwards). */
export function toCanvas(view: LatentView, z1: number, z2: number): [number, number] {
  const s = view.size / (2 * view.limit);
  return [(z1 + view.limit) * s, (view.limit - z2) * s];
}

/** Latent point of canvas pixel `(x, y)`, clamped to the view. */
export function fromCanvas(view: LatentView, x: number, y: number): [number, number] {
  const s = (2 * view.limit) / view.size;
  return [clamp(x * s - view.limit, view.limit), clamp(view.limit - y * s, view.limit)];
}

/** `v` clamped to [−limit, limit]. */
export function clamp(v: number, limit: number): number {
  return Math.min(limit, Math.max(-limit, v));
}

/**
 * The latent move for an arrow key: 1/40 of the view's width per press (×5 with Shift), or
 * `undefined` for any other key. Up increases z₂.
 */
export function arrowStep(
  key: string,
  shift: boolean,
  limit: number,
): [number, number] | undefined {
  const step = ((2 * limit) / 40) * (shift ? 5 : 1);
  switch (key) {
    case 'ArrowLeft':
      return [-step, 0];
    case 'ArrowRight':
      return [step, 0];
    case 'ArrowUp':
      return [0, step];
    case 'ArrowDown':
      return [0, -step];
    default:
      return undefined;
  }
}

/**
 * Per class, the coordinate-wise median of its codes (where the explorer writes the digit's
 * label), or `undefined` for a class with no codes.
 *
 * @param codes - `[n × 2]`.
 * @param labels - `n` classes in [0, classes).
 */
export function classMedians(
  codes: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes = 10,
): ([number, number] | undefined)[] {
  const groups: number[][][] = Array.from({ length: classes }, () => [[], []]);
  for (let i = 0; i < labels.length; i++) {
    const g = groups[labels[i]!];
    if (!g) continue;
    g[0]!.push(codes[2 * i]!);
    g[1]!.push(codes[2 * i + 1]!);
  }
  const median = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  return groups.map(([a, b]) => (a!.length === 0 ? undefined : [median(a!), median(b!)]));
}

/**
 * The fraction of `sorted` (ascending) strictly below `value`, plus half of those equal — the
 * mid-rank percentile in [0, 1].
 */
export function percentileRank(sorted: ArrayLike<number>, value: number): number {
  if (sorted.length === 0) return Number.NaN;
  let below = 0;
  let equal = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]! < value) below++;
    else if (sorted[i] === value) equal++;
  }
  return (below + equal / 2) / sorted.length;
}
