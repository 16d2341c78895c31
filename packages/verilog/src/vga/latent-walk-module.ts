import { addressBits, fileHeader, sconst } from '../hdl/verilog-text.js';
import type { LatentWalkControls } from './latent-walk.js';

/**
 * Verilog of `<name>`: the latent vector of a VGA top and its board controls (see
 * `walkLatent`, its TypeScript twin). It holds `inputCount` codes; reset and `center` copy start
 * vector `start_sel` from a case ROM (one code per clock); `up`/`down` (one-clock pulses) step
 * code `dim`, saturating. After every change it sends the whole vector on its output stream
 * (`out_valid/out_ready/out_data`, one code per beat, `inputCount` beats — the decoder core's
 * input stream); a change while sending marks the vector dirty again, so the last vector is
 * always decoded. `busy` is high while loading, dirty or sending.
 */
export function latentWalkModule(name: string, c: LatentWalkControls): string {
  const n = c.inputCount;
  const wi = c.format.width;
  const aw = addressBits(n);
  const dw = c.dimBits;
  const sb = Math.max(1, c.startBits);
  const key = c.startBits > 0 ? '{start_sel, load_idx}' : 'load_idx';
  const romItems = c.startVectors
    .flatMap((v, s) =>
      v.map(
        (code, i) =>
          `      ${aw + c.startBits}'d${s * 2 ** aw + i}: rom_q = ${sconst(code, wi)};\n`,
      ),
    )
    .join('');
  const dimOk = 2 ** dw <= n ? "1'b1" : `({1'b0, dim} < ${dw + 1}'d${n})`;
  const last = `${aw}'d${n - 1}`;
  return (
    fileHeader(`Latent walk '${name}': ${n} codes, board controls, vector stream out.`, [
      `Step ${c.step} codes, saturating at [${c.min}, ${c.max}]; ${c.startVectors.length} start vector(s).`,
    ]) +
    `module ${name} (\n` +
    `  input  wire                 clk,\n  input  wire                 rst,\n` +
    `  input  wire [${dw - 1}:0]           dim,\n  input  wire [${sb - 1}:0]           start_sel,\n` +
    `  input  wire                 up,\n  input  wire                 down,\n  input  wire                 center,\n` +
    `  output wire                 out_valid,\n  input  wire                 out_ready,\n` +
    `  output wire signed [${wi - 1}:0] out_data,\n` +
    `  output wire                 busy,\n  output wire                 dim_ok,\n` +
    `  output wire signed [${wi - 1}:0] value,\n  output wire                 at_limit\n);\n` +
    `  localparam signed [${wi + 1}:0] STEP = ${sconst(c.step, wi + 2)};\n` +
    `  localparam signed [${wi + 1}:0] ZMIN = ${sconst(c.min, wi + 2)};\n` +
    `  localparam signed [${wi + 1}:0] ZMAX = ${sconst(c.max, wi + 2)};\n` +
    `  reg signed [${wi - 1}:0] z [0:${n - 1}];\n` +
    `  reg loading, dirty, sending;\n  reg [${aw - 1}:0] load_idx, send_idx;\n` +
    `  // start vectors: a case ROM (LUTs); an unused selection loads zeros\n` +
    `  reg signed [${wi - 1}:0] rom_q;\n` +
    `  always @* begin\n    case (${key})\n${romItems}      default: rom_q = ${sconst(0, wi)};\n    endcase\n  end\n` +
    `  assign dim_ok = ${dimOk};\n` +
    `  wire [${aw - 1}:0] sel = dim_ok ? dim : ${aw}'d0;\n` +
    `  assign value = z[sel];\n` +
    `  wire signed [${wi + 1}:0] cur = value;\n` +
    `  wire signed [${wi + 1}:0] stepped = up ? cur + STEP : cur - STEP;\n` +
    `  wire signed [${wi + 1}:0] clamped = (stepped > ZMAX) ? ZMAX : (stepped < ZMIN) ? ZMIN : stepped;\n` +
    `  assign at_limit = (cur >= ZMAX) || (cur <= ZMIN);\n` +
    `  wire step_now = !loading && !center && (up || down) && dim_ok;\n` +
    `  wire change = (loading && load_idx == ${last}) || step_now;\n` +
    `  wire start_send = !sending && dirty && !loading;\n` +
    `  assign out_valid = sending;\n  assign out_data = z[send_idx];\n` +
    `  assign busy = loading || dirty || sending;\n` +
    `  always @(posedge clk) begin\n` +
    `    if (loading) z[load_idx] <= rom_q;\n` +
    `    else if (step_now) z[sel] <= clamped[${wi - 1}:0];\n` +
    `  end\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n` +
    `      loading <= 1'b1;\n      load_idx <= ${aw}'d0;\n      dirty <= 1'b0;\n      sending <= 1'b0;\n      send_idx <= ${aw}'d0;\n` +
    `    end else begin\n` +
    `      if (loading) begin\n        load_idx <= (load_idx == ${last}) ? ${aw}'d0 : load_idx + 1'b1;\n        if (load_idx == ${last}) loading <= 1'b0;\n` +
    `      end else if (center) begin\n        loading <= 1'b1;\n        load_idx <= ${aw}'d0;\n      end\n` +
    `      dirty <= change ? 1'b1 : start_send ? 1'b0 : dirty;\n` +
    `      if (start_send) begin\n        sending <= 1'b1;\n        send_idx <= ${aw}'d0;\n` +
    `      end else if (sending && out_ready) begin\n` +
    `        send_idx <= (send_idx == ${last}) ? ${aw}'d0 : send_idx + 1'b1;\n        if (send_idx == ${last}) sending <= 1'b0;\n      end\n` +
    `    end\n  end\nendmodule\n`
  );
}
