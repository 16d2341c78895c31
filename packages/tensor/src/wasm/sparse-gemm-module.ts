import {
  assembleModule,
  FunctionAssembler,
  type MemoryImport,
  Simd,
  WasmType,
} from '@latentkit/core';
import { countdown, scalarEpilogue, vectorEpilogue, whileLoop } from './gemm-module.js';
import { RELAXED_MADD } from './simd-madd.js';

// Zero-skipping ("sparse-A") float32 GEMM kernels and the two scans that decide when to use them,
// in 128-bit WebAssembly SIMD emitted at run time (see gemm-module.ts for the dense kernels).
//
//   snn: C[M,N] = A[M,K]·B[K,N]        stn: C[M,N] = A[K,M]ᵀ·B[K,N]
//
// In blocks of 32 rows of C: one branch-free pass over each row i of op(A) lists its nonzero
// elements as (address of B's row k, a_ik) pairs in a scratch buffer; then, for column panels of
// C of 16, 8 and 4 columns (then single columns) and each row of the block,
// `acc += a_ik · B[k, panel]` over the row's list, in registers.
// The work is ≈ nnz(A)·N multiply-adds instead of M·K·N. The sums run over k in ascending order
// with +0 starting values, exactly as the dense splat kernels do, so for finite B the result is
// bit-identical to theirs (adding a +0 product to a sum never changes it; ±0 elements of A are
// both skipped; NaN elements of A are not zero and are kept). Only a non-finite B[k, j] facing a
// zero a_ik differs (dense math gives 0·Inf = NaN): the caller checks B with `nonfinite` first.
//
// Signature of snn and stn (all i32, byte addresses into the imported memory):
//   (a, b, c, bias, M, N, K, flags, list), flags as in gemm-module.ts; `list` is scratch space
//   for 4·SPARSE_BLOCK_ROWS + 8·K·min(M, SPARSE_BLOCK_ROWS) bytes.
// `nonzeros(x, count, out)` stores at `out` four i32 lane counts of the nonzero (≠ ±0; NaN counts)
// float32 values among the `count` at `x`, and the count of the `count mod 4` tail at `out + 16`.
// `nonfinite(x, count, out)` stores at `out` an f32x4 whose lanes are NaN iff some of the `count`
// values at `x` is ±Inf or NaN (it sums `x · 0` lane-wise), and at `out + 16` the same as an f32
// for the tail.

const A = 0;
const B = 1;
const C = 2;
const BIAS = 3;
const M = 4;
const N = 5;
const K = 6;
const LIST = 8;
const PARAMS = 9;

/** `i32x4.sub` (not among the assembler's named opcodes). */
const I32X4_SUB = 0xb1;

/** Column panel widths of the sparse kernels, in 4-lane vectors, widest first. */
// 4 vectors (16 columns): one 64-byte line of each listed row of B per nonzero. Measured on the
// VAE's shapes: 8 vectors ran 1.2–1.6× slower (a K × 32-column panel of B outgrows L1 between
// the rows of a block), 2 vectors 1.1–1.3× slower (the list overhead per nonzero dominates).
const PANELS = [4, 2, 1] as const;

/**
 * Rows of C per block of the sparse kernels: the scratch `list` must hold
 * `4·SPARSE_BLOCK_ROWS + 8·K·min(M, SPARSE_BLOCK_ROWS)` bytes.
 */
export const SPARSE_BLOCK_ROWS = 32;

type Five = [number, number, number, number, number];
type Twelve = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

// long: one WebAssembly function emitted instruction by instruction (the list pass, then panels
// of 4, 2 and 1 vectors and single columns); split, the loop structure would be hard to read.
/**
 * snn or stn: the zero-skipping product, in blocks of `blockRows` rows of C (see the top of this
 * file): the lists of the block's rows first, then per column panel every row of the block, so
 * that the rows of the panel of B (K × 32 floats) stay in L1 across the block.
 */
function sparseFunction(transposeA: boolean, blockRows: number, fused: boolean): FunctionAssembler {
  const { i32, f32, v128 } = WasmType;
  const types: number[] = [];
  const f = new FunctionAssembler(PARAMS, types);
  const local = (type: number): number => types.push(type) + PARAMS - 1;
  const [I, J, N4, STEP, ROWA, ROWC, PA, PB, KK, L, LEND, BJ] = Array.from({ length: 12 }, () =>
    local(i32),
  ) as Twelve;
  const [NR, R, LBASE, LSTRIDE, ENDS] = Array.from({ length: 5 }, () => local(i32));
  const X = local(f32);
  const SACC = local(f32);
  const S = local(v128);
  const ACC = Array.from({ length: PANELS[0] }, () => local(v128));
  const [nr, r, lbase, lstride, ends] = [NR, R, LBASE, LSTRIDE, ENDS] as Five;

  /** `for (L = LBASE; L < LEND; L += 8) body` (the list may be empty). */
  const overList = (body: () => void): void => {
    f.get(lbase).set(L);
    whileLoop(
      f,
      () => f.get(L).get(LEND).geU(),
      () => {
        body();
        f.get(L).i32(8).add().set(L);
      },
    );
  };

  /** `body()` for each row of the block: LBASE, LEND its list, ROWC its row of C. */
  const overRows = (body: () => void): void => {
    f.get(LIST)
      .i32(4 * blockRows)
      .add()
      .set(lbase);
    f.get(LIST).set(ends);
    f.get(C).get(I).get(N4).mul().add().set(ROWC);
    f.get(nr).set(r);
    countdown(f, r, () => {
      f.get(ends).i32Load().set(LEND);
      body();
      f.get(lbase).get(lstride).add().set(lbase);
      f.get(ends).i32(4).add().set(ends);
      f.get(ROWC).get(N4).add().set(ROWC);
    });
  };

  /** One panel of `vecs` vectors at column byte J for every row of the block; J advances. */
  const vectorPanel = (vecs: number): void => {
    const accs = ACC.slice(0, vecs);
    f.get(BIAS).get(J).add().set(BJ);
    overRows(() => {
      for (const a of accs) f.vzero().set(a);
      overList(() => {
        f.get(L).vloadSplat32(4).set(S);
        f.get(L).i32Load().get(J).add().set(PB);
        accs.forEach((a, v) => {
          const offset = 16 * v;
          if (fused) f.get(S).get(PB).vload(offset).get(a).simd(RELAXED_MADD).set(a);
          else f.get(a).get(S).get(PB).vload(offset).simd(Simd.f32x4Mul).simd(Simd.f32x4Add).set(a);
        });
      });
      vectorEpilogue(f, accs, BJ, (v) => 16 * v);
      f.get(ROWC).get(J).add().set(PB);
      accs.forEach((a, v) => {
        const offset = 16 * v;
        f.get(PB).get(a).vstore(offset);
      });
    });
    f.get(J)
      .i32(16 * vecs)
      .add()
      .set(J);
  };

  /** Column J of every row of the block in scalar code; J advances by one column. */
  const scalarColumn = (): void => {
    f.get(BIAS).get(J).add().set(BJ);
    overRows(() => {
      f.f32(0).set(SACC);
      overList(() => {
        f.get(SACC).get(L).f32Load(4);
        f.get(L).i32Load().get(J).add().f32Load().f32Mul().f32Add().set(SACC);
      });
      scalarEpilogue(f, [SACC], () => f.get(BJ));
      f.get(ROWC).get(J).add().get(SACC).f32Store();
    });
    f.get(J).i32(4).add().set(J);
  };

  /** The lists of the block's rows: each (B row address, a_ik) is written, the end moves on only past a nonzero. */
  const buildLists = (): void => {
    f.get(LIST)
      .i32(4 * blockRows)
      .add()
      .set(lbase);
    f.get(LIST).set(ends);
    f.get(nr).set(r);
    countdown(f, r, () => {
      f.get(ROWA).set(PA);
      f.get(B).set(PB);
      f.get(lbase).set(L);
      f.get(K).set(KK);
      countdown(f, KK, () => {
        f.get(PA).f32Load().set(X);
        f.get(L).get(PB).i32Store();
        f.get(L).get(X).f32Store(4);
        f.get(L).get(X).f32(0).f32Ne().i32(3).shl().add().set(L);
        f.get(PA).get(STEP).add().set(PA);
        f.get(PB).get(N4).add().set(PB);
      });
      f.get(ends).get(L).i32Store();
      f.get(ends).i32(4).add().set(ends);
      f.get(lbase).get(lstride).add().set(lbase);
      if (transposeA) f.get(ROWA).i32(4).add().set(ROWA);
      else f.get(ROWA).get(K).i32(2).shl().add().set(ROWA);
    });
  };

  f.get(N).i32(2).shl().set(N4);
  f.get(K).i32(3).shl().set(lstride);
  // Step between a_ik and a_i(k+1): nn 4 bytes, tn one row of A (M floats).
  if (transposeA) f.get(M).i32(2).shl().set(STEP);
  else f.i32(4).set(STEP);
  f.get(A).set(ROWA);
  f.i32(0).set(I);
  whileLoop(
    f,
    () => f.get(I).get(M).geU(),
    () => {
      // nr = min(blockRows, M − I)
      f.get(M).get(I).sub().set(nr);
      f.get(nr).i32(blockRows).gtU().if();
      f.i32(blockRows).set(nr);
      f.end();
      buildLists();
      f.i32(0).set(J);
      const widest = PANELS[0];
      whileLoop(
        f,
        () =>
          f
            .get(J)
            .i32(16 * widest)
            .add()
            .get(N4)
            .gtU(),
        () => vectorPanel(widest),
      );
      for (const vecs of PANELS.slice(1)) {
        f.get(J)
          .i32(16 * vecs)
          .add()
          .get(N4)
          .leU()
          .if();
        vectorPanel(vecs);
        f.end();
      }
      whileLoop(f, () => f.get(J).get(N4).geU(), scalarColumn);
      f.get(I).get(nr).add().set(I);
    },
  );
  return f;
}

/**
 * A scan over `count` float32 values at `x` (params `x, count, out`): `vector(v, acc)` and
 * `scalar(value, acc)` update a v128 and a scalar accumulator, stored at `out` and `out + 16`.
 */
function scanFunction(
  scalarType: number,
  vector: (f: FunctionAssembler, v: number, acc: number) => void,
  scalar: (f: FunctionAssembler, p: number, acc: number) => void,
): FunctionAssembler {
  const { i32, v128 } = WasmType;
  const [X, COUNT, OUT, P, Q, ACC, SACC] = [0, 1, 2, 3, 4, 5, 6];
  const f = new FunctionAssembler(3, [i32, i32, v128, scalarType]);
  f.vzero().set(ACC);
  f.get(X).set(P);
  f.get(COUNT).i32(2).shrU().set(Q);
  countdown(f, Q, () => {
    vector(f, P, ACC);
    f.get(P).i32(16).add().set(P);
  });
  if (scalarType === WasmType.i32) f.i32(0).set(SACC);
  else f.f32(0).set(SACC);
  f.get(COUNT).i32(3).and().set(Q);
  countdown(f, Q, () => {
    scalar(f, P, SACC);
    f.get(P).i32(4).add().set(P);
  });
  f.get(OUT).get(ACC).vstore();
  f.get(OUT).get(SACC);
  if (scalarType === WasmType.i32) f.i32Store(16);
  else f.f32Store(16);
  return f;
}

/** `nonzeros`: lane counts of values ≠ ±0 (`f32x4.ne` gives −1 per such lane, subtracted). */
function nonzerosFunction(): FunctionAssembler {
  return scanFunction(
    WasmType.i32,
    (f, p, acc) => {
      f.get(acc).get(p).vload().vzero().simd(Simd.f32x4Ne).simd(I32X4_SUB).set(acc);
    },
    (f, p, acc) => {
      f.get(acc).get(p).f32Load().f32(0).f32Ne().add().set(acc);
    },
  );
}

/** `nonfinite`: sums of `x · 0`, which is ±0 for finite x and NaN for ±Inf and NaN. */
function nonfiniteFunction(): FunctionAssembler {
  return scanFunction(
    WasmType.f32,
    (f, p, acc) => {
      f.get(acc).get(p).vload().vzero().simd(Simd.f32x4Mul).simd(Simd.f32x4Add).set(acc);
    },
    (f, p, acc) => {
      f.get(acc).get(p).f32Load().f32(0).f32Mul().f32Add().set(acc);
    },
  );
}

/**
 * The binary of a module that imports `env.memory` and exports `snn`, `stn`, `nonzeros` and
 * `nonfinite` (see the comment at the top of this file).
 *
 * @param memory - How the memory import is declared (the memory of the tfjs-wasm backend).
 * @param fused - Multiply-add with `f32x4.relaxed_madd`, as the dense kernels of the same
 *   engine do (the results stay bit-identical to theirs).
 */
export function sparseGemmModuleBytes(memory: MemoryImport, fused = false): Uint8Array {
  return assembleModule(memory, [
    { name: 'snn', fn: sparseFunction(false, SPARSE_BLOCK_ROWS, fused) },
    { name: 'stn', fn: sparseFunction(true, SPARSE_BLOCK_ROWS, fused) },
    { name: 'nonzeros', fn: nonzerosFunction() },
    { name: 'nonfinite', fn: nonfiniteFunction() },
  ]);
}
