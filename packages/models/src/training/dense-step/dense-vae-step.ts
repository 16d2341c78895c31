import { createRng, randomNormal } from '@latentkit/tensor';
import {
  columnSumAt,
  type ElementwiseKernels,
  elementwiseKernelsFor,
  GEMM_BIAS,
  GEMM_RELU,
  type GemmKernels,
  gemmKernelsFor,
  nonzeroFraction,
  sparseProductAt,
  sparseScratchBytes,
} from '@latentkit/tensor/internal';
import type { DenseLayerPlan, DenseVaePlan } from './dense-vae-plan.js';

// The training step of an MLP VAE (or autoencoder) without tfjs: the forward pass, the loss terms
// and the backward pass as direct calls of latentkit's SIMD kernels (the GEMMs with their
// zero-skipping variants, the Bernoulli NLL and its gradient, the ReLU mask, the column sums) on
// byte addresses of one WebAssembly memory, and the small latent-sized terms (reparameterization,
// KL) as float64 loops rounded once — the same kernels and formulas the tfjs path registers, in
// the same order. Why: through tfjs, a step of the reference VAE is ~85 kernel launches with
// their dispatch, tape and bookkeeping (~2 ms of a 64-row step), and the parallel engine's
// workers copy every parameter into tfjs variables and every gradient out again. Here the
// parameters are read where they lie and the gradients written where the optimizer reads them.

/** Arguments of one {@link DenseVaeStep.run}. @internal */
export interface DenseVaeStepArgs {
  /** Byte address of the rows, float32 `[rows, inputSize]` (values in [0, 1]). */
  x: number;
  rows: number;
  /** ε for these rows, `[rows, latentDim]` (VAE; ignored for an AE). */
  eps: Float32Array | undefined;
  /** The loss's gradient with respect to each row's reconstruction term (float32). */
  seedRecon: number;
  /** The loss's gradient with respect to each row's KL element (float32; 0 when w = 0). */
  seedKl: number;
}

/**
 * The float32 gradients of the loss that the tfjs path's tape gives each row's terms, for `rows`
 * rows of a batch of `size` split over `active` workers: the shard's loss is weighted by
 * rows / size (not when it is the whole batch), the batch means divide by the rows, and the KL
 * term is multiplied by `klWeight` (not when it is 1; left out when it is 0).
 *
 * @internal
 */
export function denseVaeSeeds(
  rows: number,
  size: number,
  active: number,
  klWeight: number,
): Pick<DenseVaeStepArgs, 'seedRecon' | 'seedKl'> {
  const weight = active === 1 ? 1 : Math.fround(rows / size);
  const kl = klWeight === 1 ? weight : Math.fround(weight * Math.fround(klWeight));
  return {
    seedRecon: Math.fround(weight / rows),
    seedKl: klWeight === 0 ? 0 : Math.fround(kl / rows),
  };
}

/**
 * Rows `[lo, hi)` of a batch's ε (`[size, latentDim]` standard normals from
 * `createRng(epsSeed)`, as `StepBatch.epsSeed` defines them). The draw is one sequential stream,
 * so its first `hi` rows are a draw of `hi` rows: the rows after `hi` are not made.
 *
 * @internal
 */
export function denseVaeEps(
  epsSeed: number,
  lo: number,
  hi: number,
  latentDim: number,
): Float32Array {
  const all = randomNormal([hi, latentDim], createRng(epsSeed));
  const rows = (all.dataSync() as Float32Array).slice(lo * latentDim, hi * latentDim);
  all.dispose();
  return rows;
}

/**
 * The objective's value from the terms' means, in float32 as the tfjs path adds it: recon +
 * w·KL, without the multiply for w = 1 and without the KL term for w = 0.
 *
 * @internal
 */
export function denseVaeLoss(means: DenseVaeStepMeans, klWeight: number): number {
  if (klWeight === 0) return means.recon;
  const weighted = klWeight === 1 ? means.kl : Math.fround(means.kl * Math.fround(klWeight));
  return Math.fround(means.recon + weighted);
}

/**
 * Means over the step's rows, in nats, as the tfjs path reports them (float32 sums in row order,
 * then a float32 division, as tfjs-wasm's `Sum` and `Mean` compute them). @internal
 */
export interface DenseVaeStepMeans {
  recon: number;
  kl: number;
}

/** A step bound to a memory, its parameters, gradients and scratch space. @internal */
export interface DenseVaeStep {
  /** Byte address where a caller may stage the step's rows (`maxRows × inputSize` float32). */
  readonly inputAt: number;
  /** Forward and backward pass; writes every parameter's gradient; returns the terms' means. */
  run(args: DenseVaeStepArgs): DenseVaeStepMeans;
}

/** Where the step's buffers lie in its scratch space, for at most `rows` rows. */
function scratchPlan(plan: DenseVaePlan, rows: number) {
  let at = 0;
  const take = (floats: number): number => {
    const start = at;
    at += Math.ceil((4 * floats) / 16) * 16;
    return start;
  };
  const d = plan.latentDim;
  const widths = [plan.inputSize, d, ...plan.encoder.map((l) => l.outF)];
  for (const l of plan.decoder) widths.push(l.outF);
  const maxWidth = Math.max(...widths);
  const buffers = {
    x: take(rows * plan.inputSize),
    encoder: plan.encoder.map((l) => take(rows * l.outF)),
    mu: take(rows * d),
    logVar: take(rows * d),
    z: take(rows * d),
    decoder: plan.decoder.map((l) => take(rows * l.outF)),
    recon: take(rows),
    dyRows: take(rows),
    gradA: take(rows * maxWidth),
    gradB: take(rows * maxWidth),
    gradC: take(rows * maxWidth),
    dMu: take(rows * d),
    dLogVar: take(rows * d),
    probe: take(8),
    sparse: take(sparseScratchBytes(Math.max(maxWidth, rows), Math.max(maxWidth, rows)) / 4),
  };
  return { buffers, bytes: at };
}

/**
 * Bytes of scratch space a {@link DenseVaeStep} needs for at most `rows` rows.
 *
 * @internal
 */
export function denseVaeScratchBytes(plan: DenseVaePlan, rows: number): number {
  return scratchPlan(plan, rows).bytes;
}

/** Addresses the step reads and writes. @internal */
export interface DenseVaeStepMemory {
  memory: WebAssembly.Memory;
  /** Byte address of each parameter's values (float32, row-major). */
  params: ReadonlyMap<string, number>;
  /** Byte address where each parameter's gradient goes. */
  grads: ReadonlyMap<string, number>;
  /** Byte address of {@link denseVaeScratchBytes} bytes (16-byte aligned). */
  scratch: number;
  /** Rows per step at most (the scratch space's size). */
  maxRows: number;
}

/**
 * Binds the tape-free step to a memory, or returns `undefined` when the engine lacks wasm SIMD
 * or refuses to compile the kernels synchronously (the tfjs path then runs).
 *
 * @internal
 */
export function createDenseVaeStep(
  plan: DenseVaePlan,
  where: DenseVaeStepMemory,
): DenseVaeStep | undefined {
  const { memory } = where;
  let gemm: GemmKernels | undefined;
  try {
    gemm = gemmKernelsFor(memory);
  } catch {
    return undefined; // an engine that refuses to compile synchronously here
  }
  const ew = elementwiseKernelsFor(memory);
  if (!gemm || !ew) return undefined;
  const layout = scratchPlan(plan, where.maxRows).buffers;
  const buf = (offset: number): number => where.scratch + offset;
  const param = (name: string): number => where.params.get(name)!;
  const grad = (name: string): number => where.grads.get(name)!;
  return {
    inputAt: buf(layout.x),
    run(args) {
      if (args.rows < 1 || args.rows > where.maxRows) {
        throw new RangeError(`dense step: ${args.rows} rows, at most ${where.maxRows}`);
      }
      return runStep(plan, { gemm, ew, memory, buf, param, grad, layout }, args);
    },
  };
}

interface Bound {
  gemm: GemmKernels;
  ew: ElementwiseKernels;
  memory: WebAssembly.Memory;
  buf: (offset: number) => number;
  param: (name: string) => number;
  grad: (name: string) => number;
  layout: ReturnType<typeof scratchPlan>['buffers'];
}

// long: the forward and backward pass of the whole network in order, which reads best in one piece.
function runStep(plan: DenseVaePlan, b: Bound, args: DenseVaeStepArgs): DenseVaeStepMeans {
  const { gemm, ew, memory, buf, param, grad, layout } = b;
  const n = args.rows;
  const d = plan.latentDim;
  const f32 = (at: number, count: number) => new Float32Array(memory.buffer, at, count);
  // Nonzero fraction per activation buffer, scanned once per step: each feeds one forward
  // product (A·W) and one weight gradient (Aᵀ·dY), as in the tfjs path's per-tensor cache.
  const densities = new Map<number, number>();
  const density = (a: number, count: number): number => {
    let v = densities.get(a);
    if (v === undefined) {
      v = nonzeroFraction(gemm, memory, a, count, buf(layout.probe));
      densities.set(a, v);
    }
    return v;
  };
  /** C[m, n] = A·B (+ bias, ReLU), A `[m, k]`; zero-skipping when A is sparse enough. */
  const forward = (a: number, layer: DenseLayerPlan, c: number): void => {
    const flags = GEMM_BIAS | (layer.relu ? GEMM_RELU : 0);
    const [k, cols] = [layer.inF, layer.outF];
    const at = {
      a,
      b: param(layer.weight),
      c,
      bias: param(layer.bias),
      scratch: buf(layout.sparse),
    };
    const dims = { m: n, n: cols, k, tA: false, flags };
    if (!sparseProductAt(gemm, memory, at, dims, density(a, n * k))) {
      gemm.nn(a, at.b, c, at.bias, n, cols, k, flags);
    }
  };
  /** Gradients of a layer's W and b from its input `a` and the gradient `dy` of its pre-activation. */
  const weightGrads = (a: number, layer: DenseLayerPlan, dy: number): void => {
    const [m, cols] = [layer.inF, layer.outF];
    const at = { a, b: dy, c: grad(layer.weight), bias: 0, scratch: buf(layout.sparse) };
    const dims = { m, n: cols, k: n, tA: true, flags: 0 };
    if (!sparseProductAt(gemm, memory, at, dims, density(a, n * m))) {
      gemm.tn(a, dy, at.c, 0, m, cols, n, 0);
    }
    columnSumAt(memory, ew, dy, grad(layer.bias), n, cols);
  };
  /** The gradient of a layer's input: dX = dY·Wᵀ. */
  const inputGrad = (layer: DenseLayerPlan, dy: number, dx: number): void => {
    gemm.nt(dy, param(layer.weight), dx, 0, n, layer.inF, layer.outF, 0);
  };
  /** dY ← dY·[y > 0] over `count` values. */
  const reluMask = (dy: number, y: number, count: number): void => {
    const n4 = count & ~3;
    if (n4 > 0) ew.reluGrad(dy, y, dy, n4);
    if (n4 < count) {
      const g = f32(dy, count);
      const v = f32(y, count);
      for (let i = n4; i < count; i++) g[i] = g[i]! * (v[i]! > 0 ? 1 : 0);
    }
  };

  // Forward.
  let h = args.x;
  let hWidth = plan.inputSize;
  plan.encoder.forEach((layer, i) => {
    forward(h, layer, buf(layout.encoder[i]!));
    h = buf(layout.encoder[i]!);
    hWidth = layer.outF;
  });
  const muAt = buf(layout.mu);
  forward(h, plan.mu, muAt);
  let z = muAt;
  let klMean = 0;
  const lvAt = buf(layout.logVar);
  if (plan.logVar) {
    forward(h, plan.logVar, lvAt);
    z = buf(layout.z);
    const [mu, lv, zs] = [f32(muAt, n * d), f32(lvAt, n * d), f32(z, n * d)];
    const eps = args.eps!;
    let rowsSum = 0;
    for (let r = 0; r < n; r++) {
      let row = 0;
      for (let i = r * d; i < (r + 1) * d; i++) {
        const m = mu[i]!;
        const v = lv[i]!;
        zs[i] = m + Math.exp(0.5 * v) * eps[i]!;
        row = Math.fround(row + Math.fround(0.5 * (m * m + Math.expm1(v) - v)));
      }
      rowsSum = Math.fround(rowsSum + row);
    }
    klMean = Math.fround(rowsSum / n);
  }
  let g = z;
  plan.decoder.forEach((layer, j) => {
    forward(g, layer, buf(layout.decoder[j]!));
    g = buf(layout.decoder[j]!);
  });
  const logits = g;
  const D = plan.inputSize;
  ew.nllRows(logits, args.x, buf(layout.recon), n, D, 4 * D);
  let reconSum = 0;
  for (const r of f32(buf(layout.recon), n)) reconSum = Math.fround(reconSum + r);
  const reconMean = Math.fround(reconSum / n);

  // Backward: the output layer, then down the decoder.
  f32(buf(layout.dyRows), n).fill(args.seedRecon);
  let dy = buf(layout.gradA);
  let spare = buf(layout.gradB);
  ew.nllGrad(logits, args.x, buf(layout.dyRows), dy, n, D, 4 * D);
  for (let j = plan.decoder.length - 1; j >= 0; j--) {
    const layer = plan.decoder[j]!;
    const input = j === 0 ? z : buf(layout.decoder[j - 1]!);
    weightGrads(input, layer, dy);
    inputGrad(layer, dy, spare);
    [dy, spare] = [spare, dy];
    if (j > 0) reluMask(dy, input, n * layer.inF);
  }
  // dy is now dz. Through the reparameterization and the KL term to μ and log σ².
  let dMu = dy;
  if (plan.logVar) {
    const dz = f32(dy, n * d);
    const [mu, lv, eps] = [f32(muAt, n * d), f32(lvAt, n * d), args.eps!];
    const [gm, gv] = [f32(buf(layout.dMu), n * d), f32(buf(layout.dLogVar), n * d)];
    const s = args.seedKl;
    for (let i = 0; i < n * d; i++) {
      const v = lv[i]!;
      gm[i] = dz[i]! + Math.fround(s * mu[i]!);
      gv[i] =
        Math.fround(0.5 * Math.exp(0.5 * v) * (dz[i]! * eps[i]!)) +
        Math.fround(0.5 * s * Math.expm1(v));
    }
    dMu = buf(layout.dMu);
  }
  // The heads, then down the encoder.
  weightGrads(h, plan.mu, dMu);
  const dh = dy === buf(layout.gradA) ? buf(layout.gradB) : buf(layout.gradA);
  inputGrad(plan.mu, dMu, dh);
  if (plan.logVar) {
    weightGrads(h, plan.logVar, buf(layout.dLogVar));
    const other = buf(layout.gradC);
    inputGrad(plan.logVar, buf(layout.dLogVar), other);
    const [x, y] = [f32(dh, n * hWidth), f32(other, n * hWidth)];
    for (let i = 0; i < n * hWidth; i++) x[i] = x[i]! + y[i]!;
  }
  dy = dh;
  spare = dh === buf(layout.gradA) ? buf(layout.gradB) : buf(layout.gradA);
  for (let i = plan.encoder.length - 1; i >= 0; i--) {
    const layer = plan.encoder[i]!;
    reluMask(dy, buf(layout.encoder[i]!), n * layer.outF);
    const input = i === 0 ? args.x : buf(layout.encoder[i - 1]!);
    weightGrads(input, layer, dy);
    if (i > 0) {
      inputGrad(layer, dy, spare);
      [dy, spare] = [spare, dy];
    }
  }
  return { recon: reconMean, kl: klMean };
}
