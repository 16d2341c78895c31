import { type FunctionAssembler, Simd } from '@latentkit/core';

// Instruction sequences shared by the scatter kernels (sparse, dense), emitted into their bodies.

/** Byte lanes moving the high 8 bytes of a vector to the low half (for the second widening). */
const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

/** Local indices the sequences read and write. */
export interface EmitLocals {
  /** Base addresses of the float64 sums, the counts, the minima and the maxima. */
  sum: number;
  cnt: number;
  vmin: number;
  vmax: number;
  /** Byte offset of the four-column chunk in a float32 row. */
  j: number;
  /** Scratch address. */
  addr: number;
  /** The chunk's four float32 values (v128). */
  v: number;
}

/**
 * `float64 sums[base + 2·j …] += widen(v)`: the four float32 lanes of `v` widened (exactly) and
 * added to the four float64 sums at byte offset `2·j` from local `base`.
 */
export function emitWidenAdd(
  a: FunctionAssembler,
  base: number,
  { j, addr, v }: Pick<EmitLocals, 'j' | 'addr' | 'v'>,
): void {
  a.get(base).get(j).i32(1).shl().add().set(addr);
  emitWidenInto(a, addr, v);
}

/**
 * `float64 at[addr + offset …] += widen(v)` for an address already in local `addr` (`offset`: a
 * static byte offset).
 */
export function emitWidenInto(a: FunctionAssembler, addr: number, v: number, offset = 0): void {
  a.get(addr).get(addr).vload(offset).get(v).simd(Simd.f64x2PromoteLow);
  a.simd(Simd.f64x2Add).vstore(offset);
  a.get(addr)
    .get(addr)
    .vload(offset + 16)
    .get(v)
    .get(v)
    .shuffle(HIGH_TO_LOW);
  a.simd(Simd.f64x2PromoteLow)
    .simd(Simd.f64x2Add)
    .vstore(offset + 16);
}

/**
 * Column statistics of one four-column chunk holding a nonzero: its count (indexed by chunk),
 * lane-wise minimum and maximum (NaN-propagating) and the float64 sums.
 */
export function emitColumnStats(a: FunctionAssembler, l: EmitLocals): void {
  a.get(l.cnt).get(l.j).i32(2).shrU().add().tee(l.addr).get(l.addr).i32Load().i32(1).add();
  a.i32Store();
  a.get(l.vmin).get(l.j).add().tee(l.addr).get(l.addr).vload().get(l.v).simd(Simd.f32x4Min);
  a.vstore();
  a.get(l.vmax).get(l.j).add().tee(l.addr).get(l.addr).vload().get(l.v).simd(Simd.f32x4Max);
  a.vstore();
  emitWidenAdd(a, l.sum, l);
}
