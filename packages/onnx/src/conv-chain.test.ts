import { createRng } from '@latentkit/core';
import { conv2d, conv2dTranspose, createParamStore, initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { hwcColumns, hwcRows, readConvDecoder, readConvEncoder } from './conv-chain.js';
import type { DenseStep } from './dense-chain.js';
import { OnnxImportError } from './onnx-import-error.js';
import type { ConvExpr, Expr } from './onnx-values.js';

// The importer accepts a Conv / ConvTranspose exactly when latentkit's 'same'-padded layer
// computes what PyTorch's explicit pads compute: checked against the real layers (cpu backend)
// and a direct float64 evaluation of PyTorch's definition, over a sweep of sizes, kernels,
// strides, pads and output paddings. And the NCHW ↔ NHWC reorderings of the dense layers next to
// a flatten give the same function.

const rng = createRng(21);
const randoms = (n: number) => Float32Array.from({ length: n }, () => 2 * rng.next() - 1);

function step(inFeatures: number, outFeatures: number): DenseStep {
  return {
    weight: randoms(inFeatures * outFeatures),
    bias: randoms(outFeatures),
    inFeatures,
    outFeatures,
    activation: 'linear',
    negativeSlope: 0,
    node: 'fc',
  };
}

/** x · W + b in float64 (x `[in]`, W `[in, out]`). */
function affine(x: ArrayLike<number>, s: DenseStep): number[] {
  return Array.from({ length: s.outFeatures }, (_, o) => {
    let acc = s.bias[o]!;
    for (let i = 0; i < s.inFeatures; i++) acc += x[i]! * s.weight[i * s.outFeatures + o]!;
    return acc;
  });
}

/** A `[C, H, W]` array's values in `[H, W, C]` order. */
function toHwc(v: ArrayLike<number>, [c, h, w]: [number, number, number]): number[] {
  const out: number[] = [];
  for (let p = 0; p < h * w; p++) for (let ch = 0; ch < c; ch++) out.push(v[ch * h * w + p]!);
  return out;
}

describe('NCHW → NHWC reordering of the dense layers next to a flatten', () => {
  const map: [number, number, number] = [3, 2, 4];
  const size = 24;

  it('hwcRows: the reordered layer on the HWC flattening = the original on the CHW one', () => {
    const fc = step(size, 5);
    const x = randoms(size);
    const torch = affine(x, fc);
    const latentkit = affine(toHwc(x, map), hwcRows(fc, map));
    for (let o = 0; o < 5; o++) expect(latentkit[o]).toBeCloseTo(torch[o]!, 12);
  });

  it('hwcColumns: the reordered projection reshaped to [h, w, C] = the original reshaped to [C, h, w], transposed', () => {
    const proj = step(4, size);
    const z = randoms(4);
    const torch = toHwc(affine(z, proj), map);
    const latentkit = affine(z, hwcColumns(proj, map));
    for (let o = 0; o < size; o++) expect(latentkit[o]).toBeCloseTo(torch[o]!, 12);
  });
});

const input: Expr = { op: 'input', name: 'x' };

function convExpr(
  transpose: boolean,
  n: number,
  out: number,
  k: number,
  s: number,
  pads: [number, number],
  outputPadding: number,
  src: Expr,
): ConvExpr {
  return {
    op: 'conv',
    src,
    transpose,
    weight: new Float32Array(k * k),
    bias: new Float32Array(1),
    inShape: [1, n, n],
    outShape: [1, out, out],
    kernel: [k, k],
    strides: [s, s],
    pads: [pads[0], pads[0], pads[1], pads[1]],
    outputPadding: [outputPadding, outputPadding],
    node: 'conv',
    opType: transpose ? 'ConvTranspose' : 'Conv',
  };
}

function accepted(read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch (error) {
    if (error instanceof OnnxImportError) return false;
    throw error;
  }
}

/** PyTorch's Conv2d (one channel, no bias) on an n×n image, float64. */
function torchConv(
  x: Float32Array,
  n: number,
  w: Float32Array,
  k: number,
  s: number,
  pb: number,
  pe: number,
) {
  const out = Math.floor((n + pb + pe - k) / s) + 1;
  const y = new Float64Array(Math.max(out, 0) ** 2);
  for (let i = 0; i < out; i++) {
    for (let j = 0; j < out; j++) {
      let acc = 0;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const r = i * s + a - pb;
          const c = j * s + b - pb;
          if (r >= 0 && r < n && c >= 0 && c < n) acc += x[r * n + c]! * w[a * k + b]!;
        }
      }
      y[i * out + j] = acc;
    }
  }
  return { out, y };
}

/** PyTorch's ConvTranspose2d (one channel, no bias), float64: each input scattered through w. */
function torchConvTranspose(
  x: Float32Array,
  n: number,
  w: Float32Array,
  k: number,
  s: number,
  pb: number,
  pe: number,
  op: number,
) {
  const out = (n - 1) * s - pb - pe + k + op;
  const y = new Float64Array(Math.max(out, 0) ** 2);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const r = i * s + a - pb;
          const c = j * s + b - pb;
          if (r >= 0 && r < out && c >= 0 && c < out)
            y[r * out + c]! += x[i * n + j]! * w[a * k + b]!;
        }
      }
    }
  }
  return { out, y };
}

/** latentkit's layer ('same' padding, one channel, no bias) on an n×n image. */
function latentkitLayer(
  transpose: boolean,
  x: Float32Array,
  n: number,
  w: Float32Array,
  k: number,
  s: number,
) {
  const store = createParamStore();
  const options = {
    inChannels: 1,
    outChannels: 1,
    kernelSize: k,
    stride: s,
    padding: 'same' as const,
    useBias: false,
  };
  const layer = transpose ? conv2dTranspose(store, 'c', options) : conv2d(store, 'c', options);
  store.loadRecord({ 'c.weight': { shape: [k, k, 1, 1], dtype: 'float32', data: w } });
  const y = tf.tidy(() => layer.apply(tf.tensor4d(x, [1, n, n, 1])));
  const result = { out: y.shape[1]!, y: y.dataSync() };
  y.dispose();
  store.dispose();
  return result;
}

function same(
  a: { out: number; y: ArrayLike<number> },
  b: { out: number; y: ArrayLike<number> },
): boolean {
  if (a.out !== b.out) return false;
  for (let i = 0; i < a.y.length; i++) if (Math.abs(a.y[i]! - b.y[i]!) > 1e-4) return false;
  return true;
}

describe("the importer's padding rule agrees with latentkit's layers", () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('Conv: accepted exactly when the layer with padding "same" reproduces PyTorch (n ≤ 7, k ≤ 5, s ≤ 3, pads ≤ 2)', () => {
    const counts = { accepted: 0, refused: 0 };
    for (let n = 1; n <= 7; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 1; s <= 3; s++) {
          for (const [pb, pe] of [0, 1, 2].flatMap((a) => [0, 1, 2].map((b) => [a, b] as const))) {
            const x = randoms(n * n);
            const w = randoms(k * k);
            const torch = torchConv(x, n, w, k, s, pb, pe);
            if (torch.out < 1) continue;
            const conv = convExpr(false, n, torch.out, k, s, [pb, pe], 0, input);
            const flat: Expr = {
              op: 'reshape',
              src: conv,
              from: [1, torch.out, torch.out],
              to: [torch.out ** 2],
              node: 'f',
              opType: 'Flatten',
            };
            const ok = accepted(() => readConvEncoder(flat, 'encoder'));
            expect(ok, `n ${n} k ${k} s ${s} pads ${pb}, ${pe}`).toBe(
              same(torch, latentkitLayer(false, x, n, w, k, s)),
            );
            counts[ok ? 'accepted' : 'refused']++;
          }
        }
      }
    }
    console.log(`Conv geometry sweep: ${JSON.stringify(counts)}`);
    expect(counts.accepted).toBeGreaterThan(20);
    expect(counts.refused).toBeGreaterThan(20);
  });

  it('ConvTranspose: accepted exactly when the layer reproduces PyTorch (n ≤ 5, k ≤ 5, s 2–3, pads ≤ 2, every output_padding)', () => {
    const counts = { accepted: 0, refused: 0 };
    for (let n = 1; n <= 5; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 2; s <= 3; s++) {
          for (let op = 0; op < s; op++) {
            for (const [pb, pe] of [0, 1, 2].flatMap((a) =>
              [0, 1, 2].map((b) => [a, b] as const),
            )) {
              const x = randoms(n * n);
              const w = randoms(k * k);
              const torch = torchConvTranspose(x, n, w, k, s, pb, pe, op);
              if (torch.out < 1) continue;
              const proj: Expr = {
                op: 'dense',
                src: input,
                weight: new Float32Array(n * n),
                bias: null,
                inFeatures: 1,
                outFeatures: n * n,
                node: 'proj',
                opType: 'Gemm',
              };
              const map: Expr = {
                op: 'reshape',
                src: proj,
                from: [n * n],
                to: [1, n, n],
                node: 'r',
                opType: 'Reshape',
              };
              const conv = convExpr(true, n, torch.out, k, s, [pb, pe], op, map);
              const ok = accepted(() => readConvDecoder(conv, 'decoder'));
              expect(ok, `n ${n} k ${k} s ${s} pads ${pb}, ${pe} output_padding ${op}`).toBe(
                same(torch, latentkitLayer(true, x, n, w, k, s)),
              );
              counts[ok ? 'accepted' : 'refused']++;
            }
          }
        }
      }
    }
    console.log(`ConvTranspose geometry sweep: ${JSON.stringify(counts)}`);
    expect(counts.accepted).toBeGreaterThan(20);
    expect(counts.refused).toBeGreaterThan(20);
  });
});

describe('geometries one latentkit conv spec cannot hold', () => {
  const flatten = (conv: ConvExpr): Expr => ({
    op: 'reshape',
    src: conv,
    from: [...conv.outShape],
    to: [conv.outShape.reduce((p, d) => p * d, 1)],
    node: 'f',
    opType: 'Flatten',
  });

  it('a non-square kernel, and stages with different strides', () => {
    const wide: ConvExpr = {
      ...convExpr(false, 8, 8, 3, 1, [1, 1], 0, input),
      kernel: [3, 5],
      pads: [1, 2, 1, 2],
    };
    expect(() => readConvEncoder(flatten(wide), 'encoder')).toThrow(/3×5 kernel .* square kernels/);
    const first = convExpr(false, 8, 4, 4, 2, [1, 1], 0, input);
    const second = convExpr(false, 4, 4, 3, 1, [1, 1], 0, first);
    expect(() => readConvEncoder(flatten(second), 'encoder')).toThrow(
      /shares one kernel size and stride; this node has kernel 3, stride 1, the first has kernel 4, stride 2/,
    );
  });

  it('a stride-1 ConvTranspose, and a Conv in the decoder', () => {
    const proj: Expr = {
      op: 'dense',
      src: input,
      weight: new Float32Array(16),
      bias: null,
      inFeatures: 1,
      outFeatures: 16,
      node: 'proj',
      opType: 'Gemm',
    };
    const map: Expr = {
      op: 'reshape',
      src: proj,
      from: [16],
      to: [1, 4, 4],
      node: 'r',
      opType: 'Reshape',
    };
    const flat = convExpr(true, 4, 4, 3, 1, [1, 1], 0, map);
    expect(() => readConvDecoder(flat, 'decoder')).toThrow(/stride 1 is not supported/);
    const conv = convExpr(false, 4, 2, 4, 2, [1, 1], 0, map);
    expect(() => readConvDecoder(conv, 'decoder')).toThrow(/upsamples with ConvTranspose/);
  });
});
