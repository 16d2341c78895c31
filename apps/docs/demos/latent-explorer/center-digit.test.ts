import { describe, expect, it } from 'vitest';
import { centerDigit } from './center-digit.js';

/** A size × size drawing with a filled rectangle [x0, x1) × [y0, y1). */
function rect(size: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const out = new Float32Array(size * size);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out[y * size + x] = 1;
  return out;
}

function stats(img: Float32Array) {
  let mass = 0;
  let mx = 0;
  let my = 0;
  let x0 = 28;
  let x1 = -1;
  let y0 = 28;
  let y1 = -1;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const v = img[y * 28 + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
      if (v > 0.05) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return { mass, cx: mx / mass, cy: my / mass, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

describe('centerDigit', () => {
  it('scales an off-centre stroke into a 20-pixel box and centres its mass', () => {
    const drawing = rect(196, 10, 20, 40, 140); // tall bar in the top-left corner: 30 × 120 px
    const s = stats(centerDigit(drawing, 196));
    expect(s.h).toBeGreaterThanOrEqual(20);
    expect(s.h).toBeLessThanOrEqual(21); // 20 px plus anti-aliasing
    expect(s.w).toBeGreaterThanOrEqual(5);
    expect(s.w).toBeLessThanOrEqual(6); // 30 · 20 / 120 = 5
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
  });

  it('moves an asymmetric shape so the centre of mass (not the box) is centred', () => {
    const d = rect(100, 20, 20, 80, 30); // top bar
    const stem = rect(100, 20, 20, 30, 80); // left stem: an "L" rotated (Γ)
    for (let i = 0; i < d.length; i++) d[i] = Math.max(d[i]!, stem[i]!);
    const s = stats(centerDigit(d, 100));
    expect(Math.abs(s.cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(s.cy - 14)).toBeLessThanOrEqual(0.5);
  });

  it('keeps values in [0, 1], returns zeros for an empty drawing, checks the size', () => {
    const out = centerDigit(rect(50, 5, 5, 45, 45), 50);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(centerDigit(new Float32Array(2500), 50).every((v) => v === 0)).toBe(true);
    expect(() => centerDigit(new Float32Array(10), 50)).toThrow(RangeError);
  });

  it('is close to the identity on an MNIST-like centred 20 × 20 digit', () => {
    // A 28 × 28 drawing whose ink box is already 20 × 20 and mass-centred.
    const img = rect(28, 4, 4, 24, 24);
    const out = centerDigit(img, 28);
    let diff = 0;
    for (let i = 0; i < 784; i++) diff += Math.abs(out[i]! - img[i]!);
    expect(diff / 784).toBeLessThan(0.04); // only the edges are softened (bilinear sampling)
    expect(stats(out).mass / stats(img).mass).toBeCloseTo(1, 1);
  });
});
