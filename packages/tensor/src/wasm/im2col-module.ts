import {
  assembleModule,
  FunctionAssembler,
  type MemoryImport,
  Simd,
  WasmType,
} from '@latentkit/core';

// The im2col ("patch gather") kernel of latentkit's conv filter gradient, in 128-bit WebAssembly
// SIMD, emitted at run time with the wasm assembler (see gemm-module.ts for why).
//
// For a 2-D NHWC convolution with dilation 1, the kw taps of one kernel row read kw·Cin
// contiguous floats of one input row, so one output position's patch is kh segments of at most
// kw·Cin floats (fewer at the borders, the rest zeros). The segments of one image are the same
// for every image up to the images' base addresses, so the caller describes them once, as a table
// of i32 triples (srcByte, dstByte, bytes) relative to an image's input and an image's im2col rows,
// with srcByte = −1 for a run of zeros; the kernel replays the table for each image.
//
// Exports (all i32 arguments, byte addresses into the imported memory):
//   gather(table, entries, src, dst, images, srcImageBytes, dstImageBytes)
//     for each of `images` images: for each table entry: copy (or zero) `bytes` bytes;
//     then src += srcImageBytes, dst += dstImageBytes. Every `bytes` is a multiple of 4.
//   accumulate(dst, src, count): dst[i] += src[i] for `count` float32s.
//   scatter(table, entries, cols, dst, images, dstImageBytes, colsImageBytes)
//     the adjoint of gather (col2im): for each of `images` images, for each table entry whose
//     srcByte is not −1, dst[srcByte + i] += cols[dstByte + i] over `bytes` bytes, entries in
//     table order (runs of different entries may overlap in dst; each is added in turn); then
//     dst += dstImageBytes, cols += colsImageBytes.

const { i32 } = WasmType;

/**
 * While local `len` ≥ `bytes`: `body`, then each local of `advance` += `bytes`, `len` −= `bytes`.
 */
function emitRuns(
  f: FunctionAssembler,
  len: number,
  bytes: number,
  advance: readonly number[],
  body: () => void,
): void {
  f.block().loop();
  f.get(len).i32(bytes).ltU().brIf(1);
  body();
  for (const p of advance) f.get(p).i32(bytes).add().set(p);
  f.get(len).i32(bytes).sub().set(len);
  f.br(0);
  f.end().end();
}

/** Copies (or zeros, when local `src` is −1) `len` bytes at `dst`; consumes the three locals. */
function emitSegment(f: FunctionAssembler, src: number, dst: number, len: number): void {
  f.get(src).i32(-1).ne().if();
  emitRuns(f, len, 16, [src, dst], () => f.get(dst).get(src).vload().vstore());
  emitRuns(f, len, 4, [src, dst], () => f.get(dst).get(src).f32Load().f32Store());
  f.else();
  emitRuns(f, len, 16, [dst], () => f.get(dst).vzero().vstore());
  emitRuns(f, len, 4, [dst], () => f.get(dst).f32(0).f32Store());
  f.end();
}

/** `dst[i] += src[i]` over `len` bytes (a multiple of 4); consumes the three locals. */
function emitAdd(f: FunctionAssembler, dst: number, src: number, len: number): void {
  emitRuns(f, len, 16, [dst, src], () =>
    f.get(dst).get(dst).vload().get(src).vload().simd(Simd.f32x4Add).vstore(),
  );
  emitRuns(f, len, 4, [dst, src], () =>
    f.get(dst).get(dst).f32Load().get(src).f32Load().f32Add().f32Store(),
  );
}

// `gather` and `scatter` share their parameters `(table, entries, a, b, images, step5, step6)`,
// their locals and their walk over images × table entries; they differ in the per-entry body and
// in which of `a`, `b` each per-image step advances.
const [TABLE, ENTRIES, IMAGES, STEP5, STEP6] = [0, 1, 4, 5, 6];
/** Locals of the walk: the current entry's address, entries left. */
const [ENTRY, LEFT] = [7, 8];

/**
 * A function of `gather`'s and `scatter`'s signature: for each of `images` images, `entry` once
 * per table entry (local `ENTRY` holds the entry's address; locals 9–11 are free), then
 * parameter `advance[0]` += parameter 5 and parameter `advance[1]` += parameter 6.
 */
function tableWalkFunction(
  advance: readonly [number, number],
  entry: (f: FunctionAssembler) => void,
): FunctionAssembler {
  const f = new FunctionAssembler(7, [i32, i32, i32, i32, i32]);
  f.block();
  f.get(IMAGES).eqz().brIf(0);
  f.get(ENTRIES).eqz().brIf(0);
  f.loop(); // images
  f.get(TABLE).set(ENTRY);
  f.get(ENTRIES).set(LEFT);
  f.loop(); // entries
  entry(f);
  f.get(ENTRY).i32(12).add().set(ENTRY);
  f.get(LEFT).i32(1).sub().tee(LEFT).brIf(0);
  f.end(); // entries
  f.get(advance[0]).get(STEP5).add().set(advance[0]);
  f.get(advance[1]).get(STEP6).add().set(advance[1]);
  f.get(IMAGES).i32(1).sub().tee(IMAGES).brIf(0);
  f.end(); // images
  f.end();
  return f;
}

/** `gather(table, entries, src, dst, images, srcImageBytes, dstImageBytes)`. */
function gatherFunction(): FunctionAssembler {
  const [SRC, DST] = [2, 3];
  const [S, D, L] = [9, 10, 11];
  return tableWalkFunction([SRC, DST], (f) => {
    f.get(ENTRY).i32Load(0).set(S);
    f.get(S).i32(-1).ne().if();
    f.get(S).get(SRC).add().set(S);
    f.end();
    f.get(ENTRY).i32Load(4).get(DST).add().set(D);
    f.get(ENTRY).i32Load(8).set(L);
    emitSegment(f, S, D, L);
  });
}

/** `scatter(table, entries, cols, dst, images, dstImageBytes, colsImageBytes)`: skips zero runs. */
function scatterFunction(): FunctionAssembler {
  const [COLS, DST] = [2, 3];
  // Target (in dst), source (in cols), length.
  const [T, S, L] = [9, 10, 11];
  return tableWalkFunction([DST, COLS], (f) => {
    f.get(ENTRY).i32Load(0).set(T);
    f.get(T).i32(-1).ne().if();
    f.get(T).get(DST).add().set(T);
    f.get(ENTRY).i32Load(4).get(COLS).add().set(S);
    f.get(ENTRY).i32Load(8).set(L);
    emitAdd(f, T, S, L);
    f.end();
  });
}

function accumulateFunction(): FunctionAssembler {
  const DST = 0;
  const SRC = 1;
  const COUNT = 2;
  const f = new FunctionAssembler(3, []);
  f.block().loop();
  f.get(COUNT).i32(4).ltU().brIf(1);
  f.get(DST).get(DST).vload().get(SRC).vload().simd(Simd.f32x4Add).vstore();
  f.get(DST).i32(16).add().set(DST);
  f.get(SRC).i32(16).add().set(SRC);
  f.get(COUNT).i32(4).sub().set(COUNT);
  f.br(0);
  f.end().end();
  f.block().loop();
  f.get(COUNT).eqz().brIf(1);
  f.get(DST).get(DST).f32Load().get(SRC).f32Load().f32Add().f32Store();
  f.get(DST).i32(4).add().set(DST);
  f.get(SRC).i32(4).add().set(SRC);
  f.get(COUNT).i32(1).sub().set(COUNT);
  f.br(0);
  f.end().end();
  return f;
}

/**
 * The binary of a module that imports `env.memory` and exports `gather`, `accumulate` and
 * `scatter` (see the comment at the top of this file for their arguments).
 *
 * @param memory - How the memory import is declared (the memory of the tfjs-wasm backend).
 */
export function im2colModuleBytes(memory: MemoryImport): Uint8Array {
  return assembleModule(memory, [
    { name: 'gather', fn: gatherFunction() },
    { name: 'accumulate', fn: accumulateFunction() },
    { name: 'scatter', fn: scatterFunction() },
  ]);
}
