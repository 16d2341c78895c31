import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { createRng, toRng } from './rng.js';

const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]): number => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

describe('createRng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = draw(100, () => a.nextUint32());
    expect(draw(100, () => b.nextUint32())).toEqual(seqA);
    expect(draw(100, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('takes the seed modulo 2^32 and refuses non-integers', () => {
    expect(createRng(2 ** 32 + 5).seed).toBe(5);
    expect(createRng(2 ** 32 + 5).next()).toBe(createRng(5).next());
    expect(() => createRng(1.5)).toThrow(InvalidArgumentError);
    expect(() => createRng(Number.NaN)).toThrow(InvalidArgumentError);
  });

  it('draws uniform [0, 1) floats: mean 1/2, variance 1/12 (100k draws, 5 standard errors)', () => {
    const rng = createRng(1);
    const xs = draw(100_000, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // standard error of the mean: sqrt(1/12 / 1e5) ≈ 9.1e-4; of the variance ≈ 2.4e-4
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(5 * 9.1e-4);
    expect(Math.abs(variance(xs) - 1 / 12)).toBeLessThan(5 * 2.4e-4);
  });

  it('draws unbiased integers: a chi-square test on 60k rolls of int(6)', () => {
    const rng = createRng(2);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    const chi2 = counts.reduce((a, c) => a + (c - 10_000) ** 2 / 10_000, 0);
    // 5 degrees of freedom: P(chi2 > 20.5) ≈ 0.001
    expect(chi2).toBeLessThan(20.5);
    expect(() => rng.int(0)).toThrow(InvalidArgumentError);
    expect(() => rng.int(2.5)).toThrow(InvalidArgumentError);
  });

  it('draws standard normals: mean 0, variance 1, symmetric tails (100k draws)', () => {
    const rng = createRng(3);
    const xs = draw(100_000, () => rng.normal());
    expect(Math.abs(mean(xs))).toBeLessThan(5 * Math.sqrt(1 / 1e5));
    expect(Math.abs(variance(xs) - 1)).toBeLessThan(5 * Math.sqrt(2 / 1e5));
    // P(|z| > 1.96) = 0.05
    const tail = xs.filter((x) => Math.abs(x) > 1.96).length / xs.length;
    expect(Math.abs(tail - 0.05)).toBeLessThan(0.004);
  });

  it('forks independent streams without advancing the parent', () => {
    const parent = createRng(7);
    const untouched = createRng(7);
    const f1 = parent.fork('init');
    const f2 = parent.fork('noise');
    expect(parent.next()).toBe(untouched.next());
    expect(createRng(7).fork('init').next()).toBe(f1.next());
    // the two forks are uncorrelated: |r| below 5/sqrt(n)
    const n = 20_000;
    const a = draw(n, () => f1.next() - 0.5);
    const b = draw(n, () => f2.next() - 0.5);
    const r =
      a.reduce((s, x, i) => s + x * (b[i] as number), 0) /
      Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0));
    expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('gives tfjs op seeds in [0, 2^31) and normalizes a SeedLike', () => {
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++) {
      const s = rng.seedForOp();
      expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
    }
    const existing = createRng(1);
    expect(toRng(existing)).toBe(existing);
    expect(toRng(5).next()).toBe(createRng(5).next());
  });
});
