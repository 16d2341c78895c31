import { assembleModule, FunctionAssembler, Simd, WasmType } from '@latentkit/core';

// Lanes 2 and 3 moved to the low half, so that `f64x2.promote_low_f32x4` converts them.
const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
// Lane 1 of a f64x2 moved to lane 0.
const SWAP_F64 = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];

const [X, ROWS, RB, MEAN, XC, VT, TP, Y] = [0, 1, 2, 3, 4, 5, 6, 7];
const [I, J, ADDR, END, R, A0, A1, VR, YO] = [8, 9, 10, 11, 12, 13, 14, 15, 16];
const [V, VA, VB, VK] = [17, 18, 19, 20];
const ACC = 21; // 8 accumulators: ACC + k (row i) and ACC + 4 + k (row i + 1)

/**
 * `project(x, rows, rowBytes, mean, xc, vt, tp, y)`: float64 projections of centered float32 rows.
 *
 * 1. Each of the `rows` float32 rows at `x` (`rowBytes / 4` columns, a multiple of 4) is widened
 *    to float64 and centered, `xc_i = x_i − mean` (float64 `mean`), into `xc` (row stride
 *    `2 · rowBytes`); an odd `rows` gets one zero row appended.
 * 2. `y[i · tp + r] = Σ_p vt[r, p] · xc_i[p]` for `r < tp` (a multiple of 4; `vt` holds `tp` float64
 *    rows of stride `2 · rowBytes`), by register tiles of 2 rows × 4 directions in float64 SIMD
 *    (rows `i` and `i + 1` share each direction's load). `y` needs room for `rows + 1` rows.
 */
function projectFunction(): FunctionAssembler {
  const { i32, v128 } = WasmType;
  const locals = [i32, i32, i32, i32, i32, i32, i32, i32, i32, v128, v128, v128, v128];
  for (let k = 0; k < 8; k++) locals.push(v128);
  const a = new FunctionAssembler(8, locals);
  // Pass 1: widen and center.
  a.get(X).set(A0).get(XC).set(A1).i32(0).set(I);
  a.block().loop();
  a.get(I).get(ROWS).geU().brIf(1);
  a.i32(0).set(J);
  a.loop();
  a.get(A0).get(J).add().vload().set(V);
  a.get(A1).get(J).i32(1).shl().add().tee(ADDR);
  a.get(V).simd(Simd.f64x2PromoteLow).get(MEAN).get(J).i32(1).shl().add().tee(END).vload();
  a.simd(Simd.f64x2Sub).vstore();
  a.get(ADDR).get(V).get(V).shuffle(HIGH_TO_LOW).simd(Simd.f64x2PromoteLow);
  a.get(END).vload(16).simd(Simd.f64x2Sub).vstore(16);
  a.get(J).i32(16).add().tee(J).get(RB).ltU().brIf(0);
  a.end();
  a.get(A0).get(RB).add().set(A0);
  a.get(A1).get(RB).i32(1).shl().add().set(A1);
  a.get(I).i32(1).add().set(I).br(0);
  a.end().end();
  // An odd row count: one zero row (its projections are zero).
  a.get(ROWS).i32(1).and().if();
  a.i32(0).set(J);
  a.loop();
  a.get(A1).get(J).add().vzero().vstore();
  a.get(J).i32(16).add().tee(J).get(RB).i32(1).shl().ltU().brIf(0);
  a.end();
  a.end();
  // Pass 2: tiles of rows (i, i + 1) × directions (r … r + 3).
  a.get(XC).set(A0).get(Y).set(YO).i32(0).set(I);
  a.block().loop();
  a.get(I).get(ROWS).geU().brIf(1);
  a.get(A0).get(RB).i32(1).shl().add().set(A1);
  a.i32(0).set(R).get(VT).set(VR);
  a.loop();
  for (let k = 0; k < 8; k++) a.vzero().set(ACC + k);
  a.i32(0).set(J);
  a.loop();
  a.get(A0).get(J).add().vload().set(VA);
  a.get(A1).get(J).add().vload().set(VB);
  a.get(VR).get(J).add().set(ADDR);
  for (let k = 0; k < 4; k++) {
    // Direction r + k starts k rows (2·RB bytes each) after direction r.
    a.get(ADDR).vload().set(VK);
    a.get(ACC + k)
      .get(VA)
      .get(VK)
      .simd(Simd.f64x2Mul)
      .simd(Simd.f64x2Add)
      .set(ACC + k);
    a.get(ACC + 4 + k)
      .get(VB)
      .get(VK)
      .simd(Simd.f64x2Mul)
      .simd(Simd.f64x2Add)
      .set(ACC + 4 + k);
    if (k < 3) a.get(ADDR).get(RB).i32(1).shl().add().set(ADDR);
  }
  a.get(J).i32(16).add().tee(J).get(RB).i32(1).shl().ltU().brIf(0);
  a.end();
  // Horizontal sums: y[i, r + k] and y[i + 1, r + k].
  for (let k = 0; k < 8; k++) {
    const offset = k < 4 ? 8 * k : 8 * (k - 4);
    a.get(YO).get(R).i32(3).shl().add();
    if (k >= 4) a.get(TP).i32(3).shl().add();
    a.get(ACC + k)
      .get(ACC + k)
      .get(ACC + k)
      .shuffle(SWAP_F64)
      .simd(Simd.f64x2Add);
    a.extractLaneF64(0).f64Store(offset);
  }
  a.get(VR).get(RB).i32(3).shl().add().set(VR);
  a.get(R).i32(4).add().tee(R).get(TP).ltU().brIf(0);
  a.end();
  a.get(A0).get(RB).i32(2).shl().add().set(A0);
  a.get(YO).get(TP).i32(4).shl().add().set(YO);
  a.get(I).i32(2).add().set(I).br(0);
  a.end().end();
  return a;
}

let cachedModule: WebAssembly.Module | undefined;

/** The compiled projection kernel (cached), importing any non-shared `env.memory`. */
export function projectionKernelModule(): WebAssembly.Module {
  cachedModule ??= new WebAssembly.Module(
    assembleModule({ initial: 1 }, [{ name: 'project', fn: projectFunction() }]) as BufferSource,
  );
  return cachedModule;
}
