import type { DesignInterface } from '../design/verilog-design.js';
import { addressBits, fileHeader } from '../hdl/verilog-text.js';
import { greyLevelVerilog } from './grey-level.js';
import type { VgaLayout } from './vga-layout.js';
import { VGA_SYNC_NAME } from './vga-sync-module.js';
import { VGA_640X480 } from './vga-timing.js';

// long: one module's text, emitted in order: the core, the framebuffer writer, the raster and
// its three pipeline stages; splitting it would scatter the widths and constants it shares.
/**
 * Verilog of `<name>`: the decoder core, its output codes mapped to 4-bit grey (`greyLevel`)
 * and written into a framebuffer (`outputCount` × 4 bits, block RAM, one write and one read
 * port in the same clock), and the 640×480 raster (`lk_vga_sync`) reading it: each image pixel
 * drawn as a `scale × scale` block at (x0, y0), the frame and background around it. The raster
 * pipeline is three clocks (region and address → framebuffer read → colour), the syncs are
 * delayed by the same three clocks, and every VGA output comes straight from a flip-flop.
 * Input: the core's latent stream (`in_valid/in_ready/in_data`, `inputCount` codes per vector);
 * `busy` is high while a vector is inside the core, `image_toggle` toggles per decoded image.
 */
export function digitDisplayModule(
  name: string,
  core: string,
  io: DesignInterface,
  layout: VgaLayout,
): string {
  const wi = io.inputFormat.width;
  const wo = io.outputFormat.width;
  const n = io.inputCount;
  const p = io.outputCount;
  const pa = addressBits(p);
  const ia = addressBits(n);
  const { imageWidth: w, imageHeight: h, scale, x0, y0, border: b } = layout;
  const ls = Math.log2(scale);
  const { h: ht, v: vt } = VGA_640X480;
  const range = (c: string, lo: number, hi: number) =>
    `(${c} >= 10'd${Math.max(0, lo)} && ${c} < 10'd${hi})`;
  return (
    fileHeader(
      `Digit display '${name}': core '${core}' -> 4-bit grey framebuffer -> VGA 640x480.`,
      [
        `Image ${w}x${h} scaled ${scale}x at (${x0}, ${y0}), frame ${b} px of grey ${layout.borderLevel}, background grey ${layout.background}.`,
      ],
    ) +
    `module ${name} (\n` +
    `  input  wire                 clk,\n  input  wire                 rst,\n` +
    `  input  wire                 in_valid,\n  output wire                 in_ready,\n` +
    `  input  wire signed [${wi - 1}:0] in_data,\n` +
    `  output reg  [3:0]           vga_r,\n  output reg  [3:0]           vga_g,\n  output reg  [3:0]           vga_b,\n` +
    `  output reg                  vga_hs,\n  output reg                  vga_vs,\n` +
    `  output wire                 busy,\n  output reg                  image_toggle\n);\n` +
    `  wire out_valid, out_last;\n  wire signed [${wo - 1}:0] out_data;\n` +
    `  ${core} u_core (\n    .clk(clk), .rst(rst), .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),\n` +
    `    .out_valid(out_valid), .out_ready(1'b1), .out_data(out_data), .out_last(out_last)\n  );\n\n` +
    `  // vectors inside the core: +1 when the last code of a vector goes in, -1 at out_last\n` +
    `  reg [${ia - 1}:0] in_cnt;\n  reg [7:0] pending;\n` +
    `  wire in_end = in_valid && in_ready && (in_cnt == ${ia}'d${n - 1});\n` +
    `  wire out_end = out_valid && out_last;\n` +
    `  assign busy = (pending != 8'd0);\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      in_cnt <= ${ia}'d0;\n      pending <= 8'd0;\n      image_toggle <= 1'b0;\n    end else begin\n` +
    `      if (in_valid && in_ready) in_cnt <= (in_cnt == ${ia}'d${n - 1}) ? ${ia}'d0 : in_cnt + 1'b1;\n` +
    `      pending <= pending + {7'd0, in_end} - {7'd0, out_end};\n` +
    `      if (out_end) image_toggle <= !image_toggle;\n` +
    `    end\n  end\n\n` +
    `  // output codes -> grey levels -> framebuffer (one write port, one read port, one clock)\n` +
    greyLevelVerilog('out_data', 'out_grey', 'grey', io.outputFormat) +
    `  (* ram_style = "block" *) reg [3:0] fb [0:${p - 1}];\n` +
    `  integer i;\n  initial for (i = 0; i < ${p}; i = i + 1) fb[i] = 4'd0;\n` +
    `  reg [${pa - 1}:0] wr_addr;\n` +
    `  always @(posedge clk) if (out_valid) fb[wr_addr] <= out_grey;\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) wr_addr <= ${pa}'d0;\n` +
    `    else if (out_valid) wr_addr <= out_last ? ${pa}'d0 : wr_addr + 1'b1;\n  end\n\n` +
    `  // raster: 25 MHz pixel enable, counters, syncs\n` +
    `  wire pe, hs_n, vs_n;\n  wire [9:0] hc, vc;\n` +
    `  ${VGA_SYNC_NAME} u_sync (.clk(clk), .rst(rst), .pe(pe), .hc(hc), .vc(vc), .hs_n(hs_n), .vs_n(vs_n));\n` +
    `  wire visible = (hc < 10'd${ht.visible}) && (vc < 10'd${vt.visible});\n` +
    `  wire in_img = ${range('hc', x0, x0 + w * scale)} && ${range('vc', y0, y0 + h * scale)};\n` +
    `  wire in_frame = ${range('hc', x0 - b, x0 + w * scale + b)} && ${range('vc', y0 - b, y0 + h * scale + b)};\n` +
    `  wire [9:0] img_x = hc - 10'd${x0};\n  wire [9:0] img_y = vc - 10'd${y0};\n` +
    `  wire [9:0] col = img_x >> ${ls};\n  wire [9:0] row = img_y >> ${ls};\n` +
    `  wire [${pa + 9}:0] addr = row * ${pa}'d${w} + col;\n` +
    `  // stage 1: region (0 blank, 1 background, 2 frame, 3 image) and framebuffer address\n` +
    `  reg [1:0] s1_region, s2_region;\n  reg [${pa - 1}:0] s1_addr;\n  reg s1_hs, s1_vs, s2_hs, s2_vs;\n  reg [3:0] fb_q;\n` +
    `  always @(posedge clk) begin\n` +
    `    s1_region <= !visible ? 2'd0 : in_img ? 2'd3 : in_frame ? 2'd2 : 2'd1;\n` +
    `    s1_addr <= in_img ? addr[${pa - 1}:0] : ${pa}'d0;\n` +
    `    s1_hs <= hs_n;\n    s1_vs <= vs_n;\n` +
    `    // stage 2: framebuffer read (block RAM output)\n` +
    `    fb_q <= fb[s1_addr];\n    s2_region <= s1_region;\n    s2_hs <= s1_hs;\n    s2_vs <= s1_vs;\n  end\n` +
    `  // stage 3: the VGA outputs, straight from flip-flops (grey: R = G = B)\n` +
    `  wire [3:0] level = (s2_region == 2'd3) ? fb_q : (s2_region == 2'd2) ? 4'd${layout.borderLevel} : ` +
    `(s2_region == 2'd1) ? 4'd${layout.background} : 4'd0;\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      vga_r <= 4'd0;\n      vga_g <= 4'd0;\n      vga_b <= 4'd0;\n      vga_hs <= 1'b1;\n      vga_vs <= 1'b1;\n` +
    `    end else begin\n      vga_r <= level;\n      vga_g <= level;\n      vga_b <= level;\n      vga_hs <= s2_hs;\n      vga_vs <= s2_vs;\n    end\n  end\n` +
    `endmodule\n`
  );
}
