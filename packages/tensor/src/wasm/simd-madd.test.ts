import { describe, expect, it } from 'vitest';
import { gemmModuleBytes } from './gemm-module.js';
import { relaxedMaddAvailable } from './simd-madd.js';
import { sparseGemmModuleBytes } from './sparse-gemm-module.js';

// Node 20 has relaxed SIMD only behind --experimental-wasm-relaxed-simd (run vitest with
// `--execArgv=--experimental-wasm-relaxed-simd` to test the fused kernels); Chromium has it.
describe('relaxed multiply-add', () => {
  const memory = { initial: 0 };

  it('the probe agrees with whether the fused kernels compile', () => {
    const fused = [gemmModuleBytes(memory, {}, true), sparseGemmModuleBytes(memory, true)];
    for (const bytes of fused) {
      expect(WebAssembly.validate(bytes as BufferSource)).toBe(relaxedMaddAvailable());
    }
  });

  it('the unfused kernels compile on any engine with SIMD, and differ from the fused ones', () => {
    const plain = gemmModuleBytes(memory);
    expect(WebAssembly.validate(plain as BufferSource)).toBe(true);
    expect(WebAssembly.validate(sparseGemmModuleBytes(memory) as BufferSource)).toBe(true);
    expect(Array.from(gemmModuleBytes(memory, {}, true))).not.toEqual(Array.from(plain));
  });
});
