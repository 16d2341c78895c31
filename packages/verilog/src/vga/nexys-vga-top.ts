import { requireKnownOptions } from '@latentkit/core';
import { checkCode } from '@latentkit/quantize/internal';
import { nexysVgaXdc } from '../board/nexys-xdc.js';
import { checkDesignNames } from '../design/check-design-names.js';
import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogError } from '../errors/verilog-error.js';
import { sanitizeIdentifier } from '../hdl/identifier.js';
import { addressBits, fileHeader } from '../hdl/verilog-text.js';
import { digitDisplayModule } from './digit-display-module.js';
import type { LatentWalkControls } from './latent-walk.js';
import { latentWalkModule } from './latent-walk-module.js';
import { SEVEN_SEGMENT_MODULE, SEVEN_SEGMENT_NAME } from './seven-segment-module.js';
import { type VgaLayout, type VgaLayoutOptions, vgaLayout } from './vga-layout.js';
import {
  DEBOUNCE_MODULE,
  DEBOUNCE_NAME,
  VGA_SYNC_MODULE,
  VGA_SYNC_NAME,
} from './vga-sync-module.js';
import { VGA_640X480, type VgaTiming } from './vga-timing.js';

/** Options of {@link nexysVgaTop}. */
export interface NexysVgaTopOptions extends VgaLayoutOptions {
  /** Top module name. Default `<core>_vga`. */
  name?: string;
  /**
   * Start vectors (latent codes, `inputCount` each), 1…16: reset and `BTNC` load the one that
   * `SW[15:12]` selects. Default one vector of zeros (z = 0, the prior's mean).
   */
  startVectors?: readonly (readonly number[])[];
  /** Codes one `BTNU`/`BTND` press adds/subtracts. Default 2^(frac − 2) (0.25 in latent units), at least 1. */
  stepCodes?: number;
  /** Steps saturate at ±`limit` latent units (also at the format's range). Default 3. */
  limit?: number;
  /** Default of the top's `DEBOUNCE_CYCLES` parameter. Default 1,000,000 (10 ms at 100 MHz). */
  debounceCycles?: number;
}

/** A Nexys4 DDR design that shows a decoder's image on the VGA port. */
export interface VgaBoardDesign extends VerilogDesign {
  /** The decoder core inside. */
  core: VerilogDesign;
  /** XDC constraints (also in `files` as `<top>.xdc`). */
  xdc: string;
  /** Screen layout, raster timing, latent-walk controls and debouncer default. */
  vga: {
    /** Where the scaled digit sits on the 640 × 480 screen. */
    layout: VgaLayout;
    /** The raster timing (640 × 480 @ 60 Hz). */
    timing: VgaTiming;
    /** Which switches and buttons walk the latent space. */
    controls: LatentWalkControls;
    /** Default of the top's `DEBOUNCE_CYCLES` parameter (clock cycles). */
    debounceCycles: number;
  };
}

function startVectors(core: VerilogDesign, given?: readonly (readonly number[])[]): number[][] {
  const n = core.io.inputCount;
  const vs = given ?? [new Array<number>(n).fill(0)];
  if (vs.length < 1 || vs.length > 16) {
    throw new VerilogError('bad-option', `need 1…16 start vectors, got ${vs.length}`);
  }
  return vs.map((v, i) => {
    if (v.length !== n) {
      throw new VerilogError('bad-option', `start vector ${i} has ${v.length} codes, need ${n}`);
    }
    v.forEach((c, j) => {
      checkCode(c, core.io.inputFormat, `start vector ${i} code ${j}`);
    });
    return [...v];
  });
}

function walkControls(core: VerilogDesign, options: NexysVgaTopOptions): LatentWalkControls {
  const fmt = core.io.inputFormat;
  const n = core.io.inputCount;
  const dimBits = addressBits(n);
  if (dimBits > 8) {
    throw new VerilogError('bad-option', `${n} latent dimensions need more than SW[7:0]`);
  }
  const starts = startVectors(core, options.startVectors);
  const step = options.stepCodes ?? Math.max(1, 2 ** (fmt.frac - 2));
  const lo = -(2 ** (fmt.width - 1));
  const hi = 2 ** (fmt.width - 1) - 1;
  if (!Number.isInteger(step) || step < 1 || step > hi) {
    throw new VerilogError('bad-option', `stepCodes must be an integer in [1, ${hi}], got ${step}`);
  }
  const limit = options.limit ?? 3;
  if (!(limit > 0)) throw new VerilogError('bad-option', `limit must be > 0, got ${limit}`);
  const lim = Math.floor(limit * 2 ** fmt.frac);
  return {
    inputCount: n,
    format: fmt,
    startVectors: starts,
    step,
    min: Math.max(lo, -lim),
    max: Math.min(hi, lim),
    dimBits,
    startBits: starts.length > 1 ? addressBits(starts.length) : 0,
  };
}

// long: the top's text is one template in port order (reset, synchronizers, buttons, walk,
// display, LEDs); the modules it instantiates are generated elsewhere.
/**
 * Wraps a decoder core whose output is an image (e.g. the MNIST decoder, 784 = 28 × 28 codes)
 * for the Digilent Nexys4 DDR's VGA port: `CLK100MHZ`, `CPU_RESETN`; latent walk on the board —
 * `SW[dimBits−1:0]` select a latent dimension, `BTNU`/`BTND` step its code by `stepCodes`
 * (saturating at ±`limit`), `BTNC` (and reset) load the start vector `SW[15:12]` selects, and
 * every change re-runs the decoder; the image, mapped to 4-bit grey (`greyLevel`), goes into a
 * block-RAM framebuffer that a 640×480 @ 60 Hz raster (25 MHz pixel enable in the 100 MHz
 * domain) shows scaled and centred on `VGA_R/G/B[3:0]`, `VGA_HS`, `VGA_VS` (negative syncs, all
 * from flip-flops). `LED[0]` busy, `LED[1]` toggles per image, `LED[2]` dimension out of range,
 * `LED[3]` value at its limit; the seven-segment display shows, in hex, the dimension (AN7–AN6),
 * the start-vector switches (AN4) and the selected code (AN3–AN0, two's complement). Buttons and switches pass two-flip-flop `ASYNC_REG` synchronizers,
 * buttons a `DEBOUNCE_CYCLES` debouncer. The latent vector reaches the display as the core's own
 * input stream (`z_valid/z_ready/z_data` in the top), so another source can be muxed in there.
 *
 * @throws {@link VerilogError} (`bad-option`) for a layout that does not fit, bad start vectors,
 *   step, limit or debounce count, or more than 256 latent dimensions.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { generateMlp, nexysVgaTop } from '@latentkit/verilog';
 *
 * const vga = nexysVgaTop(generateMlp(decoderQ), { stepCodes: 8 }); // 784 outputs = 28 × 28
 * vga.vga.layout; // where the scaled image sits on the 640 × 480 screen
 * vga.xdc; // pins for CLK100MHZ, the switches, buttons and the VGA connector
 * ```
 */
export function nexysVgaTop(core: VerilogDesign, options: NexysVgaTopOptions = {}): VgaBoardDesign {
  requireKnownOptions(
    options,
    [
      'name',
      'startVectors',
      'stepCodes',
      'limit',
      'debounceCycles',
      'imageWidth',
      'scale',
      'border',
      'borderLevel',
      'background',
    ],
    'nexysVgaTop options',
  );
  checkDesignNames(core, 'nexysVgaTop');
  if (core.io.hasSample) {
    throw new VerilogError('bad-option', 'nexysVgaTop needs a decoder core (no sample input)');
  }
  const {
    name: _n,
    startVectors: _s,
    stepCodes: _st,
    limit: _l,
    debounceCycles: _d,
    ...lo
  } = options;
  const layout = vgaLayout(core.io.outputCount, lo);
  const controls = walkControls(core, options);
  const debounce = options.debounceCycles ?? 1_000_000;
  if (!Number.isInteger(debounce) || debounce < 1 || debounce >= 2 ** 24) {
    throw new VerilogError('bad-option', `debounceCycles must be in [1, 2^24), got ${debounce}`);
  }
  const top = sanitizeIdentifier(options.name ?? `${core.top}_vga`);
  const walk = `${top}_walk`;
  const display = `${top}_display`;
  const wi = core.io.inputFormat.width;
  const dw = controls.dimBits;
  const startSel = controls.startBits > 0 ? `sw[${12 + controls.startBits - 1}:12]` : "1'b0";
  const text =
    fileHeader(`Nexys4 DDR VGA top '${top}': latent walk -> core '${core.top}' -> VGA 640x480.`, [
      `SW[${dw - 1}:0] latent dimension, BTNU/BTND step it by ${controls.step} codes, BTNC loads start vector SW[15:12].`,
    ]) +
    `module ${top} #(\n  parameter integer DEBOUNCE_CYCLES = ${debounce}\n) (\n` +
    `  input  wire        CLK100MHZ,\n  input  wire        CPU_RESETN,\n  input  wire [15:0] SW,\n` +
    `  input  wire        BTNU,\n  input  wire        BTND,\n  input  wire        BTNC,\n` +
    `  output wire [3:0]  VGA_R,\n  output wire [3:0]  VGA_G,\n  output wire [3:0]  VGA_B,\n` +
    `  output wire        VGA_HS,\n  output wire        VGA_VS,\n  output wire [3:0]  LED,\n` +
    `  output wire        CA,\n  output wire        CB,\n  output wire        CC,\n  output wire        CD,\n` +
    `  output wire        CE,\n  output wire        CF,\n  output wire        CG,\n  output wire        DP,\n` +
    `  output wire [7:0]  AN\n);\n` +
    `  wire clk = CLK100MHZ;\n` +
    `  // Reset: the button is asynchronous and active low; release it synchronously.\n` +
    `  (* ASYNC_REG = "TRUE" *) reg rst_s0 = 1'b1;\n  (* ASYNC_REG = "TRUE" *) reg rst_s1 = 1'b1;\n` +
    `  always @(posedge clk) begin\n    rst_s0 <= !CPU_RESETN;\n    rst_s1 <= rst_s0;\n  end\n` +
    `  wire rst = rst_s1;\n` +
    `  // Switches: two-flip-flop synchronizers (levels; no debouncing needed)\n` +
    `  (* ASYNC_REG = "TRUE" *) reg [15:0] sw_s0 = 16'd0;\n  (* ASYNC_REG = "TRUE" *) reg [15:0] sw = 16'd0;\n` +
    `  always @(posedge clk) begin\n    sw_s0 <= SW;\n    sw <= sw_s0;\n  end\n` +
    `  // Buttons: synchronized and debounced, one-clock press pulses\n` +
    `  wire up, down, center, up_l, down_l, center_l;\n` +
    ['up:BTNU', 'down:BTND', 'center:BTNC']
      .map((pair) => {
        const [s, pin] = pair.split(':');
        return `  ${DEBOUNCE_NAME} #(.CYCLES(DEBOUNCE_CYCLES)) u_${s} (.clk(clk), .rst(rst), .btn(${pin}), .level(${s}_l), .press(${s}));\n`;
      })
      .join('') +
    `\n  // Latent vector source: the board walk. Its stream (the core's input stream, ${core.io.inputCount} codes\n` +
    `  // per vector) is the one place another source, e.g. a serial receiver, can be muxed in.\n` +
    `  wire z_valid, z_ready, walk_busy, dim_ok, at_limit;\n  wire signed [${wi - 1}:0] z_data, z_value;\n` +
    `  ${walk} u_walk (\n    .clk(clk), .rst(rst), .dim(sw[${dw - 1}:0]), .start_sel(${startSel}),\n` +
    `    .up(up), .down(down), .center(center),\n` +
    `    .out_valid(z_valid), .out_ready(z_ready), .out_data(z_data),\n` +
    `    .busy(walk_busy), .dim_ok(dim_ok), .value(z_value), .at_limit(at_limit)\n  );\n\n` +
    `  // Decoder, grey framebuffer and VGA raster\n` +
    `  wire display_busy, image_toggle;\n` +
    `  ${display} u_display (\n    .clk(clk), .rst(rst), .in_valid(z_valid), .in_ready(z_ready), .in_data(z_data),\n` +
    `    .vga_r(VGA_R), .vga_g(VGA_G), .vga_b(VGA_B), .vga_hs(VGA_HS), .vga_vs(VGA_VS),\n` +
    `    .busy(display_busy), .image_toggle(image_toggle)\n  );\n\n` +
    `  assign LED = {at_limit, !dim_ok, image_toggle, walk_busy || display_busy};\n\n` +
    `  // Seven-segment display (hex): AN7..AN6 the dimension, AN4 the start vector, AN3..AN0 the code\n` +
    `  wire [15:0] code16 = ${wi >= 16 ? 'z_value[15:0]' : `{{${16 - wi}{z_value[${wi - 1}]}}, z_value}`};\n` +
    `  wire [7:0] dim8 = ${dw >= 8 ? 'sw[7:0]' : `{${8 - dw}'d0, sw[${dw - 1}:0]}`};\n` +
    `  wire [3:0] sel4 = ${controls.startBits > 0 ? 'sw[15:12]' : "4'd0"};\n` +
    `  wire [6:0] seg_n;\n` +
    `  ${SEVEN_SEGMENT_NAME} u_seg (.clk(clk), .rst(rst), .hex({dim8, 4'd0, sel4, code16}), .blank(8'b0010_0000), .seg_n(seg_n), .an_n(AN));\n` +
    `  assign {CG, CF, CE, CD, CC, CB, CA} = seg_n;\n  assign DP = 1'b1;\n` +
    `endmodule\n`;
  const xdc = nexysVgaXdc(top);
  const own = {
    [`${VGA_SYNC_NAME}.v`]: VGA_SYNC_MODULE,
    [`${DEBOUNCE_NAME}.v`]: DEBOUNCE_MODULE,
    [`${SEVEN_SEGMENT_NAME}.v`]: SEVEN_SEGMENT_MODULE,
    [`${walk}.v`]: latentWalkModule(walk, controls),
    [`${display}.v`]: digitDisplayModule(display, core.top, core.io, layout),
  };
  return {
    top,
    files: { ...core.files, ...own, [`${top}.v`]: text, [`${top}.xdc`]: xdc },
    sources: [...core.sources, ...Object.keys(own), `${top}.v`],
    io: core.io,
    layers: core.layers,
    core,
    xdc,
    vga: { layout, timing: VGA_640X480, controls, debounceCycles: debounce },
  };
}
