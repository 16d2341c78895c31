// A fused Adam update over float32 arrays in one WebAssembly memory, as a 128-bit SIMD loop.
//
// Why hand-written: tfjs runs Adam as 13 element-wise kernels per parameter (~130 launches per
// step of the reference VAE, ~10 ms), and a plain JS loop that rounds every operation to float32
// (needed for bit-identical results) is about as slow. One SIMD pass does the same float32
// operations in the same order — IEEE add/sub/mul/div/sqrt, no fused multiply-add — so it gives
// the very numbers of `adam()` from @latentkit/tensor. No library offers such a kernel; the module
// is a few hundred bytes, assembled below with @latentkit/core's assembler.

import { assembleModule, FunctionAssembler, Simd, WasmType } from '@latentkit/core';

/** Hyper-parameters of one Adam update of one parameter (see {@link AdamKernel.adam}). */
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
}

/**
 * Fused Adam and vector-add kernels over a WebAssembly memory. Addresses are byte offsets into
 * `memory`, 4-byte aligned; counts are float32 elements.
 */
export interface AdamKernel {
  /** The memory the kernels work on. */
  readonly memory: WebAssembly.Memory;
  /** Whether the SIMD module is used (`false`: the plain JS loop, e.g. without wasm SIMD). */
  readonly simd: boolean;
  /**
   * For i < n, exactly as tfjs ops on float32 would compute them:
   * `m ← m·β1 + g·(1−β1)`, `v ← v·β2 + g²·(1−β2)`,
   * `p ← p − (m / (√v / bc2Sqrt + ε))·stepSize`.
   */
  adam(p: number, g: number, m: number, v: number, n: number, c: AdamCoefficients): void;
  /** `dst[i] ← dst[i] + src[i]` for i < n (float32). */
  add(dst: number, src: number, n: number): void;
}

const f = Math.fround;

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
  const b1 = f(c.beta1);
  const c1 = f(c.oneMinusBeta1);
  const b2 = f(c.beta2);
  const c2 = f(c.oneMinusBeta2);
  const bc = f(c.bc2Sqrt);
  const eps = f(c.eps);
  const ss = f(c.stepSize);
  const [pi, gi, mi, vi] = [p >> 2, g >> 2, m >> 2, v >> 2];
  for (let i = 0; i < n; i++) {
    const gr = heap[gi + i]!;
    const mn = f(f(heap[mi + i]! * b1) + f(gr * c1));
    const vn = f(f(heap[vi + i]! * b2) + f(f(gr * gr) * c2));
    heap[mi + i] = mn;
    heap[vi + i] = vn;
    const denom = f(f(f(Math.sqrt(vn)) / bc) + eps);
    heap[pi + i] = f(heap[pi + i]! - f(f(mn / denom) * ss));
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

function adamFunction(): FunctionAssembler {
  // params: 0 p, 1 g, 2 m, 3 v, 4 n (i32); 5 b1, 6 c1, 7 b2, 8 c2, 9 bc, 10 eps, 11 ss (f32)
  // locals: 12 i, 13 end (i32); 14..20 the coefficients splatted, 21 g, 22 m, 23 v (v128)
  const a = new FunctionAssembler(
    [I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32],
    [I32, I32, ...new Array<number>(10).fill(V128)],
  );
  for (let k = 0; k < 7; k++)
    a.get(5 + k)
      .simd(Simd.f32x4Splat)
      .set(14 + k);
  const [B1, C1, B2, C2, BC, EPS, SS, G, M, V] = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
  const at = (base: number): FunctionAssembler => a.get(base).get(12).add();
  loop4(a, 4, 12, 13, () => {
    at(1).vload().set(G);
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
    at(0).vload().get(M).get(V).simd(Simd.f32x4Sqrt).get(BC).simd(Simd.f32x4Div);
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
 * The module's bytes: imports `env.memory` (shared or not) and exports `adam` and `add`, which
 * process `n − n mod 4` elements (the caller handles the tail).
 */
function moduleBytes(shared: boolean, maxPages: number): Uint8Array<ArrayBuffer> {
  return assembleModule(shared ? { initial: 0, maximum: maxPages, shared: true } : { initial: 0 }, [
    { name: 'adam', fn: adamFunction() },
    { name: 'add', fn: addFunction() },
  ]);
}

interface KernelExports {
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    n: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    bc: number,
    eps: number,
    ss: number,
  ): void;
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
 */
export function createAdamKernel(
  memory: WebAssembly.Memory,
  options: { simd?: boolean } = {},
): AdamKernel {
  const shared =
    typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const wasm = options.simd === false ? undefined : instantiate(memory, shared);
  const heap = (): Float32Array => new Float32Array(memory.buffer);
  return {
    memory,
    simd: wasm !== undefined,
    adam(p, g, m, v, n, c) {
      const body = wasm ? n - (n % 4) : 0;
      if (wasm && body > 0) {
        wasm.adam(
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
