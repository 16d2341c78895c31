import { fixedFormat } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { greyLevel, greyLevelVerilog } from './grey-level.js';

describe('greyLevel', () => {
  it('cuts [0, 1] into 16 bins, clamping 1.0 and above to 15 and negatives to 0', () => {
    const f = fixedFormat(16, 15);
    expect([0, 2047, 2048, 4096, 32767, -1, -32768].map((c) => greyLevel(c, f))).toEqual([
      0, 0, 1, 2, 15, 0, 0,
    ]);
    const g = fixedFormat(8, 2); // frac < 4: a left shift
    expect([1, 3, 4, -2].map((c) => greyLevel(c, g))).toEqual([4, 12, 15, 0]);
  });

  it('emits the same function as a shift and a clamp', () => {
    const v = greyLevelVerilog('d', 'lv', 'gl', fixedFormat(16, 15));
    expect(v).toContain('gl_wide >>> 11');
    expect(v).toContain(
      "wire [3:0] lv = gl_sh[15] ? 4'd0 : (gl_sh > 16'sd15) ? 4'd15 : gl_sh[3:0];",
    );
    expect(greyLevelVerilog('d', 'lv', 'gl', fixedFormat(8, 2))).toContain('gl_wide <<< 2');
  });
});
