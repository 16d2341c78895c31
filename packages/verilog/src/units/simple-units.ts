import type { FixedFormat, LeakyReluUnit, RoundingMode } from '@latentkit/quantize';
import { requantInstance } from '../hdl/requant-module.js';
import { checkWidth, sconst, signedBits } from '../hdl/verilog-text.js';
import { type UnitModule, unitPorts, validPipe } from './unit-module.js';

/**
 * `identity` and `relu` units: the exact value `x` (or `max(x, 0)`) at the input's fraction bits,
 * rounded once into the output format (layer rounding, saturating). Latency 1.
 */
export function identityOrReluModule(
  name: string,
  kind: 'identity' | 'relu',
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): UnitModule {
  const wi = inFormat.width;
  const x =
    kind === 'relu'
      ? `  wire signed [${wi - 1}:0] x = din[${wi - 1}] ? ${sconst(0, wi)} : din; // max(x, 0)\n`
      : `  wire signed [${wi - 1}:0] x = din;\n`;
  const text =
    `// ${kind} unit: ${kind === 'relu' ? 'max(x, 0)' : 'x'}, rounded once into the output format.\n` +
    unitPorts(name, wi, outFormat.width) +
    x +
    `  wire signed [${outFormat.width - 1}:0] y;\n` +
    requantInstance({
      instance: 'u_round',
      input: 'x',
      output: 'y',
      inWidth: wi,
      fromFrac: inFormat.frac,
      to: outFormat,
      rounding,
      overflow: 'saturate',
    }) +
    validPipe(1) +
    `  always @(posedge clk) dout <= y;\n` +
    `endmodule\n`;
  return { name, text, latency: 1, files: {} };
}

/**
 * Leaky ReLU: `x · 2^slopeFrac` for x ≥ 0, else `x · slope` (one constant multiplier), both at
 * `inFrac + slopeFrac` fraction bits, rounded once into the output format. Latency 1.
 */
export function leakyReluModule(
  name: string,
  unit: LeakyReluUnit,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): UnitModule {
  const wi = inFormat.width;
  const sw = signedBits(unit.slope);
  const vw = checkWidth(wi + Math.max(sw, unit.slopeFrac + 1), `${name}: leaky ReLU product`);
  const text =
    `// leaky ReLU unit: x >= 0 ? x << ${unit.slopeFrac} : x * ${unit.slope} (slope frac ${unit.slopeFrac}).\n` +
    unitPorts(name, wi, outFormat.width) +
    `  wire signed [${sw - 1}:0] slope = ${sconst(unit.slope, sw)};\n` +
    `  wire signed [${vw - 1}:0] pos = din <<< ${unit.slopeFrac};\n` +
    `  wire signed [${vw - 1}:0] neg = din * slope;\n` +
    `  wire signed [${vw - 1}:0] v = din[${wi - 1}] ? neg : pos;\n` +
    `  wire signed [${outFormat.width - 1}:0] y;\n` +
    requantInstance({
      instance: 'u_round',
      input: 'v',
      output: 'y',
      inWidth: vw,
      fromFrac: inFormat.frac + unit.slopeFrac,
      to: outFormat,
      rounding,
      overflow: 'saturate',
    }) +
    validPipe(1) +
    `  always @(posedge clk) dout <= y;\n` +
    `endmodule\n`;
  return { name, text, latency: 1, files: {} };
}
