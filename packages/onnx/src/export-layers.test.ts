import { describe, expect, it } from 'vitest';
import { filterToOnnx, nchwFromNhwc, samePads } from './export-layers.js';

describe('samePads', () => {
  it('matches TensorFlow’s same rule on known cases (odd padding row at the end)', () => {
    expect(samePads(28, 3, 2)).toEqual([0, 1]);
    expect(samePads(14, 3, 2)).toEqual([0, 1]);
    expect(samePads(12, 4, 2)).toEqual([1, 1]);
    expect(samePads(9, 3, 2)).toEqual([1, 1]);
    expect(samePads(7, 3, 1)).toEqual([1, 1]);
    expect(samePads(7, 4, 1)).toEqual([1, 2]);
    expect(samePads(5, 1, 2)).toEqual([0, 0]);
  });

  it('gives ONNX Conv an output of ⌈n / s⌉ for every small n, k, s', () => {
    for (let n = 1; n <= 12; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let s = 1; s <= 3; s++) {
          const [a, b] = samePads(n, k, s);
          if (n + a + b < k) continue;
          expect(Math.floor((n + a + b - k) / s) + 1).toBe(Math.ceil(n / s));
          expect(b - a === 0 || b - a === 1).toBe(true);
        }
      }
    }
  });
});

describe('nchwFromNhwc', () => {
  it('lists, in NCHW order, the NHWC position of each element', () => {
    // h = 2, w = 3, c = 2: NHWC index (h·3 + w)·2 + c.
    expect(nchwFromNhwc(2, 3, 2)).toEqual([0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]);
    expect(nchwFromNhwc(2, 2, 1)).toEqual([0, 1, 2, 3]);
  });
});

describe('filterToOnnx', () => {
  it('moves [kh, kw, a, b] to [b, a, kh, kw]', () => {
    const [kh, kw, a, b] = [2, 3, 4, 5];
    const code = (y: number, x: number, i: number, o: number) => y * 1000 + x * 100 + i * 10 + o;
    const data = new Float32Array(kh * kw * a * b);
    let p = 0;
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++)
        for (let i = 0; i < a; i++) for (let o = 0; o < b; o++) data[p++] = code(y, x, i, o);
    const out = filterToOnnx(data, kh, kw, a, b);
    p = 0;
    for (let o = 0; o < b; o++)
      for (let i = 0; i < a; i++)
        for (let y = 0; y < kh; y++)
          for (let x = 0; x < kw; x++) expect(out[p++]).toBe(code(y, x, i, o));
  });
});
