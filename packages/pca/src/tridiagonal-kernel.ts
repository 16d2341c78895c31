import { assembleModule, FunctionAssembler, Simd, WasmType } from '@latentkit/core';

// Float64 SIMD kernels for the two O(n²) steps of one Householder reflection in
// `symmetric-eigen.ts`, over the lower triangle of a row-major n × n matrix. Offsets are bytes;
// `i`, `c` run over byte offsets of columns (8 bytes each).

/** `symv(A, n, s, v, p)`: `p[s:n] += A[s:n, s:n] · v[s:n]` from the lower triangle only. */
function symvFunction(): FunctionAssembler {
  const [A, N, S, VEC, P] = [0, 1, 2, 3, 4];
  const [IB, ROW, CB, ADDR, END] = [5, 6, 7, 8, 9];
  const [VI, ACC] = [10, 11];
  const [VIS, ACCV, A2] = [12, 13, 14];
  const { i32, f64, v128 } = WasmType;
  const a = new FunctionAssembler(5, [i32, i32, i32, i32, i32, f64, f64, v128, v128, v128]);
  a.get(S).i32(3).shl().set(IB).get(N).i32(3).shl().set(END);
  a.block().loop();
  a.get(IB).get(END).geU().brIf(1);
  a.get(A).get(IB).get(N).mul().add().set(ROW);
  a.get(VEC).get(IB).add().f64Load().tee(VI).simd(Simd.f64x2Splat).set(VIS);
  a.vzero().set(ACCV);
  a.get(S).i32(3).shl().set(CB);
  a.block().loop();
  a.get(CB).i32(16).add().get(IB).gtU().brIf(1);
  a.get(ROW).get(CB).add().vload().set(A2);
  a.get(ACCV).get(A2).get(VEC).get(CB).add().vload().simd(Simd.f64x2Mul).simd(Simd.f64x2Add);
  a.set(ACCV);
  a.get(P).get(CB).add().tee(ADDR).get(ADDR).vload().get(A2).get(VIS).simd(Simd.f64x2Mul);
  a.simd(Simd.f64x2Add).vstore();
  a.get(CB).i32(16).add().set(CB).br(0);
  a.end().end();
  a.get(ACCV).extractLaneF64(0).get(ACCV).extractLaneF64(1).f64Add().set(ACC);
  a.get(CB).get(IB).ltU().if();
  a.get(ROW).get(CB).add().f64Load().set(VI); // VI reused as the leftover A[i, c]
  a.get(ACC).get(VI).get(VEC).get(CB).add().f64Load().f64Mul().f64Add().set(ACC);
  a.get(P).get(CB).add().tee(ADDR).get(ADDR).f64Load().get(VI);
  a.get(VEC).get(IB).add().f64Load().f64Mul().f64Add().f64Store();
  a.end();
  a.get(P).get(IB).add().tee(ADDR).get(ADDR).f64Load().get(ACC).f64Add();
  a.get(ROW).get(IB).add().f64Load().get(VEC).get(IB).add().f64Load().f64Mul().f64Add().f64Store();
  a.get(IB).i32(8).add().set(IB).br(0);
  a.end().end();
  return a;
}

/** `syr2(A, n, s, v, w)`: `A[i, c] −= v[i]·w[c] + w[i]·v[c]` for `s ≤ c ≤ i < n`. */
function syr2Function(): FunctionAssembler {
  const [A, N, S, VEC, W] = [0, 1, 2, 3, 4];
  const [IB, ROW, CB, ADDR, END] = [5, 6, 7, 8, 9];
  const [VI, WI] = [10, 11];
  const [VIS, WIS] = [12, 13];
  const { i32, f64, v128 } = WasmType;
  const a = new FunctionAssembler(5, [i32, i32, i32, i32, i32, f64, f64, v128, v128]);
  a.get(S).i32(3).shl().set(IB).get(N).i32(3).shl().set(END);
  a.block().loop();
  a.get(IB).get(END).geU().brIf(1);
  a.get(A).get(IB).get(N).mul().add().set(ROW);
  a.get(VEC).get(IB).add().f64Load().tee(VI).simd(Simd.f64x2Splat).set(VIS);
  a.get(W).get(IB).add().f64Load().tee(WI).simd(Simd.f64x2Splat).set(WIS);
  a.get(S).i32(3).shl().set(CB);
  a.block().loop();
  a.get(CB).get(IB).geU().brIf(1);
  a.get(ROW).get(CB).add().tee(ADDR).get(ADDR).vload();
  a.get(VIS).get(W).get(CB).add().vload().simd(Simd.f64x2Mul).simd(Simd.f64x2Sub);
  a.get(WIS).get(VEC).get(CB).add().vload().simd(Simd.f64x2Mul).simd(Simd.f64x2Sub).vstore();
  a.get(CB).i32(16).add().set(CB).br(0);
  a.end().end();
  a.get(CB).get(IB).leU().if();
  a.get(ROW).get(CB).add().tee(ADDR).get(ADDR).f64Load();
  a.get(VI).get(W).get(CB).add().f64Load().f64Mul().f64Sub();
  a.get(WI).get(VEC).get(CB).add().f64Load().f64Mul().f64Sub().f64Store();
  a.end();
  a.get(IB).i32(8).add().set(IB).br(0);
  a.end().end();
  return a;
}

let cached: WebAssembly.Module | undefined;

/** Kernels `symv` and `syr2` bound to a fresh memory of at least `bytes` bytes. */
export function tridiagonalKernels(bytes: number): {
  memory: WebAssembly.Memory;
  symv: (A: number, n: number, s: number, v: number, p: number) => void;
  syr2: (A: number, n: number, s: number, v: number, w: number) => void;
} {
  cached ??= new WebAssembly.Module(
    assembleModule({ initial: 1 }, [
      { name: 'symv', fn: symvFunction() },
      { name: 'syr2', fn: syr2Function() },
    ]) as BufferSource,
  );
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const { exports } = new WebAssembly.Instance(cached, { env: { memory } });
  return {
    memory,
    symv: exports.symv as (A: number, n: number, s: number, v: number, p: number) => void,
    syr2: exports.syr2 as (A: number, n: number, s: number, v: number, w: number) => void,
  };
}
