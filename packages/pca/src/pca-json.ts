import { InvalidArgumentError, NonFiniteError, ShapeError } from '@latentkit/core';
import type { PcaMethod, PcaState } from './pca-model.js';

/** The JSON form of a fitted PCA (`PcaModel.toJSON`). Arrays are row-major. */
export interface PcaJson {
  /** Always `'latentkit-pca'`. */
  format: 'latentkit-pca';
  /** Format version, currently 1. */
  version: 1;
  /** The algorithm that produced the fit. */
  method: PcaMethod;
  /** Whether `transform` scales each component to unit variance. */
  whiten: boolean;
  /** Number of components k (1 ≤ k ≤ d). */
  numComponents: number;
  /** Number of features d (≥ 1). */
  numFeatures: number;
  /** Number of training samples N (≥ 2). */
  numSamples: number;
  /** Sum of the per-feature sample variances (N − 1 denominator), ≥ 0. */
  totalVariance: number;
  /** Mean variance of the discarded directions (scikit-learn's `noise_variance_`), ≥ 0. */
  noiseVariance: number;
  /** Per-feature mean of the training data, `[d]`. */
  mean: number[];
  /** Principal axes as orthonormal rows, `[k, d]` row-major. */
  components: number[];
  /** Variance along each component (N − 1 sample covariance eigenvalues), `[k]`. */
  explainedVariance: number[];
  /** `explainedVariance / totalVariance`, `[k]`. */
  explainedVarianceRatio: number[];
  /** Singular values of the centered data, `sqrt(explainedVariance · (N − 1))`, `[k]`. */
  singularValues: number[];
}

const METHODS: readonly PcaMethod[] = ['exact', 'randomized', 'incremental'];

function count(o: Record<string, unknown>, key: string, min: number): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw new InvalidArgumentError(key, `must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  return v;
}

function scalar(o: Record<string, unknown>, key: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new InvalidArgumentError(key, `must be a finite number ≥ 0, got ${JSON.stringify(v)}`);
  return v;
}

function array(o: Record<string, unknown>, key: string, length: number): Float64Array {
  const v = o[key];
  if (!Array.isArray(v)) throw new InvalidArgumentError(key, 'must be an array of numbers');
  if (v.length !== length)
    throw new ShapeError(`${key} has ${v.length} values, expected ${length}`, [length], [v.length]);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new NonFiniteError(key, `entry ${i} is ${JSON.stringify(x)}`);
    out[i] = x;
  }
  return out;
}

/**
 * Validates a parsed JSON value as a {@link PcaJson} and returns the model state.
 *
 * @throws {@link InvalidArgumentError}, {@link ShapeError} or {@link NonFiniteError} naming the
 *   offending field.
 *
 * @example
 * ```ts
 * import { PcaModel, parsePcaJson } from '@latentkit/pca';
 *
 * const text = JSON.stringify(pca.toJSON()); // a fitted PcaModel, saved
 * const restored = new PcaModel(parsePcaJson(JSON.parse(text))); // same transform as `pca`
 * parsePcaJson({}); // throws InvalidArgumentError (not a PCA model)
 * ```
 */
export function parsePcaJson(json: unknown): PcaState {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new InvalidArgumentError('json', 'must be an object produced by PcaModel.toJSON()');
  const o = { ...(json as Record<string, unknown>) };
  if (o.format !== 'latentkit-pca')
    throw new InvalidArgumentError(
      'format',
      `expected 'latentkit-pca', got ${JSON.stringify(o.format)}`,
    );
  if (o.version !== 1)
    throw new InvalidArgumentError('version', `unsupported version ${JSON.stringify(o.version)}`);
  if (!METHODS.includes(o.method as PcaMethod))
    throw new InvalidArgumentError('method', `unknown method ${JSON.stringify(o.method)}`);
  if (typeof o.whiten !== 'boolean') throw new InvalidArgumentError('whiten', 'must be a boolean');
  // Files written before the counts were renamed (`nComponents`, `nFeatures`, `nSamples`).
  for (const [now, before] of [
    ['numComponents', 'nComponents'],
    ['numFeatures', 'nFeatures'],
    ['numSamples', 'nSamples'],
  ] as const)
    if (o[now] === undefined && o[before] !== undefined) o[now] = o[before];
  const k = count(o, 'numComponents', 1);
  const d = count(o, 'numFeatures', 1);
  const n = count(o, 'numSamples', 2);
  if (k > d) throw new InvalidArgumentError('numComponents', `${k} exceeds numFeatures ${d}`);
  const components = array(o, 'components', k * d);
  // The components must be orthonormal rows (tolerance covers float32 round trips).
  for (let a = 0; a < k; a++)
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let j = 0; j < d; j++)
        s += (components[a * d + j] as number) * (components[b * d + j] as number);
      if (Math.abs(s - (a === b ? 1 : 0)) > 1e-4)
        throw new InvalidArgumentError('components', `rows ${a} and ${b} are not orthonormal`);
    }
  return {
    method: o.method as PcaMethod,
    whiten: o.whiten,
    numComponents: k,
    numFeatures: d,
    numSamples: n,
    totalVariance: scalar(o, 'totalVariance'),
    noiseVariance: scalar(o, 'noiseVariance'),
    mean: array(o, 'mean', d),
    components,
    explainedVariance: array(o, 'explainedVariance', k),
    explainedVarianceRatio: array(o, 'explainedVarianceRatio', k),
    singularValues: array(o, 'singularValues', k),
  };
}
