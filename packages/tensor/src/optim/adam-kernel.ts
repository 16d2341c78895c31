// A fused Adam update over float32 arrays in one WebAssembly memory, as a 128-bit SIMD loop.
//
// Why hand-written: tfjs ran Adam as 13 element-wise kernels per parameter (~130 launches per
// step of the reference VAE, ~10 ms), and a plain JS loop that rounds every operation to float32
// (needed for bit-identical results) is about as slow. One SIMD pass does the same float32
// operations in the same order — IEEE add/sub/mul/div/sqrt, no fused multiply-add — so it gives
// the very numbers of the tfjs update rule `createAdam` was before (committed as
// test/fixtures/adam.json), weight decay of both kinds included. No library offers such a kernel;
// the module is a few hundred bytes, assembled below with @latentkit/core's assembler.

import {
  assembleModule,
  FunctionAssembler,
  InvalidArgumentError,
  requireKnownOptions,
  Simd,
  WasmType,
} from '@latentkit/core';

/**
 * Hyper-parameters of one Adam update of one parameter (see {@link AdamKernel.adam}); every value
 * is rounded to float32 by the kernel, as a tfjs scalar would be.
 *
 * @internal
 */
export interface AdamCoefficients {
  /** β1 (rounded to float32, as a tfjs scalar would be). */
  beta1: number;
  /** 1 − β1. */
  oneMinusBeta1: number;
  /** β2. */
  beta2: number;
  /** 1 − β2. */
  oneMinusBeta2: number;
  /** √(1 − β2ᵗ) for this parameter's step t. */
  bc2Sqrt: number;
  /** ε. */
  eps: number;
  /** lr / (1 − β1ᵗ). */
  stepSize: number;
  /** Decoupled weight decay (AdamW): θ is first multiplied by this, 1 − lr·λ. Absent: none. */
  decay?: number;
  /** L2 weight decay λ: the gradient is g + θ·λ. Absent: none. Not together with `decay`. */
  l2?: number;
}

/**
 * Fused Adam and vector-add kernels over a WebAssembly memory. Addresses are byte offsets into
 * `memory`, 4-byte aligned; counts are float32 elements.
 *
 * @internal
 */
export interface AdamKernel {
  /** The memory the kernels work on. */
  readonly memory: WebAssembly.Memory;
  /** Whether the SIMD module is used (`false`: the plain JS loop, e.g. without wasm SIMD). */
  readonly simd: boolean;
  /**
   * For i < n, exactly as tfjs ops on float32 would compute them: with `c.l2`, `g ← g + p·λ`
   * first (the array at `g` is left unchanged); with `c.decay`, `p ← p·decay` first; then
   * `m ← m·β1 + g·(1−β1)`, `v ← v·β2 + g²·(1−β2)`, `p ← p − (m / (√v / bc2Sqrt + ε))·stepSize`.
   *
   * @throws {@link InvalidArgumentError} if both `c.decay` and `c.l2` are given.
   */
  adam(p: number, g: number, m: number, v: number, n: number, c: AdamCoefficients): void;
  /** `dst[i] ← dst[i] + src[i]` for i < n (float32). */
  add(dst: number, src: number, n: number): void;
}

const f = Math.fround;

/** Which variant of the update a set of coefficients asks for. */
type Variant = 'plain' | 'decoupled' | 'l2';

function variantOf(c: AdamCoefficients): Variant {
  if (c.decay !== undefined && c.l2 !== undefined) {
    throw new InvalidArgumentError('coefficients', 'give decay or l2, not both');
  }
  if (c.decay !== undefined) return 'decoupled';
  return c.l2 !== undefined ? 'l2' : 'plain';
}

/**
 * The reference (and fallback) loop: every operation rounded to float32. Exported for tests.
 *
 * @internal
 */
export function adamReference(
  heap: Float32Array,
  p: number,
  g: number,
  m: number,
  v: number,
  n: number,
  c: AdamCoefficients,
): void {
  const variant = variantOf(c);
  const b1 = f(c.beta1);
  const c1 = f(c.oneMinusBeta1);
  const b2 = f(c.beta2);
  const c2 = f(c.oneMinusBeta2);
  const bc = f(c.bc2Sqrt);
  const eps = f(c.eps);
  const ss = f(c.stepSize);
  const decay = f(c.decay ?? 1);
  const l2 = f(c.l2 ?? 0);
  const [pi, gi, mi, vi] = [p >> 2, g >> 2, m >> 2, v >> 2];
  for (let i = 0; i < n; i++) {
    let th = heap[pi + i]!;
    let gr = heap[gi + i]!;
    if (variant === 'l2') gr = f(gr + f(th * l2));
    if (variant === 'decoupled') th = f(th * decay);
    const mn = f(f(heap[mi + i]! * b1) + f(gr * c1));
    const vn = f(f(heap[vi + i]! * b2) + f(f(gr * gr) * c2));
    heap[mi + i] = mn;
    heap[vi + i] = vn;
    const denom = f(f(f(Math.sqrt(vn)) / bc) + eps);
    heap[pi + i] = f(th - f(f(mn / denom) * ss));
  }
}

// --- WebAssembly encoding (with @latentkit/core's assembler) ------------------------------

const { i32: I32, f32: F32, v128: V128 } = WasmType;

/**
 * `for (i = 0; i < n·4; i += 16) body()` with the byte index `i` in local `iv` and the byte end
 * in local `endv` (n counts float32 elements; each pass handles four).
 */
function loop4(a: FunctionAssembler, n: number, iv: number, endv: number, body: () => void): void {
  a.get(n).i32(4).mul().set(endv).i32(0).set(iv);
  a.block().loop().get(iv).get(endv).geU().brIf(1);
  body();
  a.get(iv).i32(16).add().set(iv).br(0).end().end();
}

function adamFunction(variant: Variant): FunctionAssembler {
  // params: 0 p, 1 g, 2 m, 3 v, 4 n (i32); 5 b1, 6 c1, 7 b2, 8 c2, 9 bc, 10 eps, 11 ss,
  //   12 decay or λ (f32, unused by the plain variant)
  // locals: 13 i, 14 end (i32); 15..22 the coefficients splatted, 23 g, 24 m, 25 v, 26 p (v128)
  const a = new FunctionAssembler(
    [I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32, F32],
    [I32, I32, ...new Array<number>(12).fill(V128)],
  );
  for (let k = 0; k < 8; k++)
    a.get(5 + k)
      .simd(Simd.f32x4Splat)
      .set(15 + k);
  const [B1, C1, B2, C2, BC, EPS, SS, WD, G, M, V, P] = [
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
  ];
  const at = (base: number): FunctionAssembler => a.get(base).get(13).add();
  loop4(a, 4, 13, 14, () => {
    at(0).vload().set(P);
    at(1).vload();
    // l2: g = g + p·λ
    if (variant === 'l2') a.get(P).get(WD).simd(Simd.f32x4Mul).simd(Simd.f32x4Add);
    a.set(G);
    // decoupled: p = p·decay
    if (variant === 'decoupled') a.get(P).get(WD).simd(Simd.f32x4Mul).set(P);
    // m = m·b1 + g·c1
    at(2);
    at(2).vload().get(B1).simd(Simd.f32x4Mul).get(G).get(C1).simd(Simd.f32x4Mul);
    a.simd(Simd.f32x4Add).tee(M).vstore();
    // v = v·b2 + (g·g)·c2
    at(3);
    at(3).vload().get(B2).simd(Simd.f32x4Mul).get(G).get(G).simd(Simd.f32x4Mul);
    a.get(C2).simd(Simd.f32x4Mul).simd(Simd.f32x4Add).tee(V).vstore();
    // p = p − (m / (√v / bc + eps))·ss
    at(0);
    a.get(P).get(M).get(V).simd(Simd.f32x4Sqrt).get(BC).simd(Simd.f32x4Div);
    a.get(EPS).simd(Simd.f32x4Add).simd(Simd.f32x4Div).get(SS).simd(Simd.f32x4Mul);
    a.simd(Simd.f32x4Sub).vstore();
  });
  return a;
}

function addFunction(): FunctionAssembler {
  // params: 0 dst, 1 src, 2 n; locals: 3 i, 4 end
  const a = new FunctionAssembler(3, [I32, I32]);
  const at = (base: number): FunctionAssembler => a.get(base).get(3).add();
  loop4(a, 2, 3, 4, () => {
    at(0);
    at(0).vload();
    at(1).vload().simd(Simd.f32x4Add).vstore();
  });
  return a;
}

/**
 * The module's bytes: imports `env.memory` (shared or not) and exports `adam`, `adamDecoupled`,
 * `adamL2` and `add`, which process `n − n mod 4` elements (the caller handles the tail).
 */
function moduleBytes(shared: boolean, maxPages: number): Uint8Array<ArrayBuffer> {
  return assembleModule(shared ? { initial: 0, maximum: maxPages, shared: true } : { initial: 0 }, [
    { name: 'adam', fn: adamFunction('plain') },
    { name: 'adamDecoupled', fn: adamFunction('decoupled') },
    { name: 'adamL2', fn: adamFunction('l2') },
    { name: 'add', fn: addFunction() },
  ]);
}

/** An exported update: (p, g, m, v, n, b1, c1, b2, c2, bc, eps, ss, decay or λ). */
type AdamExport = (p: number, g: number, m: number, v: number, n: number, ...c: number[]) => void;

interface KernelExports {
  adam: AdamExport;
  adamDecoupled: AdamExport;
  adamL2: AdamExport;
  add(dst: number, src: number, n: number): void;
}

function instantiate(memory: WebAssembly.Memory, shared: boolean): KernelExports | undefined {
  try {
    const pages = memory.buffer.byteLength / 65536;
    const module = new WebAssembly.Module(moduleBytes(shared, Math.max(pages, 1)));
    return new WebAssembly.Instance(module, { env: { memory } })
      .exports as unknown as KernelExports;
  } catch {
    return undefined; // no wasm SIMD (or a memory the module cannot import): use the JS loop
  }
}

/**
 * The kernels over `memory` (a fixed-size memory: do not grow it afterwards). A shared memory
 * (`new WebAssembly.Memory({ initial, maximum: initial, shared: true })`) lets worker threads
 * run the kernels on the same arrays. Falls back to the float32-rounded JS loop, with the same
 * results, where WebAssembly SIMD is not available.
 *
 * @param memory - The memory holding every array the kernels touch.
 * @param options.simd - Set `false` to force the JS loop (tests). Default `true`.
 * @internal
 */
export function createAdamKernel(
  memory: WebAssembly.Memory,
  options: { simd?: boolean } = {},
): AdamKernel {
  requireKnownOptions(options, ['simd'], 'createAdamKernel options');
  const shared =
    typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const wasm = options.simd === false ? undefined : instantiate(memory, shared);
  const heap = (): Float32Array => new Float32Array(memory.buffer);
  return {
    memory,
    simd: wasm !== undefined,
    adam(p, g, m, v, n, c) {
      const variant = variantOf(c);
      const body = wasm ? n - (n % 4) : 0;
      if (wasm && body > 0) {
        const fn =
          variant === 'plain' ? wasm.adam : variant === 'l2' ? wasm.adamL2 : wasm.adamDecoupled;
        fn(
          p,
          g,
          m,
          v,
          body,
          c.beta1,
          c.oneMinusBeta1,
          c.beta2,
          c.oneMinusBeta2,
          c.bc2Sqrt,
          c.eps,
          c.stepSize,
          c.decay ?? c.l2 ?? 0,
        );
      }
      const o = body * 4;
      if (n > body) adamReference(heap(), p + o, g + o, m + o, v + o, n - body, c);
    },
    add(dst, src, n) {
      const body = wasm ? n - (n % 4) : 0;
      if (wasm && body > 0) wasm.add(dst, src, body);
      const h = heap();
      for (let i = body; i < n; i++) h[(dst >> 2) + i] = f(h[(dst >> 2) + i]! + h[(src >> 2) + i]!);
    },
  };
}
