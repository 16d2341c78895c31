import type { TimingStats } from '../timing.js';

/** One variant of one product, as the JSON keeps it. */
export interface VariantResult {
  variant: string;
  label: string;
  /** Floating-point operations per call. */
  flops: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
  samples: number;
  /** flops / median time, GFLOP/s. */
  gflops: number;
  /** Median time over the plain product's median. */
  relativeToPlain: number;
}

/** One product's variants and the gradient comparison. */
export interface ProductResult {
  product: string;
  m: number;
  k: number;
  n: number;
  variants: VariantResult[];
  /** Stock-style gradient median / latentkit gradient median (> 1: latentkit faster). */
  gradientSpeedupStockOverLatentkit: number;
  gradientMaxRelDiff: number;
}

/** Largest |x − y| relative to the largest |y|, over several outputs (absolute when y is all 0). */
export function maxRelDiff(xs: ArrayLike<number>[], ys: ArrayLike<number>[]): number {
  let diff = 0;
  let scale = 0;
  xs.forEach((a, i) => {
    const b = ys[i]!;
    for (let j = 0; j < b.length; j++) {
      diff = Math.max(diff, Math.abs(a[j]! - b[j]!));
      scale = Math.max(scale, Math.abs(b[j]!));
    }
  });
  return scale > 0 ? diff / scale : diff;
}

/**
 * GFLOP/s and the ratio to the plain product for every variant, and the gradient speed-up.
 * `timed` holds the variant ids `plain`, `gradStock` and `gradLatentkit` at least.
 */
export function measureProduct(
  p: { label: string; m: number; k: number; n: number },
  variants: readonly { id: string; label: string; products: number }[],
  timed: Record<string, TimingStats>,
  gradientRelDiff: number,
): ProductResult {
  const flops = 2 * p.m * p.k * p.n;
  const plainMs = timed.plain!.medianMs;
  return {
    product: p.label,
    m: p.m,
    k: p.k,
    n: p.n,
    variants: variants.map((v) => {
      const s = timed[v.id]!;
      return {
        variant: v.id,
        label: v.label,
        flops: v.products * flops,
        medianMs: s.medianMs,
        minMs: s.minMs,
        maxMs: s.maxMs,
        meanMs: s.meanMs,
        samples: s.samplesMs.length,
        gflops: (v.products * flops) / (s.medianMs * 1e6),
        relativeToPlain: s.medianMs / plainMs,
      };
    }),
    gradientSpeedupStockOverLatentkit: timed.gradStock!.medianMs / timed.gradLatentkit!.medianMs,
    gradientMaxRelDiff: gradientRelDiff,
  };
}
