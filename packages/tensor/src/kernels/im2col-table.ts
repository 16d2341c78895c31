/** Geometry of a 2-D NHWC convolution with dilation 1, as the im2col gather needs it. */
export interface Im2colGeometry {
  /** Input height and width. */
  h: number;
  w: number;
  /** Input channels. */
  cin: number;
  /** Kernel height and width. */
  kh: number;
  kw: number;
  /** Strides. */
  sh: number;
  sw: number;
  /** Zero rows (columns) before the input. */
  top: number;
  left: number;
  /** Output height and width. */
  oh: number;
  ow: number;
}

/**
 * The gather table of one image for the im2col module (`wasm/im2col-module.ts`): i32 triples
 * `(srcByte, dstByte, bytes)`, `srcByte` relative to the image's input `[H, W, Cin]` (−1 for a run
 * of zeros), `dstByte` relative to the image's im2col rows `[OH·OW, kh·kw·Cin]` (columns ordered
 * `(i, j, ci)`, as the filter `[kh, kw, Cin, Cout]` is). Output position `(y, x)`, kernel row `i`
 * reads input row `y·sh − top + i`, columns `x·sw − left … + kw − 1`: one contiguous run of at
 * most kw·Cin floats, with zeros where it leaves the input. Adjacent runs that continue each other
 * in both source and destination are merged.
 *
 * @returns The table and its number of entries.
 */
export function im2colTable(g: Im2colGeometry): { table: Int32Array; entries: number } {
  const { h, w, cin, kh, kw, sh, sw, top, left, oh, ow } = g;
  const out: number[] = [];
  const rowBytes = kh * kw * cin * 4;
  const push = (src: number, dst: number, bytes: number) => {
    if (bytes <= 0) return;
    const n = out.length;
    if (n > 0) {
      const [ps, pd, pb] = [out[n - 3]!, out[n - 2]!, out[n - 1]!];
      const contiguous = src === -1 ? ps === -1 : ps !== -1 && ps + pb === src;
      if (contiguous && pd + pb === dst) {
        out[n - 1] = pb + bytes;
        return;
      }
    }
    out.push(src, dst, bytes);
  };
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const base = (y * ow + x) * rowBytes;
      const c0 = x * sw - left;
      const lo = Math.min(Math.max(c0, 0), c0 + kw);
      const hi = Math.max(Math.min(c0 + kw, w), lo);
      for (let i = 0; i < kh; i++) {
        const dst = base + i * kw * cin * 4;
        const r = y * sh - top + i;
        if (r < 0 || r >= h || hi === lo) {
          push(-1, dst, kw * cin * 4);
          continue;
        }
        push(-1, dst, (lo - c0) * cin * 4);
        push((r * w + lo) * cin * 4, dst + (lo - c0) * cin * 4, (hi - lo) * cin * 4);
        push(-1, dst + (hi - c0) * cin * 4, (c0 + kw - hi) * cin * 4);
      }
    }
  }
  return { table: Int32Array.from(out), entries: out.length / 3 };
}

// Gather tables per geometry (a few hundred entries each; a model has a handful of geometries).
const tables = new Map<string, { table: Int32Array; entries: number }>();

/** {@link im2colTable}, cached per geometry (up to 256 geometries, then the cache restarts). */
export function im2colTableCached(g: Im2colGeometry): { table: Int32Array; entries: number } {
  const key = [g.h, g.w, g.cin, g.kh, g.kw, g.sh, g.sw, g.top, g.left, g.oh, g.ow].join(',');
  let t = tables.get(key);
  if (t === undefined) {
    if (tables.size >= 256) tables.clear();
    t = im2colTable(g);
    tables.set(key, t);
  }
  return t;
}
