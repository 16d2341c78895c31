// Test support (not exported): float64 re-implementations of PyTorch's optimizer formulas
// (torch/optim/adam.py, adamw.py, sgd.py, single-tensor path), written from the documented
// algorithms, and helpers to drive our optimizers with prescribed gradients.
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from './optimizer.js';

export interface RefAdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
  decoupled?: boolean;
}

/** Runs PyTorch's Adam/AdamW on one parameter vector; returns θ after each step. */
export function refAdam(
  theta0: ArrayLike<number>,
  grads: ArrayLike<number>[],
  o: RefAdamOptions,
): Float64Array[] {
  const { lr } = o;
  const b1 = o.beta1 ?? 0.9;
  const b2 = o.beta2 ?? 0.999;
  const eps = o.eps ?? 1e-8;
  const wd = o.weightDecay ?? 0;
  const theta = Float64Array.from(theta0);
  const m = new Float64Array(theta.length);
  const v = new Float64Array(theta.length);
  const out: Float64Array[] = [];
  grads.forEach((gIn, t0) => {
    const t = t0 + 1;
    for (let i = 0; i < theta.length; i++) {
      let g = gIn[i]!;
      if (wd > 0 && o.decoupled) theta[i] = theta[i]! * (1 - lr * wd);
      if (wd > 0 && !o.decoupled) g += wd * theta[i]!;
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = b2 * v[i]! + (1 - b2) * g * g;
      const stepSize = lr / (1 - b1 ** t);
      const denom = Math.sqrt(v[i]!) / Math.sqrt(1 - b2 ** t) + eps;
      theta[i] = theta[i]! - stepSize * (m[i]! / denom);
    }
    out.push(Float64Array.from(theta));
  });
  return out;
}

export interface RefSgdOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

/** Runs PyTorch's SGD on one parameter vector; returns θ after each step. */
export function refSgd(
  theta0: ArrayLike<number>,
  grads: ArrayLike<number>[],
  o: RefSgdOptions,
): Float64Array[] {
  const mu = o.momentum ?? 0;
  const d = o.dampening ?? 0;
  const wd = o.weightDecay ?? 0;
  const theta = Float64Array.from(theta0);
  let buf: Float64Array | undefined;
  const out: Float64Array[] = [];
  for (const gIn of grads) {
    const g = Float64Array.from(gIn);
    for (let i = 0; i < g.length; i++) g[i] = g[i]! + wd * theta[i]!;
    if (mu !== 0) {
      if (!buf) buf = Float64Array.from(g);
      else for (let i = 0; i < g.length; i++) buf[i] = mu * buf[i]! + (1 - d) * g[i]!;
      for (let i = 0; i < g.length; i++) g[i] = o.nesterov ? g[i]! + mu * buf[i]! : buf[i]!;
    }
    for (let i = 0; i < g.length; i++) theta[i] = theta[i]! - o.lr * g[i]!;
    out.push(Float64Array.from(theta));
  }
  return out;
}

/** Seeded-looking but fixed gradient sequences (float32-exact values, away from 0). */
export function gradSequence(steps: number, n: number, salt: number): Float32Array[] {
  return Array.from({ length: steps }, (_, t) =>
    Float32Array.from({ length: n }, (_, i) => {
      const s = Math.sin(1.7 * (t + 1) + 2.3 * (i + 1) + salt);
      return Math.fround((s >= 0 ? 0.2 : -0.2) + s);
    }),
  );
}

/** Applies `grads` one step at a time to a single variable 'p'; returns its value after each. */
export function runSteps(
  opt: Optimizer,
  theta0: Float32Array,
  grads: Float32Array[],
): Float32Array[] {
  const p = tf.variable(tf.tensor(theta0));
  const params = { p };
  const out: Float32Array[] = [];
  for (const g of grads) {
    const gt = tf.tensor(g);
    opt.step({ p: gt }, params);
    gt.dispose();
    out.push(Float32Array.from(p.dataSync() as Float32Array));
  }
  p.dispose();
  return out;
}

/** Largest |a − b|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
