import { describe, expect, it } from 'vitest';
import { type Im2colGeometry, im2colTable } from './im2col-table.js';

/** Replays a table on one image (element indices = byte offsets / 4), NaN where never written. */
function replay(g: Im2colGeometry, image: Float64Array): Float64Array {
  const { table, entries } = im2colTable(g);
  const out = new Float64Array(g.oh * g.ow * g.kh * g.kw * g.cin).fill(Number.NaN);
  for (let e = 0; e < entries; e++) {
    const [src, dst, bytes] = [table[3 * e]!, table[3 * e + 1]!, table[3 * e + 2]!];
    expect(bytes % 4).toBe(0);
    expect(bytes).toBeGreaterThan(0);
    for (let k = 0; k < bytes / 4; k++) {
      expect(Number.isNaN(out[dst / 4 + k]!)).toBe(true); // each element written once
      out[dst / 4 + k] = src === -1 ? 0 : image[src / 4 + k]!;
    }
  }
  return out;
}

/** im2col straight from the definition. */
function naive(g: Im2colGeometry, image: Float64Array): Float64Array {
  const out: number[] = [];
  for (let y = 0; y < g.oh; y++) {
    for (let x = 0; x < g.ow; x++) {
      for (let i = 0; i < g.kh; i++) {
        for (let j = 0; j < g.kw; j++) {
          const r = y * g.sh - g.top + i;
          const c = x * g.sw - g.left + j;
          for (let ci = 0; ci < g.cin; ci++) {
            const inside = r >= 0 && r < g.h && c >= 0 && c < g.w;
            out.push(inside ? image[(r * g.w + c) * g.cin + ci]! : 0);
          }
        }
      }
    }
  }
  return Float64Array.from(out);
}

describe('im2colTable', () => {
  const geometries: Im2colGeometry[] = [
    { h: 5, w: 7, cin: 3, kh: 3, kw: 3, sh: 1, sw: 1, top: 1, left: 1, oh: 5, ow: 7 },
    { h: 9, w: 9, cin: 1, kh: 3, kw: 3, sh: 2, sw: 2, top: 1, left: 1, oh: 5, ow: 5 },
    { h: 6, w: 7, cin: 2, kh: 3, kw: 2, sh: 1, sw: 2, top: 2, left: 1, oh: 6, ow: 5 },
    { h: 3, w: 3, cin: 2, kh: 5, kw: 5, sh: 1, sw: 1, top: 2, left: 2, oh: 3, ow: 3 },
    { h: 4, w: 4, cin: 5, kh: 1, kw: 1, sh: 1, sw: 1, top: 0, left: 0, oh: 4, ow: 4 },
    { h: 15, w: 15, cin: 3, kh: 4, kw: 4, sh: 2, sw: 2, top: 0, left: 0, oh: 6, ow: 6 },
  ];
  it.each(geometries)('replays to the naive im2col (%o)', (g) => {
    const image = Float64Array.from({ length: g.h * g.w * g.cin }, (_, i) => i + 1);
    expect(Array.from(replay(g, image))).toEqual(Array.from(naive(g, image)));
  });

  it('merges runs: a 1×1 stride-1 kernel is one copy', () => {
    const g = { h: 4, w: 4, cin: 5, kh: 1, kw: 1, sh: 1, sw: 1, top: 0, left: 0, oh: 4, ow: 4 };
    expect(im2colTable(g).entries).toBe(1);
  });
});
