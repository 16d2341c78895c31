import {
  assembleModule,
  FunctionAssembler,
  type MemoryImport,
  Simd,
  WasmType,
} from '@latentkit/core';
import { emitMadd } from './simd-madd.js';

// Float32 GEMM kernels in 128-bit WebAssembly SIMD, emitted at run time with the wasm assembler.
//
// Why hand-written: tfjs-wasm's BatchMatMul hands every product to an XNNPACK fully-connected
// operator that it creates (packing and transposing the right operand) once per distinct right
// operand; in training every right operand is new each step (updated weights, gradients,
// transposes), so every product pays the packing, and the transposed products of the gradients run
// on a slow naive path. These kernels read the operands where they lie, in any of the three layouts
// a dense layer and its gradients need, with no packing and no transposes:
//
//   nn: C[M,N] = A[M,K]·B[K,N]        tn: C[M,N] = A[K,M]ᵀ·B[K,N]        nt: C[M,N] = A[M,K]·B[N,K]ᵀ
//
// nn and tn use register-blocked "splat" tiles (MR rows × 8 columns: per k, two vectors of B's
// row are multiplied by each of the MR broadcast elements of A and added into 2·MR accumulators);
// nt uses dot-product tiles (MR × NR independent 4-lane partial sums over k, reduced at the end).
// Every vector product is a multiply and add, fused (`f32x4.relaxed_madd`) where the engine has
// relaxed SIMD (simd-madd.ts), so each output is a float32 sum of float32 products, in an order
// that differs from tfjs's only by float32 rounding.
// Edges (any M, N, K ≥ 0) are handled by smaller tiles and scalar columns, never by reading past
// an operand. An optional epilogue adds a bias row vector and applies ReLU (`max(x, 0)`).
//
// Signature of every exported function (all i32, byte addresses into the imported memory):
//   (a, b, c, bias, M, N, K, flags), flags bit 0: add bias[N]; bit 1: ReLU.

/** Parameter indices shared by the three functions. */
const A = 0;
const B = 1;
const C = 2;
const BIAS = 3;
const M = 4;
const N = 5;
const K = 6;
const FLAGS = 7;
const PARAMS = 8;

/** Flag bit of the `flags` argument: add the bias vector. */
export const GEMM_BIAS = 1;
/** Flag bit: apply ReLU after the bias. */
export const GEMM_RELU = 2;

/** Tile sizes of the generated kernels (tunable for benchmarks; the defaults were measured). */
export interface GemmTiles {
  /** Rows of C per splat tile (nn, tn). Default 4. */
  splatRows?: number;
  /** Rows of C per dot-product tile (nt). Default 2. */
  dotRows?: number;
  /** Columns of C per dot-product tile (nt). Default 4. */
  dotCols?: number;
}

/** A function under construction, with a local-variable allocator and small emit helpers. */
interface Builder {
  f: FunctionAssembler;
  /** A new local of the given {@link WasmType}. */
  local(type: number): number;
  /** `n` new locals of one type. */
  locals(n: number, type: number): number[];
  /** `dst = x + y` (locals). */
  sum(dst: number, x: number, y: number): void;
  /** `dst = x + n` (local and constant). */
  plus(dst: number, x: number, n: number): void;
}

function newFunction(): Builder {
  const types: number[] = [];
  const f = new FunctionAssembler(PARAMS, types);
  const local = (type: number): number => {
    types.push(type);
    return PARAMS + types.length - 1;
  };
  return {
    f,
    local,
    locals: (n, type) => Array.from({ length: n }, () => local(type)),
    sum: (dst, x, y) => {
      f.get(x).get(y).add().set(dst);
    },
    plus: (dst, x, n) => {
      f.get(x).i32(n).add().set(dst);
    },
  };
}

/** `while (cond) body` as block/loop; `exitIf` emits the code leaving 1 on the stack to exit. */
export function whileLoop(f: FunctionAssembler, exitIf: () => void, body: () => void): void {
  f.block().loop();
  exitIf();
  f.brIf(1);
  body();
  f.br(0);
  f.end().end();
}

/** `for (counter = count; counter > 0; counter--) body`, skipped when count is 0. */
export function countdown(f: FunctionAssembler, counter: number, body: () => void): void {
  f.block();
  f.get(counter).eqz().brIf(0);
  f.loop();
  body();
  f.get(counter).i32(1).sub().tee(counter).brIf(0);
  f.end().end();
}

/**
 * Row blocks down all M rows: `block(step)` for I = 0, step, 2·step, … while a full block fits,
 * then `block(rows)` once for the remaining rows (1 … step − 1), if any. Uses local `i` as I.
 */
function rowBlocks(f: FunctionAssembler, i: number, step: number, block: (rows: number) => void) {
  f.i32(0).set(i);
  whileLoop(
    f,
    () => f.get(i).i32(step).add().get(M).gtU(),
    () => {
      block(step);
      f.get(i).i32(step).add().set(i);
    },
  );
  for (let rows = step - 1; rows >= 1; rows--) {
    f.get(M).get(i).sub().i32(rows).ne().eqz().if();
    block(rows);
    f.end();
  }
}

type Three = [number, number, number];
type Ten = [number, number, number, number, number, number, number, number, number, number];

/**
 * The bias + ReLU epilogue of vector accumulators (locals `accs`); accumulator `i` takes the bias
 * vector at local `bias` + `biasAt(i)` bytes.
 */
export function vectorEpilogue(
  f: FunctionAssembler,
  accs: number[],
  bias: number,
  biasAt: (i: number) => number,
): void {
  f.get(FLAGS).i32(GEMM_BIAS).and().if();
  accs.forEach((v, i) => {
    f.get(v).get(bias).vload(biasAt(i)).simd(Simd.f32x4Add).set(v);
  });
  f.end();
  f.get(FLAGS).i32(GEMM_RELU).and().if();
  for (const v of accs) f.get(v).vzero().simd(Simd.f32x4Max).set(v);
  f.end();
}

/** The same for scalar accumulators; `biasAddr` pushes the bias element's address. */
export function scalarEpilogue(
  f: FunctionAssembler,
  accs: number[],
  biasAddr: (i: number) => void,
): void {
  f.get(FLAGS).i32(GEMM_BIAS).and().if();
  accs.forEach((s, i) => {
    f.get(s);
    biasAddr(i);
    f.f32Load().f32Add().set(s);
  });
  f.end();
  f.get(FLAGS).i32(GEMM_RELU).and().if();
  for (const s of accs) f.get(s).f32(0).f32Max().set(s);
  f.end();
}

// long: one WebAssembly function emitted instruction by instruction (a loop nest with
// register tiles of 8, 4 and 1 columns); split, the loop structure would no longer be readable.
/**
 * nn or tn with splat tiles. Rows of C in blocks of `mr` (then one smaller block), columns in
 * tiles of 8, then one of 4, then single columns.
 */
function splatFunction(transposeA: boolean, mr: number, fused: boolean): FunctionAssembler {
  const { f, local, locals, sum, plus } = newFunction();
  const { i32, f32, v128 } = WasmType;
  const [I, J, N4, LDA4, ROWA, ROWC, PB, PC, KK, BJ] = locals(10, i32) as Ten;
  const PA = locals(mr, i32);
  const ACC = locals(mr * 2, v128);
  const [BV0, BV1, S] = locals(3, v128) as Three;
  const SACC = locals(mr, f32);
  const SB = local(f32);
  const pa = (r: number): number => PA[r] as number;
  const acc = (r: number, v: number): number => ACC[r * 2 + v] as number;

  // A's row pointers for rows I … I+rows−1 (nn: one per row; tn: one, rows at +4 bytes).
  const setRowPointers = (rows: number): void => {
    f.get(ROWA).set(pa(0));
    if (!transposeA) for (let r = 1; r < rows; r++) sum(pa(r), pa(r - 1), LDA4);
  };
  const advanceA = (rows: number): void => {
    if (transposeA) sum(pa(0), pa(0), LDA4);
    else for (let r = 0; r < rows; r++) plus(pa(r), pa(r), 4);
  };
  /** Row r's results go to PC = C + (I + r)·N4 + J; `store(r)` emits the stores at PC. */
  const storeRows = (rows: number, store: (r: number) => void): void => {
    sum(PC, ROWC, J);
    for (let r = 0; r < rows; r++) {
      store(r);
      if (r < rows - 1) sum(PC, PC, N4);
    }
  };

  /** One tile of `rows` × (4·vecs) columns at column byte J. */
  const vectorTile = (rows: number, vecs: number): void => {
    const accs: number[] = [];
    for (let r = 0; r < rows; r++) for (let v = 0; v < vecs; v++) accs.push(acc(r, v));
    for (const a of accs) f.vzero().set(a);
    setRowPointers(rows);
    sum(PB, B, J);
    f.get(K).set(KK);
    countdown(f, KK, () => {
      f.get(PB).vload().set(BV0);
      if (vecs === 2) f.get(PB).vload(16).set(BV1);
      for (let r = 0; r < rows; r++) {
        if (transposeA) f.get(pa(0)).vloadSplat32(4 * r);
        else f.get(pa(r)).vloadSplat32();
        f.set(S);
        for (let v = 0; v < vecs; v++) {
          const bv = v === 0 ? BV0 : BV1;
          emitMadd(f, acc(r, v), S, bv, fused);
        }
      }
      advanceA(rows);
      sum(PB, PB, N4);
    });
    vectorEpilogue(f, accs, BJ, (i) => 16 * (i % vecs));
    storeRows(rows, (r) => {
      for (let v = 0; v < vecs; v++) {
        const [a, offset] = [acc(r, v), 16 * v];
        f.get(PC).get(a).vstore(offset);
      }
    });
  };

  /** One column (byte J) of `rows` rows, in scalar code. */
  const scalarColumn = (rows: number): void => {
    const sacc = SACC.slice(0, rows);
    for (const s of sacc) f.f32(0).set(s);
    setRowPointers(rows);
    sum(PB, B, J);
    f.get(K).set(KK);
    countdown(f, KK, () => {
      f.get(PB).f32Load().set(SB);
      sacc.forEach((s, r) => {
        f.get(s);
        if (transposeA) f.get(pa(0)).f32Load(4 * r);
        else f.get(pa(r)).f32Load();
        f.get(SB).f32Mul().f32Add().set(s);
      });
      advanceA(rows);
      sum(PB, PB, N4);
    });
    scalarEpilogue(f, sacc, () => f.get(BJ));
    storeRows(rows, (r) => {
      const value = sacc[r] as number;
      f.get(PC).get(value).f32Store();
    });
  };

  /** Runs `tile(rows)` down the column panel at J: row blocks of `mr`, then the remainder. */
  const columnPanel = (tile: (rows: number) => void): void => {
    const rowBase = (): void => {
      if (transposeA) f.get(A).get(I).i32(2).shl().add().set(ROWA);
      else f.get(A).get(I).get(LDA4).mul().add().set(ROWA);
      f.get(C).get(I).get(N4).mul().add().set(ROWC);
    };
    rowBlocks(f, I, mr, (rows) => {
      rowBase();
      tile(rows);
    });
  };

  // Column panels outermost: a panel of B (K × 8) stays in cache for every row block while A
  // streams through (in a training step, B is the larger operand).
  f.get(N).i32(2).shl().set(N4);
  const lda = transposeA ? M : K;
  f.get(lda).i32(2).shl().set(LDA4);
  const panel = (width: number, tile: (rows: number) => void): void => {
    sum(BJ, BIAS, J);
    columnPanel(tile);
    plus(J, J, width);
  };
  f.i32(0).set(J);
  whileLoop(
    f,
    () => f.get(J).i32(32).add().get(N4).gtU(),
    () => panel(32, (rows) => vectorTile(rows, 2)),
  );
  f.get(J).i32(16).add().get(N4).leU().if();
  panel(16, (rows) => vectorTile(rows, 1));
  f.end();
  whileLoop(
    f,
    () => f.get(J).get(N4).geU(),
    () => panel(4, scalarColumn),
  );
  return f;
}

/**
 * nt with dot-product tiles: `mr` rows of A against `nc` rows of B, 4-lane partial sums over
 * k in chunks of 4, each reduced as (l0 + l1) + (l2 + l3), then the k mod 4 tail in scalar code.
 * Columns of C (rows of B) in panels of `nc`, outermost, so a panel of B stays in cache while A
 * streams through; rows of C in blocks of `mr`.
 */
function dotFunction(mr: number, nc: number, fused: boolean): FunctionAssembler {
  const { f, local, locals, sum, plus } = newFunction();
  const { i32, f32, v128 } = WasmType;
  const [I, J, N4, LDK4, ROWA, BROW, PC, KK, K4, KT] = locals(10, i32) as Ten;
  const PA = locals(mr, i32);
  const PB = locals(nc, i32);
  const ACC = locals(mr * nc, v128);
  const AV = locals(mr, v128);
  const BV = local(v128);
  const SACC = locals(mr * nc, f32);
  const BJ = local(i32);
  const pa = (r: number): number => PA[r] as number;
  const pb = (c: number): number => PB[c] as number;

  const tile = (rows: number, cols: number): void => {
    const acc = (r: number, c: number): number => ACC[r * nc + c] as number;
    const s = (r: number, c: number): number => SACC[r * nc + c] as number;
    const each = (body: (r: number, c: number) => void): void => {
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) body(r, c);
    };
    const advance = (bytes: number): void => {
      for (let r = 0; r < rows; r++) plus(pa(r), pa(r), bytes);
      for (let c = 0; c < cols; c++) plus(pb(c), pb(c), bytes);
    };
    each((r, c) => f.vzero().set(acc(r, c)));
    f.get(ROWA).set(pa(0));
    for (let r = 1; r < rows; r++) sum(pa(r), pa(r - 1), LDK4);
    f.get(BROW).set(pb(0));
    for (let c = 1; c < cols; c++) sum(pb(c), pb(c - 1), LDK4);
    f.get(K4).set(KK);
    countdown(f, KK, () => {
      const av = (r: number): number => AV[r] as number;
      for (let r = 0; r < rows; r++) f.get(pa(r)).vload().set(av(r));
      for (let c = 0; c < cols; c++) {
        f.get(pb(c)).vload().set(BV);
        for (let r = 0; r < rows; r++) {
          const a = acc(r, c);
          const x = av(r);
          emitMadd(f, a, x, BV, fused);
        }
      }
      advance(16);
    });
    each((r, c) => {
      const a = acc(r, c);
      f.get(a).extractLaneF32(0).get(a).extractLaneF32(1).f32Add();
      f.get(a).extractLaneF32(2).get(a).extractLaneF32(3).f32Add().f32Add().set(s(r, c));
    });
    f.get(KT).set(KK);
    countdown(f, KK, () => {
      each((r, c) => {
        f.get(s(r, c)).get(pa(r)).f32Load().get(pb(c)).f32Load().f32Mul().f32Add().set(s(r, c));
      });
      advance(4);
    });
    const sums: number[] = [];
    each((r, c) => sums.push(s(r, c)));
    scalarEpilogue(f, sums, (i) => {
      const offset = 4 * (i % cols);
      f.get(BJ).i32(offset).add();
    });
    f.get(C).get(I).get(N4).mul().add().get(J).add().set(PC);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const offset = 4 * c;
        f.get(PC).get(s(r, c)).f32Store(offset);
      }
      if (r < rows - 1) sum(PC, PC, N4);
    }
  };

  /** The column panel of `cols` columns at J (rows of B from BROW), down all rows of C. */
  const panel = (cols: number): void => {
    sum(BJ, BIAS, J);
    rowBlocks(f, I, mr, (rows) => {
      f.get(A).get(I).get(LDK4).mul().add().set(ROWA);
      tile(rows, cols);
    });
  };

  f.get(N).i32(2).shl().set(N4);
  f.get(K).i32(2).shl().set(LDK4);
  f.get(K).i32(2).shrU().set(K4);
  f.get(K).i32(3).and().set(KT);
  const panelBytes = 4 * nc;
  f.i32(0).set(J);
  f.get(B).set(BROW);
  whileLoop(
    f,
    () => f.get(J).i32(panelBytes).add().get(N4).gtU(),
    () => {
      panel(nc);
      plus(J, J, panelBytes);
      f.get(BROW).get(LDK4).i32(nc).mul().add().set(BROW);
    },
  );
  for (let cols = nc - 1; cols >= 1; cols--) {
    const bytes = 4 * cols;
    f.get(N4).get(J).sub().i32(bytes).ne().eqz().if();
    panel(cols);
    f.end();
  }
  return f;
}

/**
 * The binary of a module that imports `env.memory` and exports `nn`, `tn` and `nt` (see the
 * comment at the top of this file for their arguments).
 *
 * @param memory - How the memory import is declared (the memory of the tfjs-wasm backend).
 * @param tiles - Tile sizes; the defaults are the measured best on x86-64.
 * @param fused - Multiply-add with `f32x4.relaxed_madd` (the engine must support relaxed SIMD).
 */
export function gemmModuleBytes(
  memory: MemoryImport,
  tiles: GemmTiles = {},
  fused = false,
): Uint8Array {
  const mr = tiles.splatRows ?? 4;
  return assembleModule(memory, [
    { name: 'nn', fn: splatFunction(false, mr, fused) },
    { name: 'tn', fn: splatFunction(true, mr, fused) },
    { name: 'nt', fn: dotFunction(tiles.dotRows ?? 2, tiles.dotCols ?? 4, fused) },
  ]);
}
