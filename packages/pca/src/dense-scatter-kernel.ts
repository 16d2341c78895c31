import { FunctionAssembler, Simd, WasmType } from '@latentkit/core';
import { emitColumnStats, emitWidenInto } from './kernel-emit.js';

// Lanes 2 and 3 moved to the low half, so that `f64x2.promote_low_f32x4` converts them.

/** 4-column chunks per register tile (4 rows × 4·TILE_CHUNKS columns). */
const TILE_CHUNKS = 2;

const [X, ROWS, RB, SHIFT, _LIST, S64, SUM, VMIN, VMAX, CNT] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const [J, ADDR, END, P, Q, ROW, SROW] = [10, 11, 12, 13, 14, 15, 16];
const V = 17;
const ACC = 18; // up to 12 accumulators: ACC + l·W + w
const SPLAT = 30;
const VEC = 31; // up to 3 loaded vectors

/**
 * One register tile of the block product: `S64[4P′ + l, 4Q′ + 4w + …] += Σᵢ rᵢ[4P′ + l] · rᵢ[4Q′ + 4w + …]`
 * for `l < 4`, `w < width` (P′, Q′ the chunks at byte offsets `P`, `Q`), summed over the block's
 * rows in float32 registers and added to the float64 matrix once per block.
 */
function emitTile(a: FunctionAssembler, width: number): void {
  for (let t = 0; t < 4 * width; t++) a.vzero().set(ACC + t);
  a.get(X).set(ROW);
  a.loop();
  for (let w = 0; w < width; w++)
    a.get(ROW)
      .get(Q)
      .add()
      .vload(16 * w)
      .set(VEC + w);
  for (let l = 0; l < 4; l++) {
    a.get(ROW)
      .get(P)
      .add()
      .vloadSplat32(4 * l)
      .set(SPLAT);
    for (let w = 0; w < width; w++) {
      const acc = ACC + l * width + w;
      a.get(acc)
        .get(SPLAT)
        .get(VEC + w)
        .simd(Simd.f32x4Mul)
        .simd(Simd.f32x4Add)
        .set(acc);
    }
  }
  a.get(ROW).get(RB).add().tee(ROW).get(END).ltU().brIf(0);
  a.end();
  // Row 4P′ + l of S64 starts at S64 + (P / 4 + l) · 2·RB; column 4Q′ at byte 2·Q.
  for (let l = 0; l < 4; l++) {
    a.get(S64).get(P).i32(2).shrU().i32(l).add().get(RB).i32(1).shl().mul().add();
    a.get(Q).i32(1).shl().add().set(SROW);
    for (let w = 0; w < width; w++) {
      const acc = ACC + l * width + w;
      emitWidenInto(a, SROW, acc, 32 * w);
    }
  }
}

/**
 * `accumulateDense(x, rows, rowBytes, shift, list, s64, sum64, vmin, vmax, cnt)`: the dense
 * counterpart of the sparse kernel's `accumulate`, with the same arguments and statistics (the
 * `list` argument is unused) but for one block of `rows ≥ 1` rows at `x`:
 *
 * 1. each row is replaced in place by `r = x − shift` (float32), and for every 4-column chunk
 *    holding a nonzero: `cnt[c] += 1`, `vmin/vmax` updated lane-wise, `sum64 += r` (float64);
 * 2. the lower block triangle of the block's product (chunks `c ≤ p`'s own chunk) is added to
 *    the float64 matrix `s64` (row stride `2 · rowBytes`), `Σᵢ rᵢ rᵢᵀ` summed in float32 over the
 *    block's rows by register tiles of 4 × 8 (and 4 × 4 at the diagonal).
 *
 * Each tile streams the block once with 6 loads for 32 multiply-adds, so the block should fit in
 * the L2 cache (64 rows of 784 columns take 200 KB); the float32 sums have `rows` terms.
 */
export function accumulateDenseFunction(width = TILE_CHUNKS): FunctionAssembler {
  const { i32, v128 } = WasmType;
  const locals = [i32, i32, i32, i32, i32, i32, i32, v128];
  for (let t = 0; t < 12 + 1 + 3; t++) locals.push(v128);
  const a = new FunctionAssembler(10, locals);
  a.get(X).get(ROWS).get(RB).mul().add().set(END);
  // Pass 1: shift in place, chunk statistics.
  a.get(X).set(ROW);
  a.block().loop();
  a.get(ROW).get(END).geU().brIf(1);
  a.i32(0).set(J);
  a.loop();
  a.get(ROW).get(J).add().tee(ADDR).vload().get(SHIFT).get(J).add().vload();
  a.simd(Simd.f32x4Sub).set(V);
  a.get(ADDR).get(V).vstore();
  a.get(V).vzero().simd(Simd.f32x4Ne).simd(Simd.anyTrue).if();
  emitColumnStats(a, { sum: SUM, cnt: CNT, vmin: VMIN, vmax: VMAX, j: J, addr: ADDR, v: V });
  a.end();
  a.get(J).i32(16).add().tee(J).get(RB).ltU().brIf(0);
  a.end();
  a.get(ROW).get(RB).add().set(ROW).br(0);
  a.end().end();
  // Pass 2: register tiles over the lower block triangle. P, Q: byte offsets of 4-column chunks.
  a.i32(0).set(P);
  a.loop();
  a.i32(0).set(Q);
  // Groups of chunks (Q′ … Q′ + width − 1) with Q′ + width − 1 ≤ P′.
  const groupBytes = 16 * width;
  const lastChunk = groupBytes - 16;
  a.block().loop();
  a.get(Q).i32(lastChunk).add().get(P).gtU().brIf(1);
  emitTile(a, width);
  a.get(Q).i32(groupBytes).add().set(Q).br(0);
  a.end().end();
  // The chunks left up to the diagonal, one at a time.
  a.block().loop();
  a.get(Q).get(P).gtU().brIf(1);
  emitTile(a, 1);
  a.get(Q).i32(16).add().set(Q).br(0);
  a.end().end();
  a.get(P).i32(16).add().tee(P).get(RB).ltU().brIf(0);
  a.end();
  return a;
}
