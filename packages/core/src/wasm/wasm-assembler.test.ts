import { describe, expect, it } from 'vitest';
import { assembleModule, FunctionAssembler, Simd, WasmType } from './wasm-assembler.js';

function instantiate(bytes: Uint8Array<ArrayBuffer>): {
  exports: Record<string, (...args: number[]) => void>;
  memory: WebAssembly.Memory;
} {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return { exports: instance.exports as Record<string, (...args: number[]) => void>, memory };
}

describe('assembleModule', () => {
  it('emits a valid module whose i32 function stores its result in memory', () => {
    // store(p, a, b): mem[p] = a * b + 7
    const fn = new FunctionAssembler(3, []).get(0).get(1).get(2).mul().i32(7).add().i32Store();
    const bytes = assembleModule({ initial: 1 }, [{ name: 'store', fn }]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { exports, memory } = instantiate(bytes);
    exports.store?.(16, 6, 7);
    expect(new Int32Array(memory.buffer)[4]).toBe(49);
  });

  it('runs a counted loop: the sum of n float32 values, against a JS sum', () => {
    // sum(p, n, out): f32 acc over mem[p .. p + 4n), written to mem[out]
    const fn = new FunctionAssembler(3, [WasmType.f32, WasmType.i32])
      .f32(0)
      .set(3)
      .i32(0)
      .set(4)
      .block()
      .loop()
      .get(4)
      .get(1)
      .geU()
      .brIf(1)
      .get(3)
      .get(0)
      .get(4)
      .i32(4)
      .mul()
      .add()
      .f32Load()
      .f32Add()
      .set(3)
      .get(4)
      .i32(1)
      .add()
      .set(4)
      .br(0)
      .end()
      .end()
      .get(2)
      .get(3)
      .f32Store();
    const { exports, memory } = instantiate(assembleModule({ initial: 1 }, [{ name: 'sum', fn }]));
    const values = Float32Array.from({ length: 100 }, (_, i) => Math.fround(0.25 * i - 3));
    new Float32Array(memory.buffer).set(values, 0);
    exports.sum?.(0, values.length, 1024);
    let expected = Math.fround(0);
    for (const v of values) expected = Math.fround(expected + v);
    expect(new Float32Array(memory.buffer)[256]).toBe(expected);
  });

  it('exports several functions by name, with SIMD lanes where the engine has them', () => {
    // scale4(p): the four float32 at p times themselves, with one 128-bit multiply
    const simd = new FunctionAssembler(1, [])
      .get(0)
      .get(0)
      .vload()
      .get(0)
      .vload()
      .simd(Simd.f32x4Mul)
      .vstore();
    const zero = new FunctionAssembler(1, []).get(0).i32(0).i32Store();
    const bytes = assembleModule({ initial: 1 }, [
      { name: 'square4', fn: simd },
      { name: 'zero', fn: zero },
    ]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { exports, memory } = instantiate(bytes);
    const f = new Float32Array(memory.buffer);
    f.set([1.5, -2, 3, 0.5], 0);
    exports.square4?.(0);
    expect(Array.from(f.subarray(0, 4))).toEqual([2.25, 4, 9, 0.25]);
    exports.zero?.(0);
    expect(f[0]).toBe(0);
  });

  it('declares typed parameters: an f32 argument splatted, divided and square-rooted in SIMD', () => {
    // put(p: i32, x: f32): the four lanes at p become sqrt(lane / x)
    const fn = new FunctionAssembler([WasmType.i32, WasmType.f32], [])
      .get(0)
      .get(0)
      .vload()
      .get(1)
      .simd(Simd.f32x4Splat)
      .simd(Simd.f32x4Div)
      .simd(Simd.f32x4Sqrt)
      .vstore();
    expect(fn.params).toBe(2);
    const bytes = assembleModule({ initial: 1 }, [{ name: 'put', fn }]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const { exports, memory } = instantiate(bytes);
    const f = new Float32Array(memory.buffer);
    f.set([8, 18, 32, 2], 0);
    exports.put?.(0, 2);
    expect(Array.from(f.subarray(0, 4))).toEqual([2, 3, 4, 1]);
  });
});
