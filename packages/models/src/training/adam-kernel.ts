// A fused Adam update over float32 arrays in one WebAssembly memory, as a 128-bit SIMD loop.
//
// Why hand-written: tfjs runs Adam as 13 element-wise kernels per parameter (~130 launches per
// step of the reference VAE, ~10 ms), and a plain JS loop that rounds every operation to float32
// (needed for bit-identical results) is about as slow. One SIMD pass does the same float32
// operations in the same order — IEEE add/sub/mul/div/sqrt, no fused multiply-add — so it gives
// the very numbers of `adam()` from @latentkit/tensor. No library offers such a kernel; the module
// is a few hundred bytes, encoded below.

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

// --- WebAssembly encoding ------------------------------------------------------------------

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const load = (addr: number[]): number[] => [...addr, ...simd(0x00), 4, 0];
const store = (addr: number[], value: number[]): number[] => [
  ...addr,
  ...value,
  ...simd(0x0b),
  4,
  0,
];
const splat = simd(0x13);
const SQRT = simd(0xe3);
const ADD = simd(0xe4);
const SUB = simd(0xe5);
const MUL = simd(0xe6);
const DIV = simd(0xe7);
const i32Add = (a: number[], b: number[]): number[] => [...a, ...b, 0x6a];

/** `for (i = 0; i < n·4; i += 16) body(i)` with `i` in local `iv` and the byte end in `endv`. */
function loop4(n: number, iv: number, endv: number, body: number[]): number[] {
  return [
    // end = n·4 (bytes); i = 0
    ...get(n),
    0x41,
    ...sleb(4),
    0x6c, // i32.mul
    ...set(endv),
    0x41,
    0,
    ...set(iv),
    0x02,
    0x40, // block
    0x03,
    0x40, // loop
    ...get(iv),
    ...get(endv),
    0x4f, // i32.ge_u
    0x0d,
    1, // br_if 1 (leave the block)
    ...body,
    ...get(iv),
    0x41,
    ...sleb(16),
    0x6a, // i32.add
    ...set(iv),
    0x0c,
    0, // br 0 (next iteration)
    0x0b, // end loop
    0x0b, // end block
  ];
}

function adamBody(): number[] {
  // params: 0 p, 1 g, 2 m, 3 v, 4 n (i32); 5 b1, 6 c1, 7 b2, 8 c2, 9 bc, 10 eps, 11 ss (f32)
  // locals: 12 i, 13 end (i32); 14..20 splats, 21 g, 22 m, 23 v (v128)
  const splats = [5, 6, 7, 8, 9, 10, 11].flatMap((p, k) => [...get(p), ...splat, ...set(14 + k)]);
  const at = (base: number): number[] => i32Add(get(base), get(12));
  const [B1, C1, B2, C2, BC, EPS, SS, G, M, V] = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
  const body = [
    ...load(at(1)),
    ...set(G),
    // m = m·b1 + g·c1
    ...load(at(2)),
    ...get(B1),
    ...MUL,
    ...get(G),
    ...get(C1),
    ...MUL,
    ...ADD,
    ...set(M),
    ...store(at(2), get(M)),
    // v = v·b2 + (g·g)·c2
    ...load(at(3)),
    ...get(B2),
    ...MUL,
    ...get(G),
    ...get(G),
    ...MUL,
    ...get(C2),
    ...MUL,
    ...ADD,
    ...set(V),
    ...store(at(3), get(V)),
    // p = p − (m / (√v / bc + eps))·ss
    ...store(at(0), [
      ...load(at(0)),
      ...get(M),
      ...get(V),
      ...SQRT,
      ...get(BC),
      ...DIV,
      ...get(EPS),
      ...ADD,
      ...DIV,
      ...get(SS),
      ...MUL,
      ...SUB,
    ]),
  ];
  const locals = vec([
    [2, I32],
    [10, V128],
  ]);
  return [...locals, ...splats, ...loop4(4, 12, 13, body), 0x0b];
}

function addBody(): number[] {
  // params: 0 dst, 1 src, 2 n; locals: 3 i, 4 end
  const at = (base: number): number[] => i32Add(get(base), get(3));
  const body = store(at(0), [...load(at(0)), ...load(at(1)), ...ADD]);
  return [...vec([[2, I32]]), ...loop4(2, 3, 4, body), 0x0b];
}

/**
 * The module's bytes: imports `env.memory` (shared or not) and exports `adam` and `add`, which
 * process `n − n mod 4` elements (the caller handles the tail).
 */
function moduleBytes(shared: boolean, maxPages: number): Uint8Array<ArrayBuffer> {
  const types = vec([
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], ...Array(7).fill([F32])]), 0],
    [0x60, ...vec([[I32], [I32], [I32]]), 0],
  ]);
  const name = (s: string): number[] => vec([...s].map((ch) => [ch.charCodeAt(0)]));
  const limits = shared ? [0x03, 0, ...uleb(maxPages)] : [0x00, 0];
  const imports = vec([[...name('env'), ...name('memory'), 0x02, ...limits]]);
  const funcs = vec([[0], [1]]);
  const exports = vec([
    [...name('adam'), 0x00, 0],
    [...name('add'), 0x00, 1],
  ]);
  const code = vec([adamBody(), addBody()].map((b) => [...uleb(b.length), ...b]));
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, code),
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
