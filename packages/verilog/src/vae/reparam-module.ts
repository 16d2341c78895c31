import type { FixedFormat, ReparamConfig } from '@latentkit/quantize';
import type { VerilogError } from '../errors/verilog-error.js';
import { checkIdentifier } from '../hdl/identifier.js';
import { requantInstance } from '../hdl/requant-module.js';
import { addressBits, checkWidth, fileHeader, uconst } from '../hdl/verilog-text.js';
import { lutModule } from '../units/lut-module.js';
import { fullPipeline } from '../units/unit-module.js';
import { noiseLanes } from './noise-lanes.js';

/** A generated reparameterization module. */
export interface ReparamModule {
  /** Module name. */
  name: string;
  /** Verilog text (σ LUT module + this module). */
  text: string;
  /** `$readmemh` files (the σ table). */
  files: Record<string, string>;
}

// unchecked options: a ReparamConfig is model data (a QuantizedVae's reparam), not options.
// long: one Verilog module (ports, σ LUT, noise lanes, the z datapath and its state machine) written
// top to bottom in the order it is emitted; the σ LUT and the noise lanes are their own modules.
/**
 * Hardware reparameterization between encoder and decoder, the twin of `reparameterizeCodes`:
 * takes the encoder's `2k` output codes (`μ_0 … μ_{k−1}`, then `log σ²_0 …`), and for each latent
 * dimension j computes `σ_j` with the interpolated `exp(v/2)` LUT, `ε_j` from noise lane j when
 * sampling (else 0), and `z_j = round(μ·2^(G−Fμ) + σ·ε·2^(G−Fσ−Fε))` into the latent format,
 * emitting the k z codes on its output stream. `sample` is latched with the first μ of a vector;
 * the lanes advance only when it is 1 (as the golden model's noise source advances only when
 * given).
 *
 * With `targetClockMHz` above 50 (the default 100 is), `σ·ε` is registered in a state of its own
 * (one more clock per latent dimension) and the σ LUT is fully pipelined, so no
 * register-to-register path exceeds 6.5 ns of logic; the codes are the same.
 *
 * @param name - Module name, also the prefix of the σ table's file (a simple identifier).
 * @param targetClockMHz - Clock the module is built for, MHz. Default 100.
 * @throws {@link VerilogError} (`bad-option`) for a `name` that is not a simple identifier or a
 *   ROM style outside the allowed set; (`unsupported-width`) for wires beyond the supported width.
 */
export function reparamModule(
  name: string,
  latentDim: number,
  encoderOutput: FixedFormat,
  r: ReparamConfig,
  lutRomStyle: 'block' | 'distributed' | 'auto' = 'block',
  targetClockMHz = 100,
): ReparamModule {
  checkIdentifier(name, 'reparamModule name');
  const k = latentDim;
  const we = encoderOutput.width;
  const ws = r.sigmaFormat.width;
  const wz = r.latent.width;
  const sig = lutModule(`${name}_sigma`, r.sigma, encoderOutput, r.sigmaFormat, r.rounding, {
    romStyle: lutRomStyle,
    targetClockMHz,
  });
  const full = fullPipeline(targetClockMHz);
  const noise = noiseLanes(r.noise);
  const n = r.noise.uniforms;
  const u = r.noise.uniformBits;
  const fe = encoderOutput.frac;
  const fp = r.sigmaFormat.frac + r.noise.format.frac;
  const g = Math.max(fe, fp);
  const muw = we + (g - fe);
  const prw = ws + noise.epsWidth;
  const nw = prw + (g - fp);
  const vw = checkWidth(Math.max(muw, nw) + 1, `${name}: z sum`);
  const kw = addressBits(k);
  const cntw = addressBits(n + 1);
  const lanes = Array.from({ length: k }, (_, j) => j);
  const each = (f: (j: number) => string) => lanes.map(f).join('');
  const text =
    `${sig.text}\n` +
    fileHeader(`Reparameterization '${name}': z = mu + sigma * eps for ${k} latent dimensions.`, [
      `sigma = exp(logvar / 2) by an interpolated LUT; eps: CLT of ${n} xorshift32 uniforms (${u} bits).`,
    ]) +
    `module ${name} (\n` +
    `  input  wire                    clk,\n  input  wire                    rst,\n` +
    `  input  wire                    sample,\n` +
    `  input  wire                    in_valid,\n  output wire                    in_ready,\n` +
    `  input  wire signed [${we - 1}:0] in_data,\n` +
    `  output reg                     out_valid,\n  input  wire                    out_ready,\n` +
    `  output reg  signed [${wz - 1}:0] out_data,\n  output reg                     out_last\n);\n` +
    `  localparam [2:0] R_MU = 3'd0, R_LV = 3'd1, R_CALC = 3'd2, R_EPS = 3'd3, R_Z = 3'd4, R_OUT = 3'd5, R_MUL = 3'd6;\n` +
    `  reg [2:0] state;\n  reg [${kw - 1}:0] j;\n  reg sample_q;\n` +
    `  assign in_ready = (state == R_MU) || (state == R_LV);\n` +
    `  reg signed [${we - 1}:0] mu [0:${k - 1}];\n` +
    `  reg signed [${we - 1}:0] lv_q;\n  reg lv_v;\n\n` +
    `  // sigma = exp(logvar / 2)\n` +
    `  wire sig_v;\n  wire signed [${ws - 1}:0] sig_out;\n` +
    `  ${sig.name} u_sigma (.clk(clk), .rst(rst), .in_valid(lv_v), .din(lv_q), .out_valid(sig_v), .dout(sig_out));\n` +
    `  reg signed [${ws - 1}:0] sigma_q;\n  reg sig_done;\n\n` +
    noise.declarations +
    `  // Lane states (reset to the seeds) and the lane being advanced.\n` +
    each((jj) => `  reg [31:0] lane_${jj};\n`) +
    `  reg [31:0] s_cur;\n  reg [${cntw - 1}:0] nstep;\n` +
    `  reg [31:0] s_sel;\n  always @(*) begin\n    case (j)\n` +
    each((jj) => `      ${uconst(jj, kw)}: s_sel = lane_${jj};\n`) +
    `      default: s_sel = lane_0;\n    endcase\n  end\n` +
    `  wire [31:0] s_next = xorshift32(s_cur);\n` +
    `  wire noise_done = !sample_q || (nstep == ${uconst(n, cntw)});\n` +
    `  reg signed [${noise.epsWidth - 1}:0] eps_q;\n\n` +
    `  // z = round(mu * 2^${g - fe} + sigma * eps * 2^${g - fp}), frac ${g} -> latent\n` +
    `  wire signed [${we - 1}:0] mu_j = mu[j];\n` +
    (full
      ? `  reg signed [${prw - 1}:0] se; // sigma * eps, registered in R_MUL\n`
      : `  wire signed [${prw - 1}:0] se = sigma_q * eps_q;\n`) +
    `  wire signed [${vw - 1}:0] zv = (mu_j <<< ${g - fe}) + (se <<< ${g - fp});\n` +
    `  wire signed [${wz - 1}:0] z_code;\n` +
    requantInstance({
      instance: 'u_z',
      input: 'zv',
      output: 'z_code',
      inWidth: vw,
      fromFrac: g,
      to: r.latent,
      rounding: r.rounding,
      overflow: r.overflow,
    }) +
    `\n  always @(posedge clk) begin\n` +
    `    lv_v <= 1'b0;\n` +
    `    if (in_valid && state == R_MU) mu[j] <= in_data;\n` +
    `    if (rst) begin\n` +
    `      state <= R_MU;\n      j <= 0;\n      sample_q <= 1'b0;\n      out_valid <= 1'b0;\n      out_last <= 1'b0;\n` +
    `      sig_done <= 1'b0;\n` +
    each((jj) => `      lane_${jj} <= 32'd${r.noise.seeds[jj]};\n`) +
    `    end else begin\n` +
    `      case (state)\n` +
    `        R_MU: if (in_valid) begin\n` +
    `          if (j == 0) sample_q <= sample;\n` +
    `          if (j == ${uconst(k - 1, kw)}) begin\n            j <= 0;\n            state <= R_LV;\n` +
    `          end else j <= j + 1'b1;\n        end\n` +
    `        R_LV: if (in_valid) begin\n` +
    `          lv_q <= in_data;\n          lv_v <= 1'b1;\n          sig_done <= 1'b0;\n` +
    `          s_cur <= s_sel;\n          nstep <= 0;\n          noise_sum <= 0;\n          state <= R_CALC;\n` +
    `        end\n` +
    `        R_CALC: begin\n` +
    `          if (sig_v) begin\n            sigma_q <= sig_out;\n            sig_done <= 1'b1;\n          end\n` +
    `          if (!noise_done) begin\n` +
    `            s_cur <= s_next;\n            noise_sum <= noise_sum + s_next[31:${32 - u}];\n` +
    `            nstep <= nstep + 1'b1;\n` +
    `          end else if (sig_done) begin\n` +
    `            if (sample_q) begin\n              case (j)\n` +
    each((jj) => `                ${uconst(jj, kw)}: lane_${jj} <= s_cur;\n`) +
    `                default: ;\n              endcase\n            end\n` +
    `            state <= R_EPS;\n          end\n        end\n` +
    `        R_EPS: begin\n          eps_q <= sample_q ? eps_code : 0;\n          state <= ${full ? 'R_MUL' : 'R_Z'};\n        end\n` +
    (full
      ? `        R_MUL: begin\n          se <= sigma_q * eps_q;\n          state <= R_Z;\n        end\n`
      : '') +
    `        R_Z: begin\n          out_data <= z_code;\n          out_valid <= 1'b1;\n` +
    `          out_last <= (j == ${uconst(k - 1, kw)});\n          state <= R_OUT;\n        end\n` +
    `        R_OUT: if (out_ready) begin\n          out_valid <= 1'b0;\n          out_last <= 1'b0;\n` +
    `          if (j == ${uconst(k - 1, kw)}) begin\n            j <= 0;\n            state <= R_MU;\n` +
    `          end else begin\n            j <= j + 1'b1;\n            state <= R_LV;\n          end\n        end\n` +
    `        default: state <= R_MU;\n` +
    `      endcase\n    end\n  end\n` +
    `endmodule\n`;
  return { name, text, files: sig.files };
}
