import type { FixedFormat, RoundingMode, SigmoidUnit } from '@latentkit/quantize';
import { tanhInnerFormats } from '@latentkit/quantize/internal';
import { requantInstance } from '../hdl/requant-module.js';
import type { UnitModule } from './unit-module.js';
import { unitPorts, validPipe } from './unit-module.js';

/**
 * tanh as `2σ(2x) − 1` around a sigmoid unit (twin of `tanhViaSigmoidCode`): the inner sigmoid
 * reads the same input bits as format `s<W>.<F−1>` and writes `s<Wo+1>.<Fo+1>`; the tanh code is
 * that code minus `2^Fo`, saturated to the output format. Latency = inner latency + 1.
 *
 * @param sigmoidModule - Builds the inner sigmoid module for the inner formats.
 */
export function tanhModule(
  name: string,
  sigmoid: SigmoidUnit,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
  sigmoidModule: (
    name: string,
    unit: SigmoidUnit,
    inFormat: FixedFormat,
    outFormat: FixedFormat,
    rounding: RoundingMode,
  ) => UnitModule,
): UnitModule {
  const inner = tanhInnerFormats(inFormat, outFormat);
  const sig = sigmoidModule(`${name}_sig`, sigmoid, inner.inFormat, inner.outFormat, rounding);
  const wo = outFormat.width;
  const iw = inner.outFormat.width;
  const text =
    sig.text +
    `\n// tanh unit: tanh(x) = 2*sigmoid(2x) - 1 around ${sig.name} (same input bits, frac - 1).\n` +
    unitPorts(name, inFormat.width, wo) +
    `  wire s_valid;\n  wire signed [${iw - 1}:0] s_out; // 2*sigmoid, frac ${outFormat.frac}\n` +
    `  ${sig.name} u_sigmoid (.clk(clk), .rst(rst), .in_valid(in_valid), .din(din), ` +
    `.out_valid(s_valid), .dout(s_out));\n` +
    `  wire signed [${iw}:0] t = s_out - (${iw + 1}'sd1 <<< ${outFormat.frac});\n` +
    `  wire signed [${wo - 1}:0] y;\n` +
    requantInstance({
      instance: 'u_clip',
      input: 't',
      output: 'y',
      inWidth: iw + 1,
      fromFrac: outFormat.frac,
      to: outFormat,
      rounding,
      overflow: 'saturate',
    }) +
    validPipe(sig.latency + 1) +
    `  always @(posedge clk) dout <= y;\n` +
    `endmodule\n`;
  return { name, text, latency: sig.latency + 1, files: sig.files };
}
