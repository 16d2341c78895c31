import { InvalidArgumentError, ShapeError } from '@latentkit/core';

/** Maps arbitrary integer labels to 0 … K − 1 (in order of first appearance). */
function denseLabels(labels: ArrayLike<number>, name: string): { ids: Int32Array; k: number } {
  const ids = new Int32Array(labels.length);
  const seen = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (!Number.isInteger(v)) {
      throw new InvalidArgumentError(name, `element ${i} is ${v}, not an integer label`);
    }
    let id = seen.get(v);
    if (id === undefined) {
      id = seen.size;
      seen.set(v, id);
    }
    ids[i] = id;
  }
  return { ids, k: seen.size };
}

/**
 * Mutual information between two discrete labelings of the same points, in nats, from their
 * joint contingency table (the plug-in estimate, as `sklearn.metrics.mutual_info_score`):
 * `I = Σᵢⱼ (nᵢⱼ/N) · ln(N·nᵢⱼ / (aᵢ·bⱼ))` over non-empty cells, with row sums `aᵢ` and column
 * sums `bⱼ`, accumulated in float64 and clipped at 0. Labels are any integers (only equality
 * matters). `discreteMutualInformation(x, x)` is the entropy of `x`. Written here rather than
 * taken from a library because it is a few lines and no maintained JS package computes it.
 *
 * @param x - Labels of the N points.
 * @param y - Labels of the same points.
 * @returns I(x; y) in nats (0 when either labeling has one value).
 * @throws {@link ShapeError} when the lengths differ or are 0; {@link InvalidArgumentError} for a
 *   non-integer label.
 *
 * @example
 * ```ts
 * import { discreteMutualInformation } from '@latentkit/models';
 *
 * discreteMutualInformation([0, 0, 1, 1], [5, 5, 7, 7]); // → ln 2 ≈ 0.693 nats (one determines the other)
 * discreteMutualInformation([0, 1, 0, 1], [0, 0, 1, 1]); // → 0 (independent)
 * ```
 */
export function discreteMutualInformation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x?.length;
  if (typeof n !== 'number' || n === 0 || y?.length !== n) {
    throw new ShapeError(
      `x and y must be non-empty and of one length, got ${n} and ${y?.length}`,
      [n ?? null],
      [y?.length ?? -1],
    );
  }
  const a = denseLabels(x, 'x');
  const b = denseLabels(y, 'y');
  const rows = new Float64Array(a.k);
  const cols = new Float64Array(b.k);
  for (let i = 0; i < n; i++) {
    rows[a.ids[i]!]! += 1;
    cols[b.ids[i]!]! += 1;
  }
  // Dense table when small (the metrics' case: ≤ bins × classes), sparse otherwise.
  const cells = new Map<number, number>();
  let dense: Float64Array | undefined;
  if (a.k * b.k <= 4 * n + 4096) {
    dense = new Float64Array(a.k * b.k);
    for (let i = 0; i < n; i++) dense[a.ids[i]! * b.k + b.ids[i]!]! += 1;
  } else {
    for (let i = 0; i < n; i++) {
      const key = a.ids[i]! * b.k + b.ids[i]!;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
  }
  let mi = 0;
  const add = (key: number, count: number): void => {
    if (count === 0) return;
    const ai = rows[Math.floor(key / b.k)]!;
    const bj = cols[key % b.k]!;
    mi += (count / n) * Math.log((n * count) / (ai * bj));
  };
  if (dense) for (const [key, count] of dense.entries()) add(key, count);
  else for (const [key, count] of cells) add(key, count);
  return Math.max(0, mi);
}
