import { requireKnownOptions } from '@latentkit/core';
import { checkDesignNames } from '../design/check-design-names.js';
import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogError } from '../errors/verilog-error.js';
import { checkIdentifier, sanitizeIdentifier } from '../hdl/identifier.js';
import { addressBits, fileHeader, uconst } from '../hdl/verilog-text.js';

/** Options of {@link axiStreamWrapper}. */
export interface AxiStreamWrapperOptions {
  /** Module name of the wrapper (sanitized). Default `<core top>_axis`. */
  name?: string;
}

/** A core behind AXI4-Stream ports (see {@link axiStreamWrapper}). */
export interface AxiStreamDesign extends VerilogDesign {
  /** Top module of the wrapped core (instance `u_core`). */
  core: string;
  /** Width of `s_axis_tdata`: the input code width rounded up to whole bytes. */
  inTdataWidth: number;
  /** Width of `m_axis_tdata`: the output code width rounded up to whole bytes. */
  outTdataWidth: number;
}

const bytesWide = (w: number) => 8 * Math.ceil(w / 8);

// long: it writes one Verilog module top to bottom (ports, the store-and-forward input buffer
// with its TLAST check, the core instance, the output register slice), which reads best in the
// order it is emitted.
/**
 * Wraps a generated core (`generateMlp` / `generateVae`) in AXI4-Stream ports for integration in
 * a larger design: `aclk`, `aresetn` (synchronous, active low), `sample` (VAE cores only),
 * a slave port `s_axis_tvalid/tready/tdata/tlast` for input codes and a master port
 * `m_axis_tvalid/tready/tdata/tlast` for output codes, plus `tlast_error`.
 *
 * - One code per beat, in the low bits of TDATA (the code width rounded up to whole bytes); on
 *   the slave port the bits above the code are ignored, on the master port they carry its sign.
 * - Input: store and forward. The wrapper collects a whole vector (`io.inputCount` beats) into
 *   a buffer, and only a packet whose TLAST is on its last code, and only there, is handed to
 *   the core. A TLAST on an earlier beat drops the beats so far; no TLAST on the last code drops
 *   the vector and every beat up to and including the next TLAST. Either way `tlast_error`
 *   pulses high for one cycle and the next beat starts a new vector. `s_axis_tready` is low
 *   while a vector is handed to the core (`inputCount` + 1 cycles or more if the core is busy).
 * - Output: the core's codes through a two-entry register slice, TLAST on the last code of a
 *   vector. `m_axis_tvalid` is a register, never drops before `m_axis_tready`, and TDATA/TLAST
 *   stay stable while stalled (AXI4-Stream handshake rules), whatever the core does.
 *
 * The result is a {@link VerilogDesign} whose `files` and `sources` are the core's plus the
 * wrapper; its `io` is the core's (counts and formats of the codes). The generic testbenches
 * (`verilogTestbench`, `cxxrtlTestbench`) drive the core ports, not these: use
 * `simulateAxiStream` (`@latentkit/verilog/node`).
 *
 * @throws {@link VerilogError} (`bad-option`) for a name that collides with a module of the core
 *   or a core whose names are not plain (`checkDesignNames`).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { axiStreamWrapper, generateVae } from '@latentkit/verilog';
 *
 * const axis = axiStreamWrapper(generateVae(q), { name: 'vae_axis' }); // q: a QuantizedVae
 * axis.files['vae_axis.v']; // s_axis_* in (one packet per input vector), m_axis_* out
 * ```
 */
export function axiStreamWrapper(
  core: VerilogDesign,
  options: AxiStreamWrapperOptions = {},
): AxiStreamDesign {
  requireKnownOptions(options, ['name'], 'axiStreamWrapper options');
  checkDesignNames(core, 'axiStreamWrapper');
  const name = sanitizeIdentifier(options.name ?? `${core.top}_axis`);
  checkIdentifier(name, 'axiStreamWrapper name');
  const taken = new Set<string>();
  for (const s of core.sources) {
    for (const m of (core.files[s] ?? '').matchAll(/^\s*module\s+([A-Za-z_][A-Za-z0-9_$]*)/gm)) {
      taken.add(m[1]!);
    }
  }
  if (taken.has(name) || core.files[`${name}.v`] !== undefined) {
    throw new VerilogError(
      'bad-option',
      `axiStreamWrapper: '${name}' is already a module of the core`,
    );
  }
  const n = core.io.inputCount;
  const wi = core.io.inputFormat.width;
  const wo = core.io.outputFormat.width;
  const ti = bytesWide(wi);
  const to = bytesWide(wo);
  const cw = addressBits(n);
  const last = uconst(n - 1, cw);
  const sample = core.io.hasSample;
  const signExtend = to > wo ? `{{${to - wo}{c_out_data[${wo - 1}]}}, c_out_data}` : 'c_out_data';
  const text =
    fileHeader(`AXI4-Stream wrapper '${name}' around core '${core.top}'.`, [
      `Slave: ${n} input codes per vector (TDATA[${wi - 1}:0] of ${ti}), TLAST on the last; store and forward,`,
      'a vector with TLAST elsewhere is dropped and flagged on tlast_error (one-cycle pulse).',
      `Master: ${core.io.outputCount} output codes per vector, sign-extended to ${to} bits, TLAST on the last.`,
    ]) +
    `module ${name} (\n` +
    `  input  wire              aclk,\n` +
    `  input  wire              aresetn,        // synchronous, active low\n` +
    (sample
      ? `  input  wire              sample,         // 1: z = mu + sigma*eps, 0: z = mu\n`
      : '') +
    `  input  wire              s_axis_tvalid,\n` +
    `  output wire              s_axis_tready,\n` +
    `  input  wire [${ti - 1}:0]     s_axis_tdata,\n` +
    `  input  wire              s_axis_tlast,\n` +
    `  output reg               m_axis_tvalid,\n` +
    `  input  wire              m_axis_tready,\n` +
    `  output reg  [${to - 1}:0]     m_axis_tdata,\n` +
    `  output reg               m_axis_tlast,\n` +
    `  output reg               tlast_error     // a malformed packet was dropped\n` +
    `);\n` +
    `  wire rst = !aresetn;\n` +
    `  localparam [1:0] A_COLLECT = 2'd0, A_DISCARD = 2'd1, A_PREP = 2'd2, A_FORWARD = 2'd3;\n` +
    `  reg [1:0] astate;\n` +
    `  reg [${cw - 1}:0] widx;  // next code of the vector being collected\n` +
    `  reg [${cw - 1}:0] ridx;  // code being handed to the core\n` +
    `  reg signed [${wi - 1}:0] vbuf [0:${n - 1}];\n` +
    `  reg signed [${wi - 1}:0] fwd_q;\n` +
    `  assign s_axis_tready = (astate == A_COLLECT) || (astate == A_DISCARD);\n` +
    `  wire s_fire = s_axis_tvalid && s_axis_tready;\n` +
    `  wire c_in_valid = (astate == A_FORWARD);\n` +
    `  wire c_in_ready;\n` +
    `  wire c_fire = c_in_valid && c_in_ready;\n` +
    `  wire [${cw - 1}:0] raddr = !c_fire ? ridx : (ridx == ${last}) ? ${uconst(0, cw)} : ridx + 1'b1;\n` +
    `  // Vector buffer: written while collecting, read one code ahead (synchronous read).\n` +
    `  always @(posedge aclk) begin\n` +
    `    if (astate == A_COLLECT && s_fire) vbuf[widx] <= s_axis_tdata[${wi - 1}:0];\n` +
    `    fwd_q <= vbuf[raddr];\n` +
    `  end\n` +
    `  always @(posedge aclk) begin\n` +
    `    if (rst) begin\n` +
    `      astate <= A_COLLECT;\n      widx <= 0;\n      ridx <= 0;\n      tlast_error <= 1'b0;\n` +
    `    end else begin\n` +
    `      tlast_error <= 1'b0;\n` +
    `      case (astate)\n` +
    `        A_COLLECT: if (s_fire) begin\n` +
    `          if (widx == ${last}) begin\n` +
    `            widx <= 0;\n` +
    `            if (s_axis_tlast) astate <= A_PREP;\n` +
    `            else begin\n              tlast_error <= 1'b1;\n              astate <= A_DISCARD;\n            end\n` +
    `          end else if (s_axis_tlast) begin\n` +
    `            widx <= 0;             // TLAST too early: drop the beats so far\n` +
    `            tlast_error <= 1'b1;\n` +
    `          end else widx <= widx + 1'b1;\n` +
    `        end\n` +
    `        A_DISCARD: if (s_fire && s_axis_tlast) astate <= A_COLLECT;  // skip to the packet's end\n` +
    `        A_PREP: astate <= A_FORWARD;  // fwd_q <= vbuf[0]\n` +
    `        A_FORWARD: if (c_fire) begin\n` +
    `          ridx <= raddr;\n` +
    `          if (ridx == ${last}) astate <= A_COLLECT;\n` +
    `        end\n` +
    `        default: astate <= A_COLLECT;\n` +
    `      endcase\n` +
    `    end\n` +
    `  end\n\n` +
    `  wire c_out_valid, c_out_last;\n` +
    `  wire signed [${wo - 1}:0] c_out_data;\n` +
    `  reg skid_valid, skid_last;\n` +
    `  reg [${to - 1}:0] skid_data;\n` +
    `  wire c_out_ready = !skid_valid;\n` +
    `  ${core.top} u_core (\n` +
    `    .clk(aclk), .rst(rst),${sample ? ' .sample(sample),' : ''}\n` +
    `    .in_valid(c_in_valid), .in_ready(c_in_ready), .in_data(fwd_q),\n` +
    `    .out_valid(c_out_valid), .out_ready(c_out_ready), .out_data(c_out_data), .out_last(c_out_last)\n` +
    `  );\n\n` +
    `  // Output register slice: the master port holds its beat until TREADY; a beat the core\n` +
    `  // offers meanwhile waits in the skid register (the core sees ready low while it is full).\n` +
    `  wire c_out_fire = c_out_valid && c_out_ready;\n` +
    `  always @(posedge aclk) begin\n` +
    `    if (rst) begin\n` +
    `      m_axis_tvalid <= 1'b0;\n      m_axis_tlast <= 1'b0;\n      skid_valid <= 1'b0;\n` +
    `    end else if (!m_axis_tvalid || m_axis_tready) begin\n` +
    `      if (skid_valid) begin\n` +
    `        m_axis_tvalid <= 1'b1;\n        m_axis_tdata <= skid_data;\n        m_axis_tlast <= skid_last;\n` +
    `        skid_valid <= 1'b0;\n` +
    `      end else if (c_out_fire) begin\n` +
    `        m_axis_tvalid <= 1'b1;\n        m_axis_tdata <= ${signExtend};\n        m_axis_tlast <= c_out_last;\n` +
    `      end else begin\n        m_axis_tvalid <= 1'b0;\n        m_axis_tlast <= 1'b0;\n      end\n` +
    `    end else if (c_out_fire) begin\n` +
    `      skid_valid <= 1'b1;\n      skid_data <= ${signExtend};\n      skid_last <= c_out_last;\n` +
    `    end\n` +
    `  end\n` +
    `endmodule\n`;
  return {
    top: name,
    files: { ...core.files, [`${name}.v`]: text },
    sources: [...core.sources, `${name}.v`],
    io: core.io,
    layers: core.layers,
    core: core.top,
    inTdataWidth: ti,
    outTdataWidth: to,
  };
}
