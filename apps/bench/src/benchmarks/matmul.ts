import { initBackend, latentkitGradients, randomNormal, tf } from '@latentkit/tensor';
import type { Benchmark, BenchOptions, BenchOutput } from '../benchmark.js';
import { formatTable } from '../report.js';
import { type TimingOptions, type TimingStats, timeInterleaved } from './timing.js';

/** One product C[m,n] = A[m,k]·B[k,n] of the MLP-VAE (784-400-20), batch 128. */
interface Product {
  label: string;
  m: number;
  k: number;
  n: number;
  /** Also measured in quick mode. */
  quick: boolean;
}

const PRODUCTS: Product[] = [
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

interface Variant {
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

const VARIANTS: Variant[] = [
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

function timing(quick: boolean): TimingOptions {
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

/** Largest |x − y| relative to the largest |y|, over several output tensors. */
function maxRelDiff(xs: tf.Tensor[], ys: tf.Tensor[]): number {
  let diff = 0;
  let scale = 0;
  xs.forEach((x, i) => {
    const a = x.dataSync();
    const b = ys[i]!.dataSync();
    for (let j = 0; j < b.length; j++) {
      diff = Math.max(diff, Math.abs(a[j]! - b[j]!));
      scale = Math.max(scale, Math.abs(b[j]!));
    }
  });
  return scale > 0 ? diff / scale : diff;
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);

/** Micro-benchmark of the matMul variants behind latentkit's transposed-product gradient fix. */
export const matmulBenchmark: Benchmark = {
  name: 'matmul',
  description:
    'matMul with and without transpose flags, and the stock vs latentkit matMul gradient, at MLP-VAE shapes',
  inDefaultSuite: true,
  async run(options: BenchOptions): Promise<BenchOutput> {
    const info = await initBackend({ backend: options.backend });
    const products = PRODUCTS.filter((p) => p.quick || !options.quick);
    const rows: string[][] = [];
    const summary: string[][] = [];
    const results: Record<string, unknown>[] = [];

    for (const [pi, p] of products.entries()) {
      const seed = 1000 + pi;
      const o: Operands = tf.tidy(() => {
        const a = randomNormal([p.m, p.k], seed) as tf.Tensor2D;
        const b = randomNormal([p.k, p.n], seed + 100) as tf.Tensor2D;
        const dy = randomNormal([p.m, p.n], seed + 200) as tf.Tensor2D;
        return { a, b, dy, aT: tf.transpose(a), bT: tf.transpose(b) };
      });
      const flops = 2 * p.m * p.k * p.n;
      // Interleaved rounds: load from other processes affects every variant alike.
      const timed = await timeInterleaved(
        Object.fromEntries(VARIANTS.map((v) => [v.id, () => callOnce(v, o)])),
        timing(options.quick),
      );
      const stats = new Map<string, TimingStats>(Object.entries(timed));
      // The two gradients must agree (float32 rounding only), or the speed-up means nothing.
      const [stockOut, lkOut] = [VARIANTS[5]!, VARIANTS[6]!].map((v) => tf.tidy(() => v.run(o)));
      const gradientRelDiff = maxRelDiff(lkOut!, stockOut!);
      tf.dispose([...stockOut!, ...lkOut!]);
      tf.dispose(Object.values(o));

      const plainMs = stats.get('plain')!.medianMs;
      const shape = `[${p.m},${p.k}]·[${p.k},${p.n}]`;
      const variantResults = VARIANTS.map((v) => {
        const s = stats.get(v.id)!;
        const gflops = (v.products * flops) / (s.medianMs * 1e6);
        rows.push([
          `${p.label} ${shape}`,
          v.label,
          fmt(s.medianMs, 3),
          fmt(s.minMs, 3),
          fmt(gflops, 1),
          `${fmt(s.medianMs / plainMs)}×`,
          String(s.samplesMs.length),
        ]);
        return {
          variant: v.id,
          label: v.label,
          flops: v.products * flops,
          medianMs: s.medianMs,
          minMs: s.minMs,
          maxMs: s.maxMs,
          meanMs: s.meanMs,
          samples: s.samplesMs.length,
          gflops,
          relativeToPlain: s.medianMs / plainMs,
        };
      });
      const stockMs = stats.get('gradStock')!.medianMs;
      const lkMs = stats.get('gradLatentkit')!.medianMs;
      summary.push([
        `${p.label} ${shape}`,
        fmt(stockMs, 3),
        fmt(lkMs, 3),
        `${fmt(stockMs / lkMs)}×`,
        gradientRelDiff.toExponential(1),
      ]);
      results.push({
        product: p.label,
        m: p.m,
        k: p.k,
        n: p.n,
        variants: variantResults,
        gradientSpeedupStockOverLatentkit: stockMs / lkMs,
        gradientMaxRelDiff: gradientRelDiff,
      });
    }

    const summaryText = formatTable({
      columns: ['product', 'stock grad ms', 'latentkit grad ms', 'stock/latentkit', 'max rel diff'],
      rows: summary,
    });

    return {
      header: [
        `backend ${info.name}, SIMD ${info.simd ? 'yes' : 'no'}, threads ${info.threads}` +
          (info.fellBack ? ` (fell back: ${info.fallbackReason})` : ''),
        `timing: median of up to ${timing(options.quick).iterations} interleaved rounds (every ` +
          `variant once per round) after ${timing(options.quick).warmup} warm-up rounds; ` +
          'each call reads its result back with dataSync()',
      ],
      table: {
        columns: ['product', 'variant', 'median ms', 'min ms', 'GFLOP/s', '× plain', 'n'],
        rows,
      },
      notes: [
        '',
        'Gradient of C = A·B (dA = dY·Bᵀ and dB = Aᵀ·dY), stock-style flags vs latentkit:',
        ...summaryText.split('\n'),
        '',
        '"× plain" is the median time relative to the plain product of the same shape (gradient rows',
        'do two products, so 2× is par). "stock/latentkit" > 1 means latentkit\'s gradient is faster.',
      ],
      results: { backend: info, products: results },
    };
  },
};
