import { describe, expect, it } from 'vitest';
import { imageFigure, toGreyBytes } from './image-figure.js';

describe('toGreyBytes', () => {
  it('scales [0, 1] to 0–255 with rounding, clamping outside values and NaN', () => {
    expect([...toGreyBytes([0, 1, 0.5, 0.002, -0.3, 1.7, Number.NaN])]).toEqual([
      0, 255, 128, 1, 0, 255, 0,
    ]);
  });
});

describe('imageFigure', () => {
  it('stores the bytes base64-encoded with the grid geometry', () => {
    const values = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i / 23);
    const f = imageFigure(values, { title: 't', rows: 2, cols: 3, height: 2, width: 2 });
    expect([f.rows, f.cols, f.height, f.width]).toEqual([2, 3, 2, 2]);
    const bytes = Buffer.from(f.pixels, 'base64');
    expect(bytes.length).toBe(24);
    expect(bytes[23]).toBe(255);
    expect(bytes[1]).toBe(Math.round((1 / 23) * 255));
  });

  it('rejects a wrong number of values or row labels', () => {
    expect(() => imageFigure(new Float32Array(783), { title: 't', rows: 1, cols: 1 })).toThrow(
      RangeError,
    );
    expect(() =>
      imageFigure(new Float32Array(784 * 2), { title: 't', rows: 2, cols: 1, rowLabels: ['a'] }),
    ).toThrow(RangeError);
  });
});
