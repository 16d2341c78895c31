import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { vgaLayout, vgaScreen } from './vga-layout.js';

describe('vgaLayout', () => {
  it('scales 28×28 by 16 and centres it on 640×480', () => {
    const l = vgaLayout(784);
    expect(l).toMatchObject({ imageWidth: 28, imageHeight: 28, scale: 16, x0: 96, y0: 16 });
    expect(l).toMatchObject({ border: 8, borderLevel: 8, background: 1 });
  });

  it('refuses a scale that does not fit or is not a power of two, and bad levels', () => {
    expect(() => vgaLayout(784, { scale: 32 })).toThrow(VerilogError);
    expect(() => vgaLayout(784, { scale: 12 })).toThrow(/power of two/);
    expect(() => vgaLayout(785)).toThrow(/imageWidth/);
    expect(() => vgaLayout(784, { background: 16 })).toThrow(/grey level/);
  });

  it('draws image blocks, the frame and the background', () => {
    const l = vgaLayout(4, { scale: 2, border: 1, borderLevel: 9, background: 3 });
    expect(l).toMatchObject({ imageWidth: 2, x0: 318, y0: 238 });
    const s = vgaScreen([5, 6, 7, 15], l);
    const at = (x: number, y: number) => s[y * 640 + x];
    expect([at(318, 238), at(319, 239), at(320, 238), at(318, 240), at(321, 241)]).toEqual([
      5, 5, 6, 7, 15,
    ]);
    expect([at(317, 238), at(322, 241), at(318, 237), at(0, 0), at(639, 479)]).toEqual([
      9, 9, 9, 3, 3,
    ]);
    expect(() => vgaScreen([1, 2, 3], l)).toThrow(/4 grey levels/);
  });
});
