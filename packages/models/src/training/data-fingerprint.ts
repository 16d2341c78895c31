import type { DataInfo, ModelData } from './model-data.js';

/**
 * What a training checkpoint remembers of the data it was made on, so that resuming on other
 * data is refused instead of silently running a different number of batches. Stored in the
 * checkpoint; compared by `train` on resume.
 */
export interface DataFingerprint {
  /** Number of examples. */
  rows: number;
  /** Values per example. */
  rowSize: number;
  /** Element type of `x`. */
  dtype: 'float32' | 'uint8';
  /** Whether labels were given. */
  labels: boolean;
  /**
   * 64-bit FNV-1a (two 32-bit lanes, 16 hex digits) of the bytes of up to {@link SAMPLED_ROWS}
   * evenly spaced examples and their labels. A change detector, not a cryptographic hash.
   */
  sampleHash: string;
}

/** Examples hashed by {@link dataFingerprint}: rows ⌊i·n/64⌋ for i < 64 (all rows when n ≤ 64). */
export const SAMPLED_ROWS = 64;

/**
 * The {@link DataFingerprint} of a training set: its size, element type, whether it has labels,
 * and a hash of a fixed sample of its rows (≤ 64 rows: cheap even for MNIST, and it catches a
 * reshuffled, rescaled or different data set with near certainty).
 *
 * @param data - The training data (already checked, see `checkModelData`).
 * @param info - Its checked size.
 *
 * @example
 * ```ts
 * import { checkModelData, dataFingerprint } from '@latentkit/models';
 *
 * const data = { x: mnist.train.images };
 * const fp = dataFingerprint(data, checkModelData(data, model));
 * // → { rows: 60000, rowSize: 784, dtype: 'uint8', labels: false, sampleHash: '…' }
 * ```
 */
export function dataFingerprint(data: ModelData, info: DataInfo): DataFingerprint {
  const { n, rowSize } = info;
  const x = data.x;
  const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  const width = x.BYTES_PER_ELEMENT * rowSize;
  // Two FNV-1a lanes with different offset bases: a 64-bit hash from 32-bit integer arithmetic.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const mix = (byte: number) => {
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x01000193) ^ (b >>> 15);
  };
  const count = Math.min(n, SAMPLED_ROWS);
  for (let i = 0; i < count; i++) {
    const row = Math.floor((i * n) / count);
    const start = row * width;
    for (let j = start; j < start + width; j++) mix(bytes[j] as number);
    const label = data.labels?.[row];
    if (label !== undefined) for (let s = 0; s < 32; s += 8) mix((label >>> s) & 0xff);
  }
  const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
  return {
    rows: n,
    rowSize,
    dtype: x instanceof Float32Array ? 'float32' : 'uint8',
    labels: data.labels !== undefined,
    sampleHash: hex(a) + hex(b),
  };
}

/**
 * How two fingerprints differ, in words (the first difference), or `undefined` when they match.
 *
 * @param saved - The checkpoint's fingerprint.
 * @param current - This run's.
 */
export function fingerprintMismatch(
  saved: DataFingerprint,
  current: DataFingerprint,
): string | undefined {
  if (saved.rows !== current.rows || saved.rowSize !== current.rowSize)
    return `${saved.rows} examples of ${saved.rowSize} values, this run's data has ${current.rows} of ${current.rowSize}`;
  if (saved.dtype !== current.dtype)
    return `${saved.dtype} data, this run's data is ${current.dtype}`;
  if (saved.labels !== current.labels)
    return `data ${saved.labels ? 'with' : 'without'} labels, this run's data ${current.labels ? 'has' : 'has no'} labels`;
  if (saved.sampleHash !== current.sampleHash)
    return `data whose sampled rows hash to ${saved.sampleHash}, this run's hash to ${current.sampleHash} (same size, different values or order)`;
  return undefined;
}
