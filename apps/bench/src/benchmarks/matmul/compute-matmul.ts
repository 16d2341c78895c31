import { latentkitGradients, randomNormal, tf } from '@latentkit/tensor';
import { type TimingOptions, type TimingStats, timeInterleaved } from '../timing.js';
import { maxRelDiff } from './measure-matmul.js';

/** One product C[m,n] = A[m,k]·B[k,n] of the MLP-VAE (784-400-20), batch 128. */
export interface Product {
  label: string;
  m: number;
  k: number;
  n: number;
  /** Also measured in quick mode. */
  quick: boolean;
}

export const PRODUCTS: Product[] = [
  { label: 'encoder 784→400', m: 128, k: 784, n: 400, quick: true },
  { label: 'encoder 400→20', m: 128, k: 400, n: 20, quick: true },
  { label: 'decoder 20→400', m: 128, k: 20, n: 400, quick: false },
  { label: 'decoder 400→784', m: 128, k: 400, n: 784, quick: false },
];

/** Operands of one product; the transposed copies let the flag variants do the same arithmetic. */
interface Operands {
  a: tf.Tensor2D; // [m, k]
  b: tf.Tensor2D; // [k, n]
  aT: tf.Tensor2D; // [k, m]
  bT: tf.Tensor2D; // [n, k]
  dy: tf.Tensor2D; // [m, n], the upstream gradient
}

export interface Variant {
  id: string;
  label: string;
  /** Floating-point operations per call, as a multiple of one product (2·m·k·n). */
  products: number;
  run: (o: Operands) => tf.Tensor[];
}

const matMulGrad = latentkitGradients.find((g) => g.kernelName === 'BatchMatMul');

/** latentkit's registered BatchMatMul gradient, called directly (no forward product). */
function latentkitGradient(o: Operands): tf.Tensor[] {
  if (!matMulGrad) throw new Error('latentkit registers no BatchMatMul gradient');
  const g = matMulGrad.gradFunc(o.dy, [o.a, o.b], { transposeA: false, transposeB: false });
  return [g.a!(), g.b!()];
}

export const VARIANTS: Variant[] = [
  { id: 'plain', label: 'A·B', products: 1, run: (o) => [tf.matMul(o.a, o.b)] },
  {
    id: 'transposeA',
    label: 'matMul(Aᵀ, B, transposeA)',
    products: 1,
    run: (o) => [tf.matMul(o.aT, o.b, true, false)],
  },
  {
    id: 'explicitTransposeA',
    label: 'transpose(Aᵀ)·B',
    products: 1,
    run: (o) => [tf.matMul(tf.transpose(o.aT), o.b)],
  },
  {
    id: 'transposeB',
    label: 'matMul(A, Bᵀ, transposeB)',
    products: 1,
    run: (o) => [tf.matMul(o.a, o.bT, false, true)],
  },
  {
    id: 'explicitTransposeB',
    label: 'A·transpose(Bᵀ)',
    products: 1,
    run: (o) => [tf.matMul(o.a, tf.transpose(o.bT))],
  },
  {
    id: 'gradStock',
    label: 'gradient, stock-style flags',
    products: 2,
    // What tfjs's own BatchMatMul gradient computes: dA = dY·Bᵀ, dB = Aᵀ·dY, with flags.
    run: (o) => [tf.matMul(o.dy, o.b, false, true), tf.matMul(o.a, o.dy, true, false)],
  },
  {
    id: 'gradLatentkit',
    label: 'gradient, latentkit (explicit transposes)',
    products: 2,
    run: latentkitGradient,
  },
];

/** Warm-up and timed rounds per mode. */
export function matmulTiming(quick: boolean): TimingOptions {
  return quick
    ? { warmup: 2, iterations: 11, maxTimeMs: 2_500, minIterations: 5 }
    : { warmup: 5, iterations: 41, maxTimeMs: 15_000, minIterations: 15 };
}

/** Runs a variant, reads every output back (so the work is really done), disposes everything. */
function callOnce(variant: Variant, o: Operands): void {
  const outs = tf.tidy(() => variant.run(o));
  for (const t of outs) t.dataSync();
  tf.dispose(outs);
}

/** One product's timings by variant id, and how far the two gradients differ. */
export interface ProductTiming {
  product: Product;
  /** Per-call statistics by variant id. */
  timed: Record<string, TimingStats>;
  /** Largest |latentkit − stock| gradient element relative to the largest stock element. */
  gradientRelDiff: number;
}

/** Random operands of one product, seeded by its index. */
function operands(p: Product, index: number): Operands {
  const seed = 1000 + index;
  return tf.tidy(() => {
    const a = randomNormal([p.m, p.k], seed) as tf.Tensor2D;
    const b = randomNormal([p.k, p.n], seed + 100) as tf.Tensor2D;
    const dy = randomNormal([p.m, p.n], seed + 200) as tf.Tensor2D;
    return { a, b, dy, aT: tf.transpose(a), bT: tf.transpose(b) };
  });
}

/** The stock-style and latentkit gradients must agree (float32 rounding only). */
function gradientDifference(o: Operands): number {
  const [stockOut, lkOut] = [VARIANTS[5]!, VARIANTS[6]!].map((v) => tf.tidy(() => v.run(o)));
  const diff = maxRelDiff(
    lkOut!.map((t) => t.dataSync()),
    stockOut!.map((t) => t.dataSync()),
  );
  tf.dispose([...stockOut!, ...lkOut!]);
  return diff;
}

/** Times every variant on every product of the mode (interleaved rounds per product). */
export async function timeMatmul(quick: boolean): Promise<ProductTiming[]> {
  const products = PRODUCTS.filter((p) => p.quick || !quick);
  const out: ProductTiming[] = [];
  for (const [pi, p] of products.entries()) {
    const o = operands(p, pi);
    // Interleaved rounds: load from other processes affects every variant alike.
    const timed = await timeInterleaved(
      Object.fromEntries(VARIANTS.map((v) => [v.id, () => callOnce(v, o)])),
      matmulTiming(quick),
    );
    const gradientRelDiff = gradientDifference(o);
    tf.dispose(Object.values(o));
    out.push({ product: p, timed, gradientRelDiff });
  }
  return out;
}
