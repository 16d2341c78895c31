import { type FunctionAssembler, Simd } from '@latentkit/core';

/** `f32x4.relaxed_madd` (relaxed SIMD; `0xfd 0x105`): `a·b + c`, fused or not as the engine likes. */
export const RELAXED_MADD = 0x105;

// (module (func (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) …)))
const PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x03, 0x7b, 0x7b, 0x7b,
  0x01, 0x7b, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20,
  0x02, 0xfd, 0x85, 0x02, 0x0b,
]);

let available: boolean | undefined;

/**
 * Whether the engine compiles `f32x4.relaxed_madd` (Chromium does; Node 20 only behind
 * `--experimental-wasm-relaxed-simd`): validates a tiny module once and caches the answer.
 */
export function relaxedMaddAvailable(): boolean {
  available ??= WebAssembly.validate(PROBE);
  return available;
}

/**
 * Emits `acc = acc + x·y` on f32x4 locals: `f32x4.relaxed_madd` when `fused`, else `f32x4.mul`
 * then `f32x4.add`. Either way each lane is a float32 sum of float32 products to within one
 * rounding of the exact product (a fused multiply-add rounds once, mul + add twice).
 */
export function emitMadd(
  f: FunctionAssembler,
  acc: number,
  x: number,
  y: number,
  fused: boolean,
): void {
  if (fused) f.get(x).get(y).get(acc).simd(RELAXED_MADD).set(acc);
  else f.get(acc).get(x).get(y).simd(Simd.f32x4Mul).simd(Simd.f32x4Add).set(acc);
}
