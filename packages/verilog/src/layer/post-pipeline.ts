import type { QuantizedLayer } from '@latentkit/quantize';
import { addressBits, uconst } from '../hdl/verilog-text.js';
import { activationChain } from './activation-chain.js';

/** What {@link pipelinedController} needs to know about the layer being generated. */
export interface PipelineContext {
  layer: QuantizedLayer;
  /** MAC lanes. */
  lanes: number;
  /** Neuron groups `ceil(outFeatures / lanes)`. */
  groups: number;
  /** Name of the activation-unit module. */
  unitName: string;
  /** Latency of the activation unit, cycles. */
  unitLatency: number;
  /** Bits of the input counter, the group counter, the lane index, the weight address. */
  cw: number;
  gw: number;
  lw: number;
  waw: number;
}

/** Depth of the output FIFO: room for every neuron in flight through the unit, a power of two ≥ 4. */
export function postFifoDepth(unitLatency: number): number {
  let d = 4;
  while (d < unitLatency + 4) d *= 2;
  return d;
}

/**
 * Modelled cycles per vector of the pipelined layer (output always ready): each group costs its
 * MAC pass (`inFeatures` issues + 3 pipeline + 1 hand-off) unless posting the previous group is
 * slower (`lanes + 2`), then the last group's neurons drain through the unit.
 */
export function pipelinedComputeCycles(
  inFeatures: number,
  lanes: number,
  groups: number,
  lastLanes: number,
  unitLatency: number,
): number {
  return groups * Math.max(inFeatures + 4, lanes + 2) + lastLanes + unitLatency + 2;
}

/** The controller declarations of the pipelined layer (before the MAC datapath). */
export function pipelinedDeclarations(c: PipelineContext): string {
  return (
    `  // MAC controller states; post-processing runs on its own (see below).\n` +
    `  localparam [1:0] M_LOAD = 2'd0, M_RUN = 2'd1, M_DRAIN = 2'd2, M_HAND = 2'd3;\n` +
    `  reg [1:0] state;\n` +
    `  reg [${c.cw - 1}:0] cnt;    // input index: load position, then MAC step\n` +
    `  reg [${c.gw - 1}:0] group;  // neuron group being accumulated\n` +
    `  reg [${c.waw - 1}:0] waddr; // weight ROM address = group*${c.layer.inFeatures} + cnt\n` +
    `  assign in_ready = (state == M_LOAD);\n` +
    `  wire issue = (state == M_RUN);\n\n`
  );
}

/**
 * Post-processing overlapped with the MAC (after the MAC datapath): when a group's accumulators
 * are final they are copied into hold registers (hand-off) and the MAC lanes start the next
 * group at once; meanwhile the held accumulators go through `lk_requant` → activation unit →
 * `lk_requant` one neuron per clock (the units are fully pipelined) into an output FIFO. A
 * credit count (FIFO entries + neurons in flight) stops issuing before the FIFO could overflow,
 * so `out_ready` back-pressure is safe. Output order, codes and `out_last` are those of the
 * sequential controller; only the timing differs.
 */
export function pipelinedController(c: PipelineContext): string {
  const { layer, lanes, groups: g } = c;
  const m = layer.inFeatures;
  const n = layer.outFeatures;
  const acw = layer.accumulator.width;
  const wo = layer.output.width;
  const jw = addressBits(n);
  const depth = postFifoDepth(c.unitLatency);
  const dw = addressBits(depth);
  const lastLanes = n - (g - 1) * lanes;
  const L = Array.from({ length: lanes }, (_, p) => p);
  const perLane = (f: (p: number) => string) => L.map(f).join('');
  const one = (bit: string) => `{{${dw}{1'b0}}, ${bit}}`;
  return (
    `\n  // Hand-off: the final accumulators of a group wait here while the MAC runs the next group.\n` +
    `  reg post_busy;\n` +
    `  reg [${c.gw - 1}:0] pgroup; // group being post-processed\n` +
    `  reg [${c.lw - 1}:0] plane;  // its lane being issued\n` +
    perLane((p) => `  reg signed [${acw - 1}:0] hold_${p};\n`) +
    `  wire hand = (state == M_HAND) && !post_busy;\n` +
    `  always @(posedge clk) if (hand) begin\n` +
    perLane((p) => `    hold_${p} <= acc_${p};\n`) +
    `  end\n\n` +
    `  // Output FIFO (${depth} words) and credits: used = entries + neurons in flight.\n` +
    `  reg signed [${wo - 1}:0] fifo [0:${depth - 1}];\n` +
    `  reg [${dw - 1}:0] wr, rd;\n` +
    `  reg [${dw}:0] count, used;\n` +
    `  reg [${jw - 1}:0] neuron; // output neuron being emitted\n` +
    `  wire p_issue = post_busy && (used < ${uconst(depth, dw + 1)});\n` +
    `  wire p_final = (pgroup == ${uconst(g - 1, c.gw)}) ? (plane == ${uconst(lastLanes - 1, c.lw)}) : (plane == ${uconst(lanes - 1, c.lw)});\n` +
    activationChain({
      layer,
      lanes,
      source: 'hold',
      select: 'plane',
      selectWidth: c.lw,
      issue: 'p_issue',
      unitName: c.unitName,
    }) +
    `  always @(posedge clk) if (y_v) fifo[wr] <= o;\n` +
    `  wire rd_en = out_valid && out_ready;\n` +
    `  always @(*) begin\n` +
    `    out_valid = (count != ${uconst(0, dw + 1)});\n` +
    `    out_data = fifo[rd];\n` +
    `    out_last = out_valid && (neuron == ${uconst(n - 1, jw)});\n` +
    `  end\n\n` +
    `  // Controller.\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n` +
    `      state <= M_LOAD;\n      cnt <= 0;\n      group <= 0;\n      waddr <= 0;\n` +
    `      post_busy <= 1'b0;\n      pgroup <= 0;\n      plane <= 0;\n` +
    `      wr <= 0;\n      rd <= 0;\n      count <= 0;\n      used <= 0;\n      neuron <= 0;\n` +
    `    end else begin\n` +
    `      case (state)\n` +
    `        M_LOAD: if (in_valid) begin\n` +
    `          if (cnt == ${uconst(m - 1, c.cw)}) begin\n            cnt <= 0;\n            state <= M_RUN;\n` +
    `          end else cnt <= cnt + 1'b1;\n        end\n` +
    `        M_RUN: begin\n          waddr <= (waddr == ${uconst(g * m - 1, c.waw)}) ? 0 : waddr + 1'b1;\n` +
    `          if (cnt == ${uconst(m - 1, c.cw)}) begin\n            cnt <= 0;\n            state <= M_DRAIN;\n` +
    `          end else cnt <= cnt + 1'b1;\n        end\n` +
    `        M_DRAIN: if (done) state <= M_HAND;\n` +
    `        M_HAND: if (!post_busy) begin\n` +
    `          if (group == ${uconst(g - 1, c.gw)}) begin\n` +
    `            group <= 0;\n            waddr <= 0;\n            state <= M_LOAD;\n` +
    `          end else begin\n            group <= group + 1'b1;\n            state <= M_RUN;\n          end\n` +
    `        end\n` +
    `        default: state <= M_LOAD;\n` +
    `      endcase\n` +
    `      // Post-processing: a busy flag set at the hand-off, cleared after the group's last lane.\n` +
    `      if (hand) begin\n        post_busy <= 1'b1;\n        pgroup <= group;\n        plane <= 0;\n` +
    `      end else if (p_issue) begin\n` +
    `        if (p_final) begin\n          post_busy <= 1'b0;\n          plane <= 0;\n` +
    `        end else plane <= plane + 1'b1;\n      end\n` +
    `      if (y_v) wr <= wr + 1'b1;\n` +
    `      if (rd_en) begin\n        rd <= rd + 1'b1;\n` +
    `        neuron <= (neuron == ${uconst(n - 1, jw)}) ? ${uconst(0, jw)} : neuron + 1'b1;\n      end\n` +
    `      count <= count + ${one('y_v')} - ${one('rd_en')};\n` +
    `      used <= used + ${one('p_issue')} - ${one('rd_en')};\n` +
    `    end\n  end\n`
  );
}
