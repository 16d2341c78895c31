import { describe, expect, it } from 'vitest';
import { firstOfEachDigit, type VgaFrameRun } from './vga-frame.js';
import { vgaFigure, vgaFiles, vgaHeadlineRow, vgaNotes, vgaVerdict } from './vga-report.js';

const golden = Uint8Array.from({ length: 640 * 480 }, (_, i) => (i * 7) % 16);

function run(differing: number): VgaFrameRun {
  const captured = golden.slice();
  for (let i = 0; i < differing; i++) captured[i * 1000] = (captured[i * 1000]! + 1) % 16;
  return {
    simulator: 'verilator',
    walk: 'BTNC',
    startDigits: [0, 1],
    z: [0, 0],
    pass: differing === 0,
    differing,
    nonGrey: 0,
    litInBlanking: 0,
    compileMs: 1000,
    runMs: 2000,
    cycles: 1_714_628,
    idleAt: 20_000,
    captured,
    golden,
    note: '',
  };
}

const board = {
  top: 'a',
  sources: ['a.v'],
  files: { 'a.v': 'module a; endmodule\n', 'a.xdc': '# pins\n' },
  xdc: '# pins\n',
} as never;

describe('VGA frame in the verilog report', () => {
  it('states whether the captured frame equals the golden image', () => {
    expect(vgaVerdict(run(0))).toBe('captured frame equals golden image: yes (0 differing pixels)');
    expect(vgaVerdict(run(3))).toBe('captured frame equals golden image: no (3 differing pixels)');
    expect(vgaNotes(run(3), undefined)[0]).toContain('FAIL');
    expect(vgaHeadlineRow(run(0), undefined).slice(0, 2)).toEqual([
      'MNIST decoder + VGA top',
      'frame = golden: yes (verilator)',
    ]);
  });

  it('shows both frames at half size and writes full-size PNGs', () => {
    const f = vgaFigure(run(0));
    expect([f.rows, f.cols, f.width, f.height]).toEqual([1, 2, 320, 240]);
    const px = Buffer.from(f.pixels, 'base64');
    expect(px.length).toBe(2 * 320 * 240);
    expect(px[321]).toBe(golden[2 * 640 + 2]! * 17);
    expect(px.subarray(0, 76_800).equals(px.subarray(76_800))).toBe(true);
    const files = vgaFiles(run(0), board, undefined);
    const png = files['mnist-vga/captured-frame.png'] as Uint8Array;
    expect(Array.from(png.subarray(1, 4), (c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([640, 480]);
    expect(files['mnist-vga/a.v']).toContain('module a');
    // The board folder builds in Vivado: its scripts are there.
    expect(files['mnist-vga/build.tcl']).toContain('synth_design -top $top');
    expect(files['mnist-vga/program.tcl']).toContain('program_hw_devices');
  });

  it('picks the first test image of each digit', () => {
    expect(firstOfEachDigit(Uint8Array.from([3, 1, 3, 0, 1]))).toEqual({
      rows: [3, 1, 0],
      digits: [0, 1, 3],
    });
  });
});
