import { requireKnownOptions } from '@latentkit/core';
import { formatToString, type QuantizedLayer } from '@latentkit/quantize';
import { VerilogError } from '../errors/verilog-error.js';
import { checkIdentifier } from '../hdl/identifier.js';
import { addressBits, checkWidth, fileHeader, uconst, verilogString } from '../hdl/verilog-text.js';
import { activationModule } from '../units/activation-module.js';
import { activationChain } from './activation-chain.js';
import { defaultBiasRomStyle, layerRomAttribute, layerRomFiles, layerRoms } from './layer-roms.js';
import {
  type PipelineContext,
  pipelinedComputeCycles,
  pipelinedController,
  pipelinedDeclarations,
} from './post-pipeline.js';

/** Options of {@link layerModule}. */
export interface LayerModuleOptions {
  /** MAC lanes (multipliers) working in parallel, 1 … outFeatures. Default 1. */
  lanes?: number;
  /** `rom_style` of the weight ROMs. Default `'block'` (block RAM). */
  romStyle?: 'block' | 'distributed' | 'auto';
  /**
   * `rom_style` of the bias ROMs (one word per neuron group). Default: `'distributed'` for ROMs
   * of ≤ 64 words (`DISTRIBUTED_BIAS_MAX_WORDS`), else `romStyle`.
   */
  biasRomStyle?: 'block' | 'distributed' | 'auto';
  /** `rom_style` of activation lookup tables. Default `'block'`. */
  lutRomStyle?: 'block' | 'distributed' | 'auto';
  /**
   * Overlap post-processing with the MAC: each group's accumulators are handed to a pipeline
   * (requantize → unit → requantize, one neuron per clock, into an output FIFO) while the lanes
   * compute the next group. Same codes and order, fewer cycles; costs hold registers
   * (`lanes × accumulator width` flip-flops) and a small FIFO. Default `false` (one neuron at a
   * time after each group).
   */
  pipelinePost?: boolean;
  /**
   * Clock the layer is built for, MHz. Above 50 (the default 100 is) the activation unit is fully
   * pipelined (see `LutModuleOptions.targetClockMHz`). Default 100.
   */
  targetClockMHz?: number;
}

/** A generated layer engine. */
export interface LayerModule {
  /** Module name. */
  name: string;
  /** Verilog text: the activation unit module(s), then the layer module. */
  text: string;
  /** `$readmemh` files: weight, bias and LUT ROMs. */
  files: Record<string, string>;
  /** MAC lanes. */
  lanes: number;
  /** Neuron groups `ceil(outFeatures / lanes)`. */
  groups: number;
  /** Latency of the activation unit. */
  unitLatency: number;
  /**
   * Clock cycles from the last input code accepted to the last output code presented, with the
   * output always ready: `groups · (inFeatures + 3 + lanes_g · (unitLatency + 3))` minus the
   * lanes missing from the last group (a model of the controller below; the simulations measure
   * the real figure). With `pipelinePost`: `pipelinedComputeCycles` (each group costs its MAC pass
   * or its post-processing, whichever is longer, plus the last group's drain).
   */
  computeCycles: number;
}

// long: it writes one Verilog module top to bottom (ports, ROMs, the MAC pipeline, the
// activation, the output queue), and the text reads best in the order it is emitted; the parts
// that stand alone (activation units, ROM images, the requantizer) are their own modules.
/**
 * A time-multiplexed dense layer ("neuron loop"): `lanes` MAC lanes (one DSP48E1 each for widths
 * up to 25×18) share one input buffer; lane `p` has its own weight ROM and bias ROM
 * (`(* rom_style = "block" *)`, synchronous read, `$readmemh`). For each group of `lanes`
 * neurons the controller streams `inFeatures` addresses; each lane computes
 * `acc = (b << align) + Σ x_i·w_ij` in the accumulator width (proven overflow-free, so plain
 * two's-complement adds), then each accumulator goes through `lk_requant` (→ activation input),
 * the activation unit, and `lk_requant` (→ output), and is emitted on a valid/ready stream in
 * neuron order, `out_last` on the last neuron.
 *
 * Ports: `clk`, `rst` (synchronous, active high), `in_valid`/`in_ready`/`in_data` (one input code
 * per beat, `inFeatures` beats per vector), `out_valid`/`out_ready`/`out_data`/`out_last`.
 * A new vector is accepted once the previous one has left the layer.
 *
 * @param name - Module name, also the prefix of its ROM files: a simple identifier (names from
 *   users go through `sanitizeIdentifier` first).
 * @throws {@link VerilogError} (`bad-option`) for a bad lane count, a `name` that is not a simple
 *   identifier or a ROM style outside the allowed set; the errors of `activationModule`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { layerModule } from '@latentkit/verilog';
 *
 * const m = layerModule('enc_fc1', q.layers[0], { lanes: 8 }); // q: a QuantizedMlp
 * m.computeCycles; // clock cycles for one input vector
 * m.text; // the module's Verilog; m.files: its weight and bias ROMs (.hex)
 * ```
 */
export function layerModule(
  name: string,
  layer: QuantizedLayer,
  options: LayerModuleOptions = {},
): LayerModule {
  requireKnownOptions(
    options,
    ['lanes', 'romStyle', 'biasRomStyle', 'lutRomStyle', 'pipelinePost', 'targetClockMHz'],
    'layerModule options',
  );
  checkIdentifier(name, 'layerModule name');
  const lanes = options.lanes ?? 1;
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > layer.outFeatures) {
    throw new VerilogError(
      'bad-option',
      `${name}: lanes must be an integer in [1, ${layer.outFeatures}], got ${lanes}`,
    );
  }
  const unit = activationModule(
    `${name}_act`,
    layer.activation,
    layer.activationInput,
    layer.activationOutput,
    layer.rounding,
    { romStyle: options.lutRomStyle ?? 'block', targetClockMHz: options.targetClockMHz ?? 100 },
  );
  const roms = layerRoms(layer, lanes);
  const m = layer.inFeatures;
  const n = layer.outFeatures;
  const g = roms.groups;
  const wx = layer.input.width;
  const ww = layer.weightFormat.width;
  const wb = layer.biasFormat.width;
  const acw = layer.accumulator.width;
  const pw = checkWidth(wx + ww, `${name}: product`);
  const wo = layer.output.width;
  const align = layer.accumulator.frac - layer.biasFormat.frac;
  if (align < 0) {
    throw new VerilogError('bad-model', `${name}: bias frac exceeds accumulator frac`);
  }
  const cw = addressBits(m);
  const gw = addressBits(g);
  const lw = addressBits(lanes);
  const jw = addressBits(n);
  const waw = addressBits(g * m);
  const attr = layerRomAttribute(options.romStyle ?? 'block');
  const battr = layerRomAttribute(options.biasRomStyle ?? defaultBiasRomStyle(g, options.romStyle));
  const L = Array.from({ length: lanes }, (_, p) => p);
  const fmt = formatToString;

  const header = fileHeader(
    `Layer '${layer.name}': ${m} -> ${n}, ${layer.floatActivation} (${layer.activation.kind}), ${lanes} MAC lane(s).`,
    [
      `input ${fmt(layer.input)}, weights ${fmt(layer.weightFormat)}, bias ${fmt(layer.biasFormat)}, ` +
        `accumulator ${fmt(layer.accumulator)} (overflow-free for any input),`,
      `activation ${fmt(layer.activationInput)} -> ${fmt(layer.activationOutput)}, output ${fmt(layer.output)}; ` +
        `rounding ${layer.rounding}, overflow ${layer.overflow}.`,
    ],
  );
  const perLane = (f: (p: number) => string) => L.map(f).join('');
  const pipelined = options.pipelinePost ?? false;
  const ctx: PipelineContext = {
    layer,
    lanes,
    groups: g,
    unitName: unit.name,
    unitLatency: unit.latency,
    cw,
    gw,
    lw,
    waw,
  };
  /** Post-processing one neuron at a time after each group, and the controller. */
  const sequentialPost = (): string =>
    `\n  // Post-processing, one neuron at a time: requantize, activation unit, requantize.\n` +
    activationChain({
      layer,
      lanes,
      source: 'acc',
      select: 'lane',
      selectWidth: lw,
      issue: 'state == S_POST',
      unitName: unit.name,
    }) +
    `\n  // Controller.\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n` +
    `      state <= S_LOAD;\n      cnt <= 0;\n      group <= 0;\n      lane <= 0;\n      neuron <= 0;\n` +
    `      waddr <= 0;\n      out_valid <= 1'b0;\n      out_last <= 1'b0;\n` +
    `    end else begin\n` +
    `      case (state)\n` +
    `        S_LOAD: if (in_valid) begin\n` +
    `          if (cnt == ${uconst(m - 1, cw)}) begin\n            cnt <= 0;\n            state <= S_RUN;\n` +
    `          end else cnt <= cnt + 1'b1;\n        end\n` +
    `        S_RUN: begin\n          waddr <= (waddr == ${uconst(g * m - 1, waw)}) ? 0 : waddr + 1'b1;\n` +
    `          if (cnt == ${uconst(m - 1, cw)}) begin\n            cnt <= 0;\n            state <= S_DRAIN;\n` +
    `          end else cnt <= cnt + 1'b1;\n        end\n` +
    `        S_DRAIN: if (done) begin\n          lane <= 0;\n          state <= S_POST;\n        end\n` +
    `        S_POST: state <= S_WAIT;\n` +
    `        S_WAIT: if (y_v) begin\n          out_data <= o;\n          out_valid <= 1'b1;\n` +
    `          out_last <= (neuron == ${uconst(n - 1, jw)});\n          state <= S_OUT;\n        end\n` +
    `        S_OUT: if (out_ready) begin\n          out_valid <= 1'b0;\n          out_last <= 1'b0;\n` +
    `          if (neuron == ${uconst(n - 1, jw)}) begin\n` +
    `            neuron <= 0;\n            group <= 0;\n            waddr <= 0;\n            state <= S_LOAD;\n` +
    `          end else begin\n            neuron <= neuron + 1'b1;\n` +
    `            if (lane == ${uconst(lanes - 1, lw)}) begin\n` +
    `              lane <= 0;\n              group <= group + 1'b1;\n              state <= S_RUN;\n` +
    `            end else begin\n              lane <= lane + 1'b1;\n              state <= S_POST;\n            end\n` +
    `          end\n        end\n` +
    `        default: state <= S_LOAD;\n` +
    `      endcase\n    end\n  end\n`;
  const text =
    `${header}\n${unit.text}\n` +
    `module ${name} (\n` +
    `  input  wire                    clk,\n` +
    `  input  wire                    rst,\n` +
    `  input  wire                    in_valid,\n` +
    `  output wire                    in_ready,\n` +
    `  input  wire signed [${wx - 1}:0] in_data,\n` +
    `  output reg                     out_valid,\n` +
    `  input  wire                    out_ready,\n` +
    `  output reg  signed [${wo - 1}:0] out_data,\n` +
    `  output reg                     out_last\n` +
    `);\n` +
    (pipelined
      ? pipelinedDeclarations(ctx)
      : `  // Controller states.\n` +
        `  localparam [2:0] S_LOAD = 3'd0, S_RUN = 3'd1, S_DRAIN = 3'd2, S_POST = 3'd3, S_WAIT = 3'd4, S_OUT = 3'd5;\n` +
        `  reg [2:0] state;\n` +
        `  reg [${cw - 1}:0] cnt;    // input index: load position, then MAC step\n` +
        `  reg [${gw - 1}:0] group;  // neuron group: neurons group*${lanes} + lane\n` +
        `  reg [${lw - 1}:0] lane;   // lane being post-processed\n` +
        `  reg [${jw - 1}:0] neuron; // output neuron being emitted\n` +
        `  reg [${waw - 1}:0] waddr; // weight ROM address = group*${m} + cnt\n` +
        `  assign in_ready = (state == S_LOAD);\n` +
        `  wire issue = (state == S_RUN);\n\n`) +
    `  // Input vector buffer.\n` +
    `  reg signed [${wx - 1}:0] xbuf [0:${m - 1}];\n` +
    `  always @(posedge clk) if (in_valid && in_ready) xbuf[cnt] <= in_data;\n\n` +
    `  // Weight and bias ROMs, one pair per lane (synchronous read).\n` +
    perLane(
      (p) =>
        `  ${attr}reg [${ww - 1}:0] wrom_${p} [0:${g * m - 1}];\n` +
        `  ${battr}reg [${wb - 1}:0] brom_${p} [0:${g - 1}];\n` +
        `  initial $readmemh(${verilogString(`${name}_w${p}.hex`)}, wrom_${p});\n` +
        `  initial $readmemh(${verilogString(`${name}_b${p}.hex`)}, brom_${p});\n`,
    ) +
    `\n  // Stage 1: read x, weights and biases.\n` +
    `  reg signed [${wx - 1}:0] x1;\n` +
    perLane((p) => `  reg signed [${ww - 1}:0] w1_${p};\n  reg signed [${wb - 1}:0] b_${p};\n`) +
    `  always @(posedge clk) begin\n` +
    `    x1 <= xbuf[cnt];\n` +
    perLane((p) => `    w1_${p} <= wrom_${p}[waddr];\n    b_${p} <= brom_${p}[group];\n`) +
    `  end\n` +
    `  // Stage 2: products (full precision, ${pw} bits).\n` +
    perLane((p) => `  reg signed [${pw - 1}:0] p_${p};\n`) +
    `  always @(posedge clk) begin\n` +
    perLane((p) => `    p_${p} <= x1 * w1_${p};\n`) +
    `  end\n` +
    `  // Stage 3: accumulate; the first step starts from the bias aligned to the accumulator.\n` +
    `  reg v1, f1, l1, v2, f2, l2, done;\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      v1 <= 1'b0;\n      v2 <= 1'b0;\n      done <= 1'b0;\n    end else begin\n` +
    `      v1 <= issue;\n      v2 <= v1;\n      done <= v2 && l2;\n    end\n` +
    `    f1 <= issue && cnt == ${uconst(0, cw)};\n    l1 <= issue && cnt == ${uconst(m - 1, cw)};\n` +
    `    f2 <= f1;\n    l2 <= l1;\n` +
    `  end\n` +
    perLane(
      (p) =>
        `  reg signed [${acw - 1}:0] acc_${p};\n` +
        `  wire signed [${acw - 1}:0] bias_${p} = b_${p} <<< ${align};\n` +
        `  always @(posedge clk) if (v2) acc_${p} <= (f2 ? bias_${p} : acc_${p}) + p_${p};\n`,
    ) +
    (pipelined ? pipelinedController(ctx) : sequentialPost()) +
    `endmodule\n`;
  const lastLanes = n - (g - 1) * lanes;
  const post = unit.latency + 3;
  const computeCycles = pipelined
    ? pipelinedComputeCycles(m, lanes, g, lastLanes, unit.latency)
    : g * (m + 3) + ((g - 1) * lanes + lastLanes) * post;
  return {
    name,
    text,
    files: { ...unit.files, ...layerRomFiles(name, layer, roms) },
    lanes,
    groups: g,
    unitLatency: unit.latency,
    computeCycles,
  };
}
