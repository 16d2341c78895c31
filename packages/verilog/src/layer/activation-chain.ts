import type { QuantizedLayer } from '@latentkit/quantize';
import { requantInstance } from '../hdl/requant-module.js';
import { uconst } from '../hdl/verilog-text.js';

/** What {@link activationChain} wires together. */
export interface ActivationChainOptions {
  layer: QuantizedLayer;
  /** MAC lanes (accumulators `${source}_0 … ${source}_{lanes-1}`). */
  lanes: number;
  /** Prefix of the per-lane accumulator registers the chain reads (`acc`, `hold`). */
  source: string;
  /** The lane-select register and its width in bits. */
  select: string;
  selectWidth: number;
  /** Verilog expression: this cycle issues `acc_sel` into the chain. */
  issue: string;
  /** Name of the activation-unit module. */
  unitName: string;
}

/**
 * The per-neuron post-processing datapath shared by the sequential and the pipelined layer
 * controllers: the lane multiplexer `acc_sel`, the requantizer from the accumulator to the
 * activation's input format (`a_code`), a register stage (`a_q`, `a_v`), the activation unit
 * (`y`, `y_v`, its latency) and the requantizer to the layer's output format (`o`, combinational
 * from `y`). The controllers differ only in when they issue and where `o` goes.
 */
export function activationChain(c: ActivationChainOptions): string {
  const { layer, lanes, source, select } = c;
  const acw = layer.accumulator.width;
  const wa = layer.activationInput.width;
  const wy = layer.activationOutput.width;
  const wo = layer.output.width;
  const lanesCase = Array.from(
    { length: lanes },
    (_, p) => `      ${uconst(p, c.selectWidth)}: acc_sel = ${source}_${p};\n`,
  ).join('');
  return (
    `  reg signed [${acw - 1}:0] acc_sel;\n` +
    (lanes === 1
      ? `  always @(*) acc_sel = ${source}_0;\n`
      : `  always @(*) begin\n    case (${select})\n` +
        lanesCase +
        `      default: acc_sel = ${source}_0;\n    endcase\n  end\n`) +
    `  wire signed [${wa - 1}:0] a_code;\n` +
    requantInstance({
      instance: 'u_to_act',
      input: 'acc_sel',
      output: 'a_code',
      inWidth: acw,
      fromFrac: layer.accumulator.frac,
      to: layer.activationInput,
      rounding: layer.rounding,
      overflow: layer.overflow,
    }) +
    `  reg signed [${wa - 1}:0] a_q;\n  reg a_v;\n` +
    `  always @(posedge clk) begin\n    a_q <= a_code;\n    a_v <= !rst && ${c.issue};\n  end\n` +
    `  wire y_v;\n  wire signed [${wy - 1}:0] y;\n` +
    `  ${c.unitName} u_act (.clk(clk), .rst(rst), .in_valid(a_v), .din(a_q), .out_valid(y_v), .dout(y));\n` +
    `  wire signed [${wo - 1}:0] o;\n` +
    requantInstance({
      instance: 'u_to_out',
      input: 'y',
      output: 'o',
      inWidth: wy,
      fromFrac: layer.activationOutput.frac,
      to: layer.output,
      rounding: layer.rounding,
      overflow: layer.overflow,
    })
  );
}
