import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { fixedFormat } from '../fixed/fixed-format.js';
import { createNoiseConfig, createNoiseSource } from './clt-gaussian.js';
import { xorshift32 } from './xorshift32.js';

function moments(values: number[]) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  return { mean, variance: m2, skew: m3 / n / m2 ** 1.5, kurtosis: m4 / n / (m2 * m2) };
}

function samples(uniforms: number, count: number, lanes = 2) {
  const src = createNoiseSource(
    createNoiseConfig({ lanes, seed: 7, uniforms, uniformBits: 16, format: fixedFormat(20, 14) }),
  );
  const out: number[][] = Array.from({ length: lanes }, () => []);
  for (let i = 0; i < count; i++) {
    src.next().forEach((c, l) => {
      out[l]!.push(c / 2 ** 14);
    });
  }
  return out;
}

describe('CLT Gaussian noise lanes', () => {
  it('n = 12: mean 0, variance 1, skew 0, kurtosis 3 − 6/(5·12) = 2.9', () => {
    const [a, b] = samples(12, 150_000) as [number[], number[]];
    const m = moments(a);
    // Standard errors at N = 150k: mean 0.0026, var 0.0034, skew 0.0063, kurtosis ≈ 0.012.
    expect(Math.abs(m.mean)).toBeLessThan(0.012);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.015);
    expect(Math.abs(m.skew)).toBeLessThan(0.03);
    expect(Math.abs(m.kurtosis - 2.9)).toBeLessThan(0.05);
    expect(Math.abs(m.kurtosis - 3)).toBeGreaterThan(0.05); // distinguishable from a true normal
    // Lanes are uncorrelated.
    let c = 0;
    for (let i = 0; i < a.length; i++) c += a[i]! * b[i]!;
    expect(Math.abs(c / a.length)).toBeLessThan(0.015);
    // Bounded by the CLT sum's support ±√(3n) = ±6.
    expect(a.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThanOrEqual(6);
  });

  it('n = 4: kurtosis 3 − 6/20 = 2.7 and unit variance through the √3 scale', () => {
    const [a] = samples(4, 150_000, 1) as [number[]];
    const m = moments(a);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.015);
    expect(Math.abs(m.kurtosis - 2.7)).toBeLessThan(0.04);
  });

  it('is a bit-exact function of the config (a hand-written twin agrees)', () => {
    const cfg = createNoiseConfig({ lanes: 3, seed: 99 });
    const src = createNoiseSource(cfg);
    const states = [...cfg.seeds];
    for (let i = 0; i < 200; i++) {
      const got = src.next();
      const want = states.map((s, l) => {
        let sum = 0;
        for (let k = 0; k < 12; k++) {
          s = xorshift32(s);
          sum += s >>> 20; // top 12 bits
        }
        states[l] = s;
        // c = 2S − 12·4095, ε = c / 2^13 in s16.12 → floor(c / 2)
        return Math.floor((2 * sum - 12 * 4095) / 2);
      });
      expect(got).toEqual(want);
    }
    expect(createNoiseSource(cfg).next()).toEqual(createNoiseSource(cfg).next());
    expect(() => createNoiseConfig({ lanes: 0 })).toThrow(InvalidArgumentError);
    expect(() => createNoiseSource({ ...cfg, seeds: [0, 1, 2] })).toThrow(InvalidArgumentError);
  });
});
