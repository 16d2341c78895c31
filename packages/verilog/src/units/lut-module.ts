import { quoteForMessage } from '@latentkit/core';
import type { FixedFormat, LutUnit, RoundingMode } from '@latentkit/quantize';
import { VerilogError } from '../errors/verilog-error.js';
import { hexFile } from '../hdl/hex.js';
import { requantInstance } from '../hdl/requant-module.js';
import { checkWidth, sconst, uconst, verilogString } from '../hdl/verilog-text.js';
import { fullPipeline, type UnitModule, unitPorts, validPipe } from './unit-module.js';

/** Options of {@link lutModule}. */
export interface LutModuleOptions {
  /** `rom_style` of the table: `'block'` (BRAM), `'distributed'` (LUTRAM) or `'auto'`. */
  romStyle?: 'block' | 'distributed' | 'auto';
  /**
   * Clock the unit is built for, MHz (default 100). Above `FULL_PIPELINE_ABOVE_MHZ` (50) the
   * interpolating unit is fully pipelined (latency 6): block-RAM output register, `slope` in its
   * own stage, registered multiply (DSP48E1 MREG) and post-add (PREG), rounding and saturation in
   * the last stage — every register-to-register path ≤ 6.5 ns of logic on the 7 series. At or below
   * it, the short form (latency 2). Non-interpolating units always have latency 1.
   */
  targetClockMHz?: number;
}

/**
 * The attribute line for a ROM style (empty for `'auto'`).
 *
 * @throws {@link VerilogError} (`bad-option`) for a style outside `'block' | 'distributed' |
 *   'auto'` (it is written inside a string literal of an attribute).
 */
export function romStyleAttribute(style: 'block' | 'distributed' | 'auto'): string {
  if (style !== 'block' && style !== 'distributed' && style !== 'auto') {
    throw new VerilogError(
      'bad-option',
      `rom_style must be 'block', 'distributed' or 'auto', got ${quoteForMessage(style)}`,
    );
  }
  return style === 'auto' ? '' : `(* rom_style = "${style}" *) `;
}

/**
 * A lookup-table unit (sigmoid, tanh or exp(v/2)), the twin of `lutCode`: the table lives in a
 * ROM with synchronous read initialized by `$readmemh` from `<name>.hex`.
 *
 * - Without interpolation: address `d = x − start` clamped to `[0, N − 1]` after `>> stepShift`;
 *   latency 1 (the ROM's output register is the result).
 * - With interpolation: two read ports fetch `t[i]` and `t[i+1]`; the exact value
 *   `t[i]·2^s + (t[i+1] − t[i])·offset` is rounded once into the output format (one
 *   multiplier). Out-of-range inputs read the end entries with offset 0, which rounds back to the
 *   entry exactly, as in the golden model. Latency 2, or 6 when `targetClockMHz` is above
 *   `FULL_PIPELINE_ABOVE_MHZ` (50; the default 100 MHz is): read, block-RAM output register,
 *   `slope = t[i+1] − t[i]`, product (MREG), sum (PREG), rounding — same codes.
 */
export function lutModule(
  name: string,
  unit: LutUnit,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
  options: LutModuleOptions = {},
): UnitModule {
  const wi = inFormat.width;
  const wo = outFormat.width;
  const s = unit.stepShift;
  const n = 2 ** unit.addressBits;
  const depth = unit.table.length;
  const aw = unit.addressBits + (unit.interpolate ? 1 : 0);
  const dw = checkWidth(Math.max(wi, 2) + 2, `${name}: LUT offset`);
  const iw = Math.max(dw - s, 2);
  const file = `${name}.hex`;
  const attr = romStyleAttribute(options.romStyle ?? 'block');
  const head =
    `// LUT unit '${unit.fn}': ${n} segments of 2^${s} input codes from code ${unit.start}` +
    `${unit.interpolate ? ', linear interpolation' : ''}.\n` +
    unitPorts(name, wi, wo) +
    `  ${attr}reg [${wo - 1}:0] rom [0:${depth - 1}];\n` +
    `  initial $readmemh(${verilogString(file)}, rom);\n` +
    `  wire signed [${dw - 1}:0] d = din - ${sconst(unit.start, dw)}; // offset from the table start\n` +
    `  wire [${iw - 1}:0] idx = d[${dw - 1}:${Math.min(s, dw - 2)}];\n` +
    `  wire below = d[${dw - 1}];\n` +
    `  wire above = !below && (idx >= ${uconst(n, Math.max(iw, unit.addressBits + 1))});\n`;
  const files = { [file]: hexFile(unit.table, wo, `${name}: ${unit.fn} table, ${depth} words`) };
  if (!unit.interpolate) {
    const text =
      head +
      `  wire [${aw - 1}:0] addr = below ? 0 : above ? ${uconst(n - 1, aw)} : idx[${aw - 1}:0];\n` +
      validPipe(1) +
      `  always @(posedge clk) dout <= rom[addr];\n` +
      `endmodule\n`;
    return { name, text, latency: 1, files };
  }
  const ow = s + 1; // offset as a non-negative signed number
  const vw = checkWidth(wo + s + 2, `${name}: LUT interpolation`);
  const offset =
    s === 0
      ? `  wire signed [1:0] off0 = 2'sd0;\n`
      : `  wire signed [${ow - 1}:0] off0 = (below || above) ? 0 : {1'b0, d[${s - 1}:0]};\n`;
  const addrs =
    `  wire [${aw - 1}:0] addr_a = below ? 0 : above ? ${uconst(n, aw)} : idx[${aw - 1}:0];\n` +
    `  wire [${aw - 1}:0] addr_b = (below || above) ? addr_a : addr_a + 1'b1;\n` +
    offset;
  const offw = s === 0 ? 2 : ow;
  const round = (input: string) =>
    `  wire signed [${wo - 1}:0] y;\n` +
    requantInstance({
      instance: 'u_round',
      input,
      output: 'y',
      inWidth: vw,
      fromFrac: outFormat.frac + s,
      to: outFormat,
      rounding,
      overflow: 'saturate',
    });
  if (fullPipeline(options.targetClockMHz)) {
    const text =
      head +
      addrs +
      `  // 1: synchronous read; 2: block-RAM output register (DOA_REG / DOB_REG)\n` +
      `  reg signed [${wo - 1}:0] ta1, tb1, ta2, tb2;\n` +
      `  reg signed [${offw - 1}:0] off1, off2, off3, off4;\n` +
      `  always @(posedge clk) begin\n` +
      `    ta1 <= rom[addr_a];\n    tb1 <= rom[addr_b];\n    off1 <= off0;\n` +
      `    ta2 <= ta1;\n    tb2 <= tb1;\n    off2 <= off1;\n  end\n` +
      `  // 3: slope; 4: product (MREG); 5: exact value t[i]*2^${s} + slope*offset (PREG), frac = output frac + ${s}\n` +
      `  reg signed [${wo}:0] slope3;\n  reg signed [${wo - 1}:0] ta3, ta4;\n` +
      `  reg signed [${vw - 1}:0] p4, v5;\n` +
      `  always @(posedge clk) begin\n` +
      `    slope3 <= tb2 - ta2;\n    ta3 <= ta2;\n    off3 <= off2;\n` +
      `    p4 <= slope3 * off3;\n    ta4 <= ta3;\n    off4 <= off3;\n` +
      `    v5 <= (ta4 <<< ${s}) + p4;\n  end\n` +
      `  // 6: rounding and saturation\n` +
      round('v5') +
      validPipe(6) +
      `  always @(posedge clk) dout <= y;\n` +
      `endmodule\n`;
    return { name, text, latency: 6, files };
  }
  const text =
    head +
    addrs +
    `  reg signed [${wo - 1}:0] ta, tb;\n` +
    `  reg signed [${offw - 1}:0] off1;\n` +
    `  always @(posedge clk) begin\n` +
    `    ta <= rom[addr_a];\n    tb <= rom[addr_b];\n    off1 <= off0;\n  end\n` +
    `  // exact interpolated value, frac = output frac + ${s}\n` +
    `  wire signed [${wo}:0] slope = tb - ta;\n` +
    `  wire signed [${vw - 1}:0] v = (ta <<< ${s}) + slope * off1;\n` +
    round('v') +
    validPipe(2) +
    `  always @(posedge clk) dout <= y;\n` +
    `endmodule\n`;
  return { name, text, latency: 2, files };
}
