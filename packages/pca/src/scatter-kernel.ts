import {
  assembleModule,
  FunctionAssembler,
  type MemoryImport,
  Simd,
  WasmType,
} from '@latentkit/core';
import { accumulateDenseFunction } from './dense-scatter-kernel.js';
import { emitColumnStats, emitWidenAdd } from './kernel-emit.js';

// Lanes 2 and 3 moved to the low half, so that `f64x2.promote_low_f32x4` converts them.

/**
 * `accumulate(x, rows, rowBytes, shift, list, s32, sum64, vmin, vmax, cnt)`: for each of `rows`
 * rows of `rowBytes / 4` float32 values at `x` (consecutive, padded to a multiple of 4 columns):
 *
 * 1. `r = x_i − shift` is written to the row buffer at address 0, and the byte offsets of its
 *    4-column chunks that hold a nonzero are listed at `list`;
 * 2. for every listed chunk: `cnt[c] += 1` (i32), `vmin/vmax` updated lane-wise, and the
 *    float64 column sums `sum64` incremented;
 * 3. for every nonzero entry `r_p` and every listed chunk `c` up to `p`'s own chunk:
 *    `S32[p, c·4 … c·4+3] += r_p · r[c·4 … c·4+3]` (float32 SIMD).
 *
 * The cost per row is ≈ nnz × (listed chunks) / 2 four-wide multiply-adds instead of d²/2 MACs
 * for a dense product, which is what makes image data with many zero pixels cheap.
 */
function accumulateFunction(): FunctionAssembler {
  const [X, ROWS, RB, SHIFT, LIST, S32, SUM, VMIN, VMAX, CNT] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [I, J, M, T, JT, P4, ROWS_ADDR, U, JU, ADDR] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  const [V, VT, SP, XP] = [20, 21, 22, 23];
  const { i32, v128, f32 } = WasmType;
  const a = new FunctionAssembler(10, [
    i32,
    i32,
    i32,
    i32,
    i32,
    i32,
    i32,
    i32,
    i32,
    i32,
    v128,
    v128,
    v128,
    f32,
  ]);
  a.i32(0).set(I);
  a.block().loop();
  a.get(I).get(ROWS).geU().brIf(1);
  // Pass 1: shifted row into the buffer, list of nonzero chunks, column statistics.
  a.get(LIST).set(M).i32(0).set(J);
  a.block().loop();
  a.get(J).get(RB).geU().brIf(1);
  a.get(X).get(J).add().vload().get(SHIFT).get(J).add().vload().simd(Simd.f32x4Sub).set(V);
  a.get(J).get(V).vstore();
  a.get(V).vzero().simd(Simd.f32x4Ne).simd(Simd.anyTrue).if();
  a.get(M).get(J).i32Store().get(M).i32(4).add().set(M);
  emitColumnStats(a, { sum: SUM, cnt: CNT, vmin: VMIN, vmax: VMAX, j: J, addr: ADDR, v: V });
  a.end();
  a.get(J).i32(16).add().set(J).br(0);
  a.end().end();
  // Pass 2: outer products of the nonzeros with the listed chunks (lower block triangle).
  a.get(LIST).set(T);
  a.block().loop();
  a.get(T).get(M).geU().brIf(1);
  a.get(T).i32Load().tee(JT).vload().set(VT);
  // Row p = JT / 4 (+ lane) of S32 starts at S32 + p · RB.
  a.get(S32).get(JT).i32(2).shrU().get(RB).mul().add().set(P4);
  for (let lane = 0; lane < 4; lane++) {
    a.get(VT).extractLaneF32(lane).tee(XP).f32(0).f32Ne().if();
    a.get(XP).simd(Simd.f32x4Splat).set(SP);
    a.get(P4).get(RB).i32(lane).mul().add().set(ROWS_ADDR);
    a.get(LIST).set(U);
    a.loop();
    a.get(ROWS_ADDR).get(U).i32Load().tee(JU).add().tee(ADDR);
    a.get(ADDR).vload().get(SP).get(JU).vload().simd(Simd.f32x4Mul).simd(Simd.f32x4Add).vstore();
    a.get(U).i32(4).add().tee(U).get(T).leU().brIf(0);
    a.end();
    a.end();
  }
  a.get(T).i32(4).add().set(T).br(0);
  a.end().end();
  a.get(X).get(RB).add().set(X);
  a.get(I).i32(1).add().set(I).br(0);
  a.end().end();
  return a;
}

/**
 * `flush(s32, s64, rowBytes)`: adds the float32 accumulator's lower block triangle (chunks up to
 * and including each row's own chunk) to the float64 matrix `s64` (row stride `2 · rowBytes`)
 * and zeroes the float32 accumulator there.
 */
function flushFunction(): FunctionAssembler {
  const [S32, S64, RB] = [0, 1, 2];
  const [P, NROWS, J, JEND, ADDR] = [3, 4, 5, 6, 7];
  const V = 8;
  const { i32, v128 } = WasmType;
  const a = new FunctionAssembler(3, [i32, i32, i32, i32, i32, v128]);
  a.i32(0).set(P).get(RB).i32(2).shrU().set(NROWS);
  a.block().loop();
  a.get(P).get(NROWS).geU().brIf(1);
  a.get(P).i32(2).shrU().i32(4).shl().set(JEND);
  a.i32(0).set(J);
  a.loop();
  a.get(S32).get(J).add().tee(ADDR).vload().set(V);
  a.get(ADDR).vzero().vstore();
  emitWidenAdd(a, S64, { j: J, addr: ADDR, v: V });
  a.get(J).i32(16).add().tee(J).get(JEND).leU().brIf(0);
  a.end();
  a.get(S32).get(RB).add().set(S32);
  a.get(S64).get(RB).i32(1).shl().add().set(S64);
  a.get(P).i32(1).add().set(P).br(0);
  a.end().end();
  return a;
}

/**
 * The scatter kernel module's bytes: exports `accumulate`, `flush` and `accumulateDense` (see
 * `dense-scatter-kernel.ts`), importing
 * `env.memory` as described by `memory`.
 */
export function scatterKernelBytes(memory: MemoryImport): Uint8Array {
  return assembleModule(memory, [
    { name: 'accumulate', fn: accumulateFunction() },
    { name: 'flush', fn: flushFunction() },
    { name: 'accumulateDense', fn: accumulateDenseFunction() },
  ]);
}
