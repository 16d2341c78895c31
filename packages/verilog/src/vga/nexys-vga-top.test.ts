import { type QuantizedMlp, quantizeMlp } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { generateMlp } from '../design/generate-mlp.js';
import { VerilogError } from '../errors/verilog-error.js';
import { nexysVgaTop } from './nexys-vga-top.js';

function imageModel(): QuantizedMlp {
  const n = 2 * 16;
  return quantizeMlp(
    {
      layers: [
        {
          inFeatures: 2,
          outFeatures: 16,
          weight: Float64Array.from({ length: n }, (_, i) => Math.sin(i) / 2),
          bias: new Float64Array(16),
          activation: 'sigmoid',
          name: 'out',
        },
      ],
    },
    { calibration: Float64Array.from([1, -1, 0.5, 0.25]), bits: 12 },
  );
}

describe('nexysVgaTop', () => {
  const core = generateMlp(imageModel(), { name: 'img' });
  const b = nexysVgaTop(core, {
    startVectors: [
      [0, 0],
      [16, -16],
      [1, 1],
    ],
  });

  it('has the board pins as ports, synchronizers with ASYNC_REG and a registered VGA output', () => {
    const top = b.files['img_vga.v']!;
    expect(top).toMatch(/module img_vga #\(\n\s+parameter integer DEBOUNCE_CYCLES = 1000000/);
    for (const p of [
      'CLK100MHZ',
      'CPU_RESETN',
      '[15:0] SW',
      'BTNU',
      'BTND',
      'BTNC',
      'VGA_HS',
      'VGA_VS',
    ]) {
      expect(top).toContain(p);
    }
    expect(top.match(/\(\* ASYNC_REG = "TRUE" \*\)/g)).toHaveLength(4);
    expect(b.files['lk_debounce.v']).toContain('(* ASYNC_REG = "TRUE" *) reg sync1');
    const display = b.files['img_vga_display.v']!;
    expect(display).toContain('(* ram_style = "block" *) reg [3:0] fb [0:15];');
    expect(display).toMatch(/vga_r <= level;/);
    expect(b.sources.every((s) => b.files[s] !== undefined)).toBe(true);
    expect(b.sources.at(-1)).toBe('img_vga.v');
    expect(top).toContain(".hex({dim8, 4'd0, sel4, code16})");
    expect(top).toContain('assign {CG, CF, CE, CD, CC, CB, CA} = seg_n;');
  });

  it('derives the controls: 2 start vectors need SW[13:12], step 0.25, limit ±3', () => {
    const fmt = core.io.inputFormat;
    expect(b.vga.controls).toMatchObject({ dimBits: 1, startBits: 2, step: 2 ** (fmt.frac - 2) });
    expect(b.vga.controls.max).toBe(Math.min(2 ** (fmt.width - 1) - 1, 3 * 2 ** fmt.frac));
    expect(b.files['img_vga_walk.v']).toContain("3'd5: rom_q =");
    expect(b.vga.layout).toMatchObject({ imageWidth: 4, scale: 64 });
  });

  it('constrains every port with the Nexys4 DDR sites', () => {
    for (const [port, site] of [
      ['VGA_R[0]', 'A3'],
      ['VGA_R[3]', 'A4'],
      ['VGA_G[0]', 'C6'],
      ['VGA_B[3]', 'D8'],
      ['VGA_HS', 'B11'],
      ['VGA_VS', 'B12'],
      ['BTNC', 'N17'],
      ['BTNU', 'M18'],
      ['BTND', 'P18'],
      ['SW[15]', 'V10'],
      ['CA', 'T10'],
      ['CG', 'L18'],
      ['DP', 'H15'],
      ['AN[0]', 'J17'],
      ['AN[7]', 'U13'],
    ] as [string, string][]) {
      expect(b.xdc).toMatch(
        new RegExp(
          `PACKAGE_PIN ${site} IOSTANDARD LVCMOS33 \\} \\[get_ports \\{?${port.replace(/[[\]]/g, '\\$&')}\\}?\\]`,
        ),
      );
    }
    expect(b.xdc).toContain('PACKAGE_PIN T8 IOSTANDARD LVCMOS18 } [get_ports {SW[8]}]');
    expect(b.files['img_vga.xdc']).toBe(b.xdc);
    expect(b.xdc).not.toContain('UART');
  });

  it('refuses bad options', () => {
    expect(() => nexysVgaTop(core, { startVectors: [[0]] })).toThrow(VerilogError);
    expect(() => nexysVgaTop(core, { startVectors: [[0, 1e9]] })).toThrow();
    expect(() => nexysVgaTop(core, { stepCodes: 0 })).toThrow(/stepCodes/);
    expect(() => nexysVgaTop(core, { debounceCycles: 2 ** 24 })).toThrow(/debounce/);
    expect(() => nexysVgaTop(core, { scale: 3 })).toThrow(/power of two/);
    expect(() => nexysVgaTop(core, { scael: 2 } as never)).toThrow(/scael/);
  });
});
