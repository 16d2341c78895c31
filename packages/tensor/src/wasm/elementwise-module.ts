// A 128-bit SIMD module of fused element-wise kernels on tfjs-wasm's heap: the Bernoulli NLL from
// logits and its gradient, the ReLU gradient mask, and column sums (bias gradients).
//
// Why: the reference VAE's loss touches 128×784 logits twice per step. As JavaScript loops,
// Math.exp and Math.log1p cost about as much as one of the step's large matrix products; tfjs-wasm
// runs the formula as ~10 scalar kernels. Here exp and log1p are vectorized (four lanes per
// instruction) with the classic range reduction and polynomials (Cody–Waite reduction by ln 2 and
// Cephes' degree-5 polynomial for exp, ~1 ulp; the atanh series of log1p, truncation < 2e-8), so
// the loss costs one pass over the batch forward and one backward.
import {
  assembleModule,
  FunctionAssembler,
  type MemoryImport,
  Simd,
  WasmType,
} from '@latentkit/core';
import { wasmBackendMemory } from './wasm-backend-heap.js';

const { i32: I32, v128: V128 } = WasmType;

// Constants splatted into v128 locals at the start of each function (index = local offset).
const CONSTANTS = {
  ONE: 1,
  TWO: 2,
  MIN_T: -87, // exp(−87) ≈ 1.6e−38, still a normal float32; below it log1p(e) ≈ e is negligible
  LOG2E: Math.LOG2E,
  LN2_HI: 0.693359375, // few mantissa bits: n·LN2_HI is exact for the |n| ≤ 126 used here
  LN2_LO: -2.1219444e-4,
  E5: 1.98756915e-4,
  E4: 1.3981999507e-3,
  E3: 8.3334519073e-3,
  E2: 4.1665795894e-2,
  E1: 1.6666665459e-1,
  E0: 5.0000001201e-1,
  K13: 1 / 13,
  K11: 1 / 11,
  K9: 1 / 9,
  K7: 1 / 7,
  K5: 1 / 5,
  K3: 1 / 3,
} as const;
type ConstantName = keyof typeof CONSTANTS;
const NAMES = Object.keys(CONSTANTS) as ConstantName[];

/** Local layout shared by both functions: `params` i32 parameters, 4 i32 locals, then v128s. */
class Frame {
  readonly a: FunctionAssembler;
  /** i32 locals. */
  readonly r: number;
  readonly i: number;
  readonly end: number;
  readonly row: number;
  /** v128 scratch locals. */
  readonly v: Record<'L' | 'X' | 'T' | 'N' | 'R' | 'E' | 'S' | 'S2' | 'Q' | 'ACC' | 'D', number>;
  readonly i127: number;
  private readonly constants: number;

  constructor(params: number) {
    const scratch = ['L', 'X', 'T', 'N', 'R', 'E', 'S', 'S2', 'Q', 'ACC', 'D'] as const;
    const locals = [I32, I32, I32, I32, ...new Array(scratch.length + 1 + NAMES.length).fill(V128)];
    this.a = new FunctionAssembler(params, locals);
    [this.r, this.i, this.end, this.row] = [params, params + 1, params + 2, params + 3];
    const v0 = params + 4;
    this.v = Object.fromEntries(scratch.map((k, j) => [k, v0 + j])) as Frame['v'];
    this.i127 = v0 + scratch.length;
    this.constants = this.i127 + 1;
    this.a.i32(127).simd(Simd.i32x4Splat).set(this.i127);
    NAMES.forEach((name, j) => {
      this.a
        .f32(CONSTANTS[name])
        .simd(Simd.f32x4Splat)
        .set(this.constants + j);
    });
  }

  /** Pushes a splatted constant. */
  c(name: ConstantName): FunctionAssembler {
    return this.a.get(this.constants + NAMES.indexOf(name));
  }

  /** `v.E ← exp(−|v.L|)` (lane-wise; NaN stays NaN). */
  expNegAbs(): void {
    const { a, v } = this;
    const mul = Simd.f32x4Mul;
    a.get(v.L).simd(Simd.f32x4Abs).simd(Simd.f32x4Neg);
    this.c('MIN_T').simd(Simd.f32x4Max).set(v.T);
    a.get(v.T);
    this.c('LOG2E').simd(mul).simd(Simd.f32x4Nearest).set(v.N);
    // r = t − n·ln2_hi − n·ln2_lo
    a.get(v.T).get(v.N);
    this.c('LN2_HI').simd(mul).simd(Simd.f32x4Sub).get(v.N);
    this.c('LN2_LO').simd(mul).simd(Simd.f32x4Sub).set(v.R);
    // e^r = 1 + r + r²·P(r)
    a.get(v.R);
    this.c('E5').simd(mul);
    for (const k of ['E4', 'E3', 'E2', 'E1', 'E0'] as const) {
      this.c(k).simd(Simd.f32x4Add).get(v.R).simd(mul);
    }
    // The loop left P(r)·r on the stack: one more factor r gives r²·P(r).
    a.get(v.R).simd(mul).get(v.R).simd(Simd.f32x4Add);
    this.c('ONE').simd(Simd.f32x4Add);
    // × 2ⁿ, built in the exponent bits: (n + 127) << 23.
    a.get(v.N).simd(Simd.i32x4TruncSatF32x4S).get(this.i127).simd(Simd.i32x4Add);
    a.i32(23).simd(Simd.i32x4Shl).simd(mul).set(v.E);
  }

  /** Pushes `log1p(v.E)` for `v.E` in (0, 1]: `2s·Σ s²ᵏ/(2k+1)`, `s = e/(2 + e)`. */
  log1pE(): void {
    const { a, v } = this;
    const mul = Simd.f32x4Mul;
    a.get(v.E);
    this.c('TWO').get(v.E).simd(Simd.f32x4Add).simd(Simd.f32x4Div).tee(v.S);
    a.get(v.S).simd(mul).set(v.S2);
    a.get(v.S2);
    this.c('K13').simd(mul);
    for (const k of ['K11', 'K9', 'K7', 'K5', 'K3'] as const) {
      this.c(k).simd(Simd.f32x4Add).get(v.S2).simd(mul);
    }
    this.c('ONE').simd(Simd.f32x4Add);
    a.get(v.S).get(v.S).simd(Simd.f32x4Add).simd(mul);
  }

  /** `for i < n·4 (step 16): body` with the byte index in `this.i` (row offset 0). */
  flat(n: number, body: () => void): void {
    const a = this.a;
    a.i32(0).set(this.row);
    a.get(n).i32(4).mul().set(this.end).i32(0).set(this.i);
    a.block().loop().get(this.i).get(this.end).geU().brIf(1);
    body();
    a.get(this.i).i32(16).add().set(this.i).br(0).end().end();
  }

  /** `for r < rows: { row = r·rowBytes; for i < end (step 16): body }` with `rowEnd` after each row. */
  rows(rows: number, rowBytes: number, cols4: number, body: () => void, rowEnd: () => void): void {
    const a = this.a;
    a.get(cols4).i32(4).mul().set(this.end);
    a.i32(0).set(this.r);
    a.block().loop().get(this.r).get(rows).geU().brIf(1);
    a.get(this.r).get(rowBytes).mul().set(this.row);
    a.i32(0).set(this.i);
    a.block().loop().get(this.i).get(this.end).geU().brIf(1);
    body();
    a.get(this.i).i32(16).add().set(this.i).br(0).end().end();
    rowEnd();
    a.get(this.r).i32(1).add().set(this.r).br(0).end().end();
  }

  /** Pushes the address `base + row + i`. */
  at(base: number): FunctionAssembler {
    return this.a.get(base).get(this.row).add().get(this.i).add();
  }
}

/** `nllRows(l, x, out, rows, cols4, rowBytes)`: out[r] = Σ over the row's first cols4 elements. */
function nllRowsFunction(): FunctionAssembler {
  const f = new Frame(6);
  const { a, v } = f;
  f.rows(
    3,
    5,
    4,
    () => {
      f.at(0).vload().set(v.L);
      f.at(1).vload().set(v.X);
      f.expNegAbs();
      a.get(v.ACC).get(v.L).vzero().simd(Simd.f32x4Max);
      a.get(v.L).get(v.X).simd(Simd.f32x4Mul).simd(Simd.f32x4Sub);
      f.log1pE();
      a.simd(Simd.f32x4Add).simd(Simd.f32x4Add).set(v.ACC);
    },
    () => {
      a.get(2).get(f.r).i32(4).mul().add();
      a.get(v.ACC).extractLaneF32(0).get(v.ACC).extractLaneF32(1).f32Add();
      a.get(v.ACC).extractLaneF32(2).f32Add().get(v.ACC).extractLaneF32(3).f32Add();
      a.f32Store();
      a.vzero().set(v.ACC);
    },
  );
  return a;
}

/** `nllGrad(l, x, dy, out, rows, cols4, rowBytes)`: out = (σ(l) − x)·dy[r]. */
function nllGradFunction(): FunctionAssembler {
  const f = new Frame(7);
  const { a, v } = f;
  f.rows(
    4,
    6,
    5,
    () => {
      a.get(f.i).eqz().if();
      a.get(2).get(f.r).i32(4).mul().add().vloadSplat32().set(v.D);
      a.end();
      f.at(3);
      f.at(0).vload().set(v.L);
      f.expNegAbs();
      // σ = 1/(1+e) for l ≥ 0, e/(1+e) for l < 0 (and NaN).
      f.c('ONE');
      f.c('ONE').get(v.E).simd(Simd.f32x4Add).simd(Simd.f32x4Div).tee(v.Q);
      a.get(v.E).get(v.Q).simd(Simd.f32x4Mul);
      a.get(v.L).vzero().simd(Simd.f32x4Ge).simd(Simd.bitselect);
      f.at(1).vload().simd(Simd.f32x4Sub).get(v.D).simd(Simd.f32x4Mul).vstore();
    },
    () => {},
  );
  return a;
}

/**
 * `reluGrad(dy, x, out, n4)`: out = dy·[x > 0] for the first n4 elements (a multiply by 1 or 0, as
 * the unfused `dy·cast(x > 0)`, so a NaN in `dy` stays NaN).
 */
function reluGradFunction(): FunctionAssembler {
  const f = new Frame(4);
  const { a } = f;
  f.flat(3, () => {
    f.at(2);
    f.at(0).vload();
    f.c('ONE').vzero();
    f.at(1).vload().vzero().simd(Simd.f32x4Gt).simd(Simd.bitselect);
    a.simd(Simd.f32x4Mul).vstore();
  });
  return a;
}

/**
 * `columnSum(x, out, rows, cols4, rowBytes)`: out[c] += x[r][c] for rows r in order, for the first
 * cols4 columns (a multiple of 4; four columns per lane group; each column's additions stay in row order, so the
 * float32 sums are those of a scalar loop). The caller zeroes `out` first.
 */
function columnSumFunction(): FunctionAssembler {
  const f = new Frame(5);
  const { a } = f;
  f.rows(
    2,
    4,
    3,
    () => {
      a.get(1).get(f.i).add();
      a.get(1).get(f.i).add().vload();
      f.at(0).vload();
      a.simd(Simd.f32x4Add).vstore();
    },
    () => {},
  );
  return a;
}

/**
 * The module's bytes: imports `env.memory`, exports `nllRows`, `nllGrad`, `reluGrad` and
 * `columnSum`.
 */
export function elementwiseModuleBytes(memory: MemoryImport): Uint8Array<ArrayBuffer> {
  return assembleModule(memory, [
    { name: 'nllRows', fn: nllRowsFunction() },
    { name: 'nllGrad', fn: nllGradFunction() },
    { name: 'reluGrad', fn: reluGradFunction() },
    { name: 'columnSum', fn: columnSumFunction() },
  ]);
}

/** The module's functions (byte addresses into the backend's heap; counts in elements). */
export interface ElementwiseKernels {
  reluGrad(dy: number, x: number, out: number, n4: number): void;
  columnSum(x: number, out: number, rows: number, cols4: number, rowBytes: number): void;
  nllRows(l: number, x: number, out: number, rows: number, cols4: number, rowBytes: number): void;
  nllGrad(
    l: number,
    x: number,
    dy: number,
    out: number,
    rows: number,
    cols4: number,
    rowBytes: number,
  ): void;
}

const cache = new WeakMap<object, ElementwiseKernels | null>();
const byMemory = new WeakMap<WebAssembly.Memory, ElementwiseKernels | null>();

/**
 * The module bound to a `WebAssembly.Memory` (compiled synchronously), or `undefined` where it
 * cannot be used (no wasm SIMD, or an engine that refuses to compile synchronously). Cached per
 * memory.
 *
 * @internal
 */
export function elementwiseKernelsFor(memory: WebAssembly.Memory): ElementwiseKernels | undefined {
  const cached = byMemory.get(memory);
  if (cached !== undefined) return cached ?? undefined;
  const shared =
    typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  let kernels: ElementwiseKernels | null = null;
  try {
    const bytes = elementwiseModuleBytes(
      shared ? { initial: 0, maximum: 65536, shared } : { initial: 0 },
    );
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    kernels = instance.exports as unknown as ElementwiseKernels;
  } catch {
    kernels = null; // the JavaScript loops are used
  }
  byMemory.set(memory, kernels);
  return kernels ?? undefined;
}

/**
 * The module bound to a tfjs-wasm backend's heap, or `undefined` where it cannot be used (no wasm
 * SIMD, an unreachable memory, or an engine that refuses to compile synchronously). Cached per
 * backend.
 */
export function wasmElementwise(backend: object): ElementwiseKernels | undefined {
  const cached = cache.get(backend);
  if (cached !== undefined) return cached ?? undefined;
  const memory = wasmBackendMemory(backend);
  const kernels = memory === undefined ? null : (elementwiseKernelsFor(memory) ?? null);
  cache.set(backend, kernels);
  return kernels ?? undefined;
}
