/**
 * The seven-segment driver of the VGA top in Icarus Verilog: over one refresh cycle each digit's
 * anode is driven alone, with the cathode pattern of its hex digit, and blanked digits stay dark.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../src/node/run-process.js';
import { writeFiles } from '../src/node/work-dir.js';
import {
  HEX_SEGMENTS,
  SEVEN_SEGMENT_MODULE,
  SEVEN_SEGMENT_NAME,
} from '../src/vga/seven-segment-module.js';
import { iverilogAvailable } from './sim-env.testutil.js';

const TB = `module tb;
  reg clk = 0, rst = 1;
  always #5 clk = ~clk;
  wire [6:0] seg_n;
  wire [7:0] an_n;
  ${SEVEN_SEGMENT_NAME} u (.clk(clk), .rst(rst), .hex(32'h9a3f_c05e), .blank(8'b0010_0000), .seg_n(seg_n), .an_n(an_n));
  integer n;
  initial begin
    repeat (3) @(posedge clk);
    rst = 0;
    for (n = 0; n < 8 * 16384 + 8; n = n + 1) begin
      @(posedge clk);
      if (n % 4096 == 100) $display("AN %b SEG %b", an_n, seg_n);
    end
    $finish;
  end
endmodule
`;

describe('lk_seven_seg', () => {
  it('multiplexes the eight hex digits, active low, with the blanked digit dark', async () => {
    if (!iverilogAvailable()) return;
    const dir = writeFiles({ 'seg.v': SEVEN_SEGMENT_MODULE, 'tb.v': TB });
    await runProcess('iverilog', ['-g2001', '-o', 'seg.vvp', 'seg.v', 'tb.v'], { cwd: dir });
    const out = (await runProcess('vvp', ['-n', join(dir, 'seg.vvp')], { cwd: dir })).stdout;
    const seen = new Map<number, number>();
    let dark = 0;
    for (const m of out.matchAll(/AN ([01]{8}) SEG ([01]{7})/g)) {
      const an = Number.parseInt(m[1]!, 2);
      if (an === 0xff) {
        dark++;
        continue;
      }
      const digit = [0, 1, 2, 3, 4, 5, 6, 7].find((i) => an === (0xff ^ (1 << i)));
      expect(digit).toBeDefined();
      seen.set(digit!, 0x7f ^ Number.parseInt(m[2]!, 2));
    }
    const hex = [0xe, 0x5, 0x0, 0xc, 0xf, 0x3, 0xa, 0x9]; // 0x9a3fc05e, digit 0 first
    for (const i of [0, 1, 2, 3, 4, 6, 7]) expect(seen.get(i)).toBe(HEX_SEGMENTS[hex[i]!]);
    expect(seen.has(5)).toBe(false);
    expect(dark).toBeGreaterThan(0);
  });
});
