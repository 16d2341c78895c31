import { createRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { describeGradientCases } from './describe-gradient-cases.js';
import { matMulCases } from './matmul-gradient.cases.js';

describeGradientCases('matMul gradient vs finite differences', matMulCases);

// The explicit-transpose gradient against two other ways to get the same products, at a size where
// float32 rounding is visible: (1) the stock-style formulas with transposeA/transposeB flags on the
// cpu backend, (2) a float64 triple loop in JavaScript.
const M = 24;
const K = 40;
const N = 16;
const FLAGS: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

interface Problem {
  batch: number;
  tA: boolean;
  tB: boolean;
  a: Float32Array;
  b: Float32Array;
  dy: Float32Array;
  aShape: number[];
  bShape: number[];
  dyShape: number[];
}

function makeProblem(batch: number, tA: boolean, tB: boolean): Problem {
  const rng = createRng(5).fork(`${batch}${tA}${tB}`);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const lead = batch > 1 ? [batch] : [];
  return {
    batch,
    tA,
    tB,
    a: fill(batch * M * K),
    b: fill(batch * K * N),
    dy: fill(batch * M * N),
    aShape: [...lead, ...(tA ? [K, M] : [M, K])],
    bShape: [...lead, ...(tB ? [N, K] : [K, N])],
    dyShape: [...lead, M, N],
  };
}

/** latentkit's registered gradient (explicit transposes), on the active backend. */
function latentkitGrad(p: Problem): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const a = tf.tensor(p.a, p.aShape);
    const b = tf.tensor(p.b, p.bShape);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y, p.tA, p.tB))(
      [a, b],
      tf.tensor(p.dy, p.dyShape),
    );
    return [da!.dataSync() as Float32Array, db!.dataSync() as Float32Array];
  });
}

/** The stock tfjs formulas, products with transpose flags (run on cpu as the reference). */
function stockGrad(p: Problem): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const a = tf.tensor(p.a, p.aShape);
    const b = tf.tensor(p.b, p.bShape);
    const g = tf.tensor(p.dy, p.dyShape);
    let da: tf.Tensor;
    let db: tf.Tensor;
    if (!p.tA && !p.tB) [da, db] = [tf.matMul(g, b, false, true), tf.matMul(a, g, true, false)];
    else if (!p.tA) [da, db] = [tf.matMul(g, b), tf.matMul(g, a, true, false)];
    else if (!p.tB) [da, db] = [tf.matMul(b, g, false, true), tf.matMul(a, g)];
    else [da, db] = [tf.matMul(b, g, true, true), tf.matMul(g, a, true, true)];
    return [da.dataSync() as Float32Array, db.dataSync() as Float32Array];
  });
}

/**
 * Float64 reference: with Â = op(A) [M,K], B̂ = op(B) [K,N], dÂ = dY·B̂ᵀ and dB̂ = Âᵀ·dY, stored
 * back transposed where the operand was. Also returns Σ|terms| per element, the scale of float32
 * rounding in a sum.
 */
function float64Grad(p: Problem) {
  const aAt = (s: number, i: number, k: number) => s * M * K + (p.tA ? k * M + i : i * K + k);
  const bAt = (s: number, k: number, j: number) => s * K * N + (p.tB ? j * K + k : k * N + j);
  const A = (s: number, i: number, k: number) => p.a[aAt(s, i, k)]!;
  const B = (s: number, k: number, j: number) => p.b[bAt(s, k, j)]!;
  const G = (s: number, i: number, j: number) => p.dy[s * M * N + i * N + j]!;
  const da = new Float64Array(p.a.length);
  const daAbs = new Float64Array(p.a.length);
  const db = new Float64Array(p.b.length);
  const dbAbs = new Float64Array(p.b.length);
  for (let s = 0; s < p.batch; s++) {
    for (let i = 0; i < M; i++) {
      for (let k = 0; k < K; k++) {
        [da[aAt(s, i, k)], daAbs[aAt(s, i, k)]] = sumWithAbs(N, (j) => G(s, i, j) * B(s, k, j));
      }
    }
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < N; j++) {
        [db[bAt(s, k, j)], dbAbs[bAt(s, k, j)]] = sumWithAbs(M, (i) => A(s, i, k) * G(s, i, j));
      }
    }
  }
  return { da, daAbs, db, dbAbs };
}

/** Σ term(t) and Σ |term(t)| over t = 0 … n − 1, in float64, added in order. */
function sumWithAbs(n: number, term: (t: number) => number): [number, number] {
  let v = 0;
  let abs = 0;
  for (let t = 0; t < n; t++) {
    const x = term(t);
    v += x;
    abs += Math.abs(x);
  }
  return [v, abs];
}

/**
 * Largest error relative to the float32 rounding scale: a sum of ≤ 24 products has error at most
 * ~24·2⁻²⁴·Σ|terms| ≈ 1.4e-6·Σ|terms| (worst case, same order for tree or SIMD-lane sums); we
 * allow 1e-5·Σ|terms|, i.e. a ratio ≤ 1. A wrong transpose gives ratios of order 1e4.
 */
function worstRatio(x: ArrayLike<number>, ref: ArrayLike<number>, absSum: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < absSum.length; i++) {
    worst = Math.max(worst, Math.abs(x[i]! - ref[i]!) / (1e-5 * absSum[i]! + 1e-30));
  }
  return worst;
}

describe('explicit-transpose matMul gradient equals the products computed other ways', () => {
  const problems = [1, 3].flatMap((batch) => FLAGS.map(([tA, tB]) => makeProblem(batch, tA, tB)));

  it.each(['wasm', 'cpu'] as const)('on %s', async (backend) => {
    await initBackend({ backend: 'cpu' });
    const stock = problems.map(stockGrad);
    await initBackend({ backend });
    problems.forEach((p, i) => {
      const label = `batch ${p.batch} transposeA ${p.tA} transposeB ${p.tB}`;
      const [da, db] = latentkitGrad(p);
      const ref = float64Grad(p);
      const [sa, sb] = stock[i]!;
      expect(da.length, label).toBe(p.a.length);
      expect(db.length, label).toBe(p.b.length);
      expect(worstRatio(da, ref.da, ref.daAbs), `dA vs float64, ${label}`).toBeLessThanOrEqual(1);
      expect(worstRatio(db, ref.db, ref.dbAbs), `dB vs float64, ${label}`).toBeLessThanOrEqual(1);
      expect(worstRatio(da, sa, ref.daAbs), `dA vs stock flags, ${label}`).toBeLessThanOrEqual(1);
      expect(worstRatio(db, sb, ref.dbAbs), `dB vs stock flags, ${label}`).toBeLessThanOrEqual(1);
    });
  });
});
