import { describe, expect, it } from 'vitest';
import { smallImageDecoder } from '../../test/vga.testutil.js';
import { generateMlp } from '../design/generate-mlp.js';
import { nexysVgaTop } from './nexys-vga-top.js';
import { VGA_SAMPLES_FILE, vgaBench } from './vga-harness.js';

describe('vgaBench', () => {
  const board = nexysVgaTop(generateMlp(smallImageDecoder(), { name: 'tiny' }));

  it('plays the actions with a short debouncer and samples 525 lines of 800 slots', () => {
    const b = vgaBench(board, {
      resetSwitches: 0x1000,
      actions: [{ switches: 2, button: 'down' }, { switches: 3 }],
      debounceCycles: 4,
    });
    const h = b.files[`${b.harness}.v`]!;
    expect(h).toContain('tiny_vga #(.DEBOUNCE_CYCLES(4)) dut');
    expect(h).toContain("0: begin act_sw = 16'd2; act_btn = 2'd2; end");
    expect(h).toContain("1: begin act_sw = 16'd3; act_btn = 2'd0; end");
    expect(h).toContain('localparam integer N_ACT = 2, HOLD = 12;');
    expect(h).toContain('line <= 525');
    expect(h).toContain('slot_clk / 4 < 800');
    expect(b.files[`${b.verilogTop}.v`]).toContain(`$fopen("${VGA_SAMPLES_FILE}", "w")`);
    expect(b.files[b.cxxFile]).toContain('%04x');
  });

  it('refuses unknown options', () => {
    expect(() => vgaBench(board, { action: [] } as never)).toThrow(/action/);
  });
});
