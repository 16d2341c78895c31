import type { FixedFormat, RoundingMode } from '@latentkit/quantize';
import { requantInstance } from '../hdl/requant-module.js';
import { checkWidth, sconst, signedBits } from '../hdl/verilog-text.js';
import { type UnitModule, unitPorts, validPipe } from './unit-module.js';

/**
 * The seed design's 5th-order Taylor sigmoid `½ + x/4 − x³/48 + x⁵/480` as a 4-stage multiplier
 * pipeline, the twin of `sigmoidTaylorCode` (internal fraction `G = max(2, outFrac + guardBits)`,
 * every `⌊·⌋` an arithmetic right shift of the full-width product, constants
 * `k3 = round(2^G/48)`, `k5 = round(2^G/480)`, one final rounding). Five multipliers; latency 5.
 */
export function taylorModule(
  name: string,
  guardBits: number,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): UnitModule {
  const G = Math.max(2, outFormat.frac + guardBits);
  const F = inFormat.frac;
  const wi = inFormat.width;
  const one = 1n << BigInt(G);
  const k3 = (2n * one + 48n) / 96n;
  const k5 = (2n * one + 480n) / 960n;
  const k3w = signedBits(k3);
  const k5w = signedBits(k5);
  const w = (n: number, what: string) => checkWidth(Math.max(2, n), `${name}: Taylor ${what}`);
  const xw = w(wi + Math.max(0, G - F), 'x');
  const x2w = w(2 * xw - G + 1, 'x²');
  const x3w = w(x2w + xw - G + 1, 'x³');
  const x5w = w(x3w + x2w - G + 1, 'x⁵');
  const t3w = w(k3w + x3w - G + 1, 'k3·x³');
  const t5w = w(k5w + x5w - G + 1, 'k5·x⁵');
  const yw = w(Math.max(xw, t3w, t5w, G + 1) + 2, 'sum');
  const xg =
    G >= F
      ? `  wire signed [${xw - 1}:0] xg0 = din <<< ${G - F};\n`
      : `  wire signed [${xw - 1}:0] xg0 = din >>> ${F - G};\n`;
  // floor(a·b / 2^G) of the full product, kept in `outW` bits (the value provably fits).
  const mulShift = (out: string, outW: number, a: string, aw: number, b: string, bw: number) =>
    `${checkWidth(aw + bw, `${name}: Taylor product ${out}`) && ''}` +
    `  wire signed [${aw + bw - 1}:0] ${out}_full = ${a} * ${b};\n` +
    `  wire signed [${aw + bw - 1}:0] ${out}_shr = ${out}_full >>> ${G};\n` +
    `  wire signed [${outW - 1}:0] ${out} = ${out}_shr[${Math.min(outW, aw + bw) - 1}:0];\n`;
  const text =
    `// Taylor sigmoid unit (the seed design): 1/2 + x/4 - x^3/48 + x^5/480, internal frac ${G}.\n` +
    `// Accurate near 0 only: |error| > 0.01 beyond |x| ~ 1.8 (see @latentkit/quantize).\n` +
    unitPorts(name, wi, outFormat.width) +
    `  wire signed [${k3w - 1}:0] k3 = ${sconst(k3, k3w)}; // round(2^${G}/48)\n` +
    `  wire signed [${k5w - 1}:0] k5 = ${sconst(k5, k5w)}; // round(2^${G}/480)\n` +
    xg +
    `  // stage 1\n` +
    `  reg signed [${xw - 1}:0] xg1;\n` +
    `  always @(posedge clk) xg1 <= xg0;\n` +
    mulShift('x2', x2w, 'xg1', xw, 'xg1', xw) +
    `  // stage 2\n` +
    `  reg signed [${xw - 1}:0] xg2;\n  reg signed [${x2w - 1}:0] x2_2;\n` +
    `  always @(posedge clk) begin\n    xg2 <= xg1;\n    x2_2 <= x2;\n  end\n` +
    mulShift('x3', x3w, 'x2_2', x2w, 'xg2', xw) +
    `  // stage 3\n` +
    `  reg signed [${xw - 1}:0] xg3;\n  reg signed [${x2w - 1}:0] x2_3;\n  reg signed [${x3w - 1}:0] x3_3;\n` +
    `  always @(posedge clk) begin\n    xg3 <= xg2;\n    x2_3 <= x2_2;\n    x3_3 <= x3;\n  end\n` +
    mulShift('x5', x5w, 'x3_3', x3w, 'x2_3', x2w) +
    mulShift('t3', t3w, 'k3', k3w, 'x3_3', x3w) +
    `  // stage 4\n` +
    `  reg signed [${xw - 1}:0] xg4;\n  reg signed [${t3w - 1}:0] t3_4;\n  reg signed [${x5w - 1}:0] x5_4;\n` +
    `  always @(posedge clk) begin\n    xg4 <= xg3;\n    t3_4 <= t3;\n    x5_4 <= x5;\n  end\n` +
    mulShift('t5', t5w, 'k5', k5w, 'x5_4', x5w) +
    `  wire signed [${yw - 1}:0] half = ${sconst(one >> 1n, yw)};\n` +
    `  wire signed [${yw - 1}:0] v = half + (xg4 >>> 2) - t3_4 + t5;\n` +
    `  wire signed [${outFormat.width - 1}:0] y;\n` +
    requantInstance({
      instance: 'u_round',
      input: 'v',
      output: 'y',
      inWidth: yw,
      fromFrac: G,
      to: outFormat,
      rounding,
      overflow: 'saturate',
    }) +
    validPipe(5) +
    `  always @(posedge clk) dout <= y;\n` +
    `endmodule\n`;
  return { name, text, latency: 5, files: {} };
}
