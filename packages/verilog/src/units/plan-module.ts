import type { FixedFormat, RoundingMode } from '@latentkit/quantize';
import { VerilogError } from '../errors/verilog-error.js';
import { requantInstance } from '../hdl/requant-module.js';
import { checkWidth, sconst, uconst } from '../hdl/verilog-text.js';
import { type UnitModule, unitPorts, validPipe } from './unit-module.js';

/**
 * PLAN sigmoid (Amin et al. 1997) in shifts and adds, the twin of `sigmoidPlanCode`: with
 * `F = inFrac`, `a = |x|`, `p = 2^F`, the value in units of `2^−(F+5)` is `32p` (|x| ≥ 5),
 * `a + 27p` (≥ 2.375), `4a + 20p` (≥ 1) or `8a + 16p`, mirrored `32p − y` for x < 0, then rounded
 * once into the output format. No multiplier. Latency 1.
 *
 * @throws {@link VerilogError} (`unsupported-unit`) if `inFormat.frac < 0`.
 */
export function planModule(
  name: string,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): UnitModule {
  const F = inFormat.frac;
  if (F < 0) {
    throw new VerilogError(
      'unsupported-unit',
      `${name}: PLAN sigmoid needs input frac ≥ 0, got ${F}`,
    );
  }
  const wi = inFormat.width;
  const p = 1n << BigInt(F);
  // 32a < 2^(W+5); constants up to 160·2^F < 2^(F+8).
  const cw = checkWidth(Math.max(wi + 6, F + 9), `${name}: PLAN comparator`);
  const yw = checkWidth(Math.max(wi + 4, F + 7) + 1, `${name}: PLAN value`);
  const text =
    `// PLAN sigmoid unit (Amin, Curtis & Hayes-Gill 1997): slopes 1/4, 1/8, 1/32 by shifts.\n` +
    `// Input frac ${F}; internal value frac ${F + 5}; rounded once into the output format.\n` +
    unitPorts(name, wi, outFormat.width) +
    `  wire signed [${wi}:0] xs = din;\n` +
    `  wire [${wi}:0] a = xs[${wi}] ? -xs : xs;       // |x|\n` +
    `  wire [${cw - 1}:0] a32 = {{${cw - wi - 1}{1'b0}}, a} << 5;\n` +
    `  wire signed [${yw - 1}:0] av = {{${yw - wi - 1}{1'b0}}, a};\n` +
    `  reg  signed [${yw - 1}:0] yp;                 // PLAN(|x|), frac ${F + 5}\n` +
    `  always @(*) begin\n` +
    `    if (a32 >= ${uconst(160n * p, cw)}) yp = ${sconst(32n * p, yw)};\n` +
    `    else if (a32 >= ${uconst(76n * p, cw)}) yp = av + ${sconst(27n * p, yw)};\n` +
    `    else if (a32 >= ${uconst(32n * p, cw)}) yp = (av <<< 2) + ${sconst(20n * p, yw)};\n` +
    `    else yp = (av <<< 3) + ${sconst(16n * p, yw)};\n` +
    `  end\n` +
    `  wire signed [${yw - 1}:0] v = din[${wi - 1}] ? ${sconst(32n * p, yw)} - yp : yp;\n` +
    `  wire signed [${outFormat.width - 1}:0] y;\n` +
    requantInstance({
      instance: 'u_round',
      input: 'v',
      output: 'y',
      inWidth: yw,
      fromFrac: F + 5,
      to: outFormat,
      rounding,
      overflow: 'saturate',
    }) +
    validPipe(1) +
    `  always @(posedge clk) dout <= y;\n` +
    `endmodule\n`;
  return { name, text, latency: 1, files: {} };
}
