import { requireKnownOptions } from '@latentkit/core';
import { checkDesignNames } from '../design/check-design-names.js';
import { fileHeader, verilogString } from '../hdl/verilog-text.js';
import { cxxrtlHarnessDriver } from '../tb/cxxrtl-harness-driver.js';
import { RESET_CYCLES } from '../tb/testbench-protocol.js';
import type { WalkAction } from './latent-walk.js';
import type { VgaBoardDesign } from './nexys-vga-top.js';

/** File the drivers write the monitor's samples into: one hex word `{vs, hs, r, g, b}` a line. */
export const VGA_SAMPLES_FILE = 'vga_samples.hex';

/** Options of {@link vgaBench}. */
export interface VgaBenchOptions {
  /** Switches held from reset until the first action. Default 0. */
  resetSwitches?: number;
  /** Switch settings and button presses played after reset, in order. Default none. */
  actions?: readonly WalkAction[];
  /** The top's `DEBOUNCE_CYCLES` in the run (small values simulate faster). Default 16. */
  debounceCycles?: number;
  /** Clock cycles after which the drivers stop with a timeout. Default 8,000,000. */
  timeoutCycles?: number;
}

/** A generated VGA bench: a synthesizable monitor harness plus a Verilog and a C++ driver. */
export interface VgaBench {
  /** Harness module name (the CXXRTL top). */
  harness: string;
  /** Verilog driver module name (the Icarus/Verilator top). */
  verilogTop: string;
  /** C++ driver file name. */
  cxxFile: string;
  /** Files: harness and drivers. */
  files: Record<string, string>;
}

const BUTTON_CODE = { up: 1, down: 2, center: 3 } as const;

// long: the harness is one template (board controls, then the monitor), and the two drivers
// must print the same line, so all three sit together in the order of the emitted text.
/**
 * A bench for a VGA top that works like a user and a monitor: the harness sets the switches,
 * presses the buttons of `actions` (each held and released for `debounceCycles + 8` clocks),
 * waits until the board is idle (`LED[0]` low for 16 clocks), then — exactly as a monitor
 * locks on — waits for the falling edge of `VGA_VS`, and from there samples the pins in the
 * middle of every pixel slot of the next 525 lines: after each falling edge of `VGA_HS`, 800
 * samples, one every 4 clocks starting 2 clocks after the edge. It also measures, in clocks, the
 * HS period and low width (min and max over the frame) and the VS period and low width. The
 * drivers (Verilog for Icarus/Verilator, C++ for CXXRTL) write the samples to
 * {@link VGA_SAMPLES_FILE} and print one `VGA …` line (`parseVgaCapture` reads both).
 *
 * @throws {@link UnknownOptionError} for an unknown option key; `VerilogError` (`bad-option`)
 *   for a board with names that are not plain.
 *
 * @example
 * ```ts
 * import { vgaBench } from '@latentkit/verilog';
 *
 * const bench = vgaBench(vga, { actions: [{ switches: 2, button: 'up' }] });
 * // bench.files: a harness that presses the buttons and samples one frame, and its C++ driver
 * ```
 */
export function vgaBench(board: VgaBoardDesign, options: VgaBenchOptions = {}): VgaBench {
  requireKnownOptions(
    options,
    ['resetSwitches', 'actions', 'debounceCycles', 'timeoutCycles'],
    'vgaBench options',
  );
  checkDesignNames(board, 'vgaBench');
  const actions = options.actions ?? [];
  const deb = options.debounceCycles ?? 16;
  const hold = deb + 8;
  const timeout = options.timeoutCycles ?? 8_000_000;
  const harness = `${board.top}_harness`;
  const { h, v, clocksPerPixel: cpp } = board.vga.timing;
  const lines = v.total;
  const slots = h.total;
  const actItems = actions
    .map(
      (a, i) =>
        `      ${i}: begin act_sw = 16'd${a.switches}; act_btn = 2'd${a.button ? BUTTON_CODE[a.button] : 0}; end\n`,
    )
    .join('');
  const text =
    fileHeader(
      `VGA harness of '${board.top}': plays the user and the monitor (${actions.length} actions).`,
    ) +
    `module ${harness} (\n  input  wire        clk,\n  input  wire        rst,\n` +
    `  output reg         done,\n  output reg         timeout,\n` +
    `  output reg         strobe,\n  output reg  [13:0] word,\n` +
    `  output reg  [31:0] cycles,\n  output reg  [31:0] idle_at,\n` +
    `  output reg  [31:0] hs_min,\n  output reg  [31:0] hs_max,\n  output reg  [31:0] hs_low_min,\n  output reg  [31:0] hs_low_max,\n` +
    `  output reg  [31:0] vs_period,\n  output reg  [31:0] vs_low\n);\n` +
    `  localparam integer N_ACT = ${actions.length}, HOLD = ${hold};\n` +
    `  reg [15:0] sw;\n  reg [2:0] btn;  // {center, down, up}\n` +
    `  wire [3:0] r, g, b, led;\n  wire hs, vs;\n` +
    `  ${board.top} #(.DEBOUNCE_CYCLES(${deb})) dut (\n    .CLK100MHZ(clk), .CPU_RESETN(!rst), .SW(sw),\n` +
    `    .BTNU(btn[0]), .BTND(btn[1]), .BTNC(btn[2]),\n` +
    `    .VGA_R(r), .VGA_G(g), .VGA_B(b), .VGA_HS(hs), .VGA_VS(vs), .LED(led)\n  );\n` +
    `  reg [15:0] act_sw;\n  reg [1:0] act_btn;\n` +
    `  reg [31:0] act, t;\n` +
    `  always @* begin\n    act_sw = 16'd${options.resetSwitches ?? 0};\n    act_btn = 2'd0;\n` +
    (actions.length > 0 ? `    case (act)\n${actItems}      default: ;\n    endcase\n` : '') +
    `  end\n` +
    `  // phases: 0 actions, 1 wait idle, 2 wait VS fall, 3 capture\n` +
    `  reg [1:0] phase;\n  reg [4:0] idle_cnt;\n  reg hs_p, vs_p;\n` +
    `  reg [31:0] hs_fall_t, vs_fall_t, line, slot_clk;\n  reg seen_hs;\n` +
    `  always @(posedge clk) begin\n` +
    `    strobe <= 1'b0;\n` +
    `    if (rst) begin\n` +
    `      done <= 1'b0;\n      timeout <= 1'b0;\n      cycles <= 0;\n      idle_at <= 0;\n      phase <= 2'd0;\n` +
    `      act <= 0;\n      t <= 0;\n      sw <= 16'd${options.resetSwitches ?? 0};\n      btn <= 3'd0;\n      idle_cnt <= 0;\n` +
    `      hs_p <= 1'b1;\n      vs_p <= 1'b1;\n      hs_min <= 32'hffffffff;\n      hs_max <= 0;\n      hs_low_min <= 32'hffffffff;\n      hs_low_max <= 0;\n` +
    `      vs_period <= 0;\n      vs_low <= 0;\n      line <= 0;\n      slot_clk <= 0;\n      seen_hs <= 1'b0;\n` +
    `    end else if (!done) begin\n` +
    `      cycles <= cycles + 1;\n      hs_p <= hs;\n      vs_p <= vs;\n` +
    `      if (cycles > ${timeout}) begin\n        timeout <= 1'b1;\n        done <= 1'b1;\n      end\n` +
    `      if (phase == 2'd0) begin\n` +
    `        if (act >= N_ACT) phase <= 2'd1;\n        else begin\n` +
    `          sw <= act_sw;\n          t <= (t == 3 * HOLD - 1) ? 0 : t + 1;\n          if (t == 3 * HOLD - 1) act <= act + 1;\n` +
    `          btn <= (t >= HOLD && t < 2 * HOLD) ? (act_btn == 2'd1 ? 3'b001 : act_btn == 2'd2 ? 3'b010 : act_btn == 2'd3 ? 3'b100 : 3'b000) : 3'b000;\n` +
    `        end\n` +
    `      end else if (phase == 2'd1) begin\n` +
    `        idle_cnt <= led[0] ? 5'd0 : idle_cnt + 5'd1;\n` +
    `        if (idle_cnt == 5'd16) begin\n          phase <= 2'd2;\n          idle_at <= cycles;\n        end\n` +
    `      end else if (phase == 2'd2) begin\n` +
    `        if (vs_p && !vs) begin\n          phase <= 2'd3;\n          vs_fall_t <= cycles;\n          line <= 0;\n        end\n` +
    `      end else begin\n` +
    `        // the monitor: HS and VS edges, then one sample in the middle of every pixel slot\n` +
    `        if (!vs_p && vs && vs_low == 0) vs_low <= cycles - vs_fall_t;\n` +
    `        if (vs_p && !vs && vs_period == 0) vs_period <= cycles - vs_fall_t;\n` +
    `        if (seen_hs && !hs_p && hs) begin\n` +
    `          if (cycles - hs_fall_t < hs_low_min) hs_low_min <= cycles - hs_fall_t;\n` +
    `          if (cycles - hs_fall_t > hs_low_max) hs_low_max <= cycles - hs_fall_t;\n        end\n` +
    `        if (hs_p && !hs) begin\n` +
    `          if (seen_hs && cycles - hs_fall_t < hs_min) hs_min <= cycles - hs_fall_t;\n` +
    `          if (seen_hs && cycles - hs_fall_t > hs_max) hs_max <= cycles - hs_fall_t;\n` +
    `          hs_fall_t <= cycles;\n          seen_hs <= 1'b1;\n          slot_clk <= 1;\n          line <= line + 1;\n` +
    `          if (line == ${lines}) done <= 1'b1;\n` +
    `        end else if (seen_hs) slot_clk <= slot_clk + 1;\n` +
    `        if (seen_hs && line >= 1 && line <= ${lines} && slot_clk % ${cpp} == ${cpp / 2} && slot_clk / ${cpp} < ${slots}) begin\n` +
    `          strobe <= 1'b1;\n          word <= {vs, hs, r, g, b};\n` +
    `          if (line == ${lines} && slot_clk / ${cpp} == ${slots - 1}) done <= 1'b1;\n        end\n` +
    `      end\n    end\n  end\nendmodule\n`;
  const verilogTop = `tb_${harness}`;
  const result =
    'VGA timeout=%0d cycles=%0d idle_at=%0d hs_min=%0d hs_max=%0d hs_low_min=%0d hs_low_max=%0d vs_period=%0d vs_low=%0d';
  const fields = [
    'timeout',
    'cycles',
    'idle_at',
    'hs_min',
    'hs_max',
    'hs_low_min',
    'hs_low_max',
    'vs_period',
    'vs_low',
  ];
  const driver =
    fileHeader(`Icarus/Verilator driver of '${harness}'.`) +
    '`timescale 1ns / 1ps\n' +
    `module ${verilogTop};\n` +
    `  reg clk = 1'b0;\n  always #5 clk = ~clk;\n  reg rst = 1'b1;\n  integer rst_cnt = 0, fd;\n` +
    `  wire done, timeout, strobe;\n  wire [13:0] word;\n` +
    `  wire [31:0] ${fields.slice(1).join(', ')};\n` +
    `  ${harness} h (.clk(clk), .rst(rst), .done(done), .timeout(timeout), .strobe(strobe), .word(word), ` +
    `${fields
      .slice(1)
      .map((f) => `.${f}(${f})`)
      .join(', ')});\n` +
    `  initial fd = $fopen(${verilogString(VGA_SAMPLES_FILE)}, "w");\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      rst_cnt <= rst_cnt + 1;\n      if (rst_cnt == ${RESET_CYCLES - 1}) rst <= 1'b0;\n    end else begin\n` +
    `      if (strobe) $fwrite(fd, "%h\\n", word);\n` +
    `      if (done) begin\n        $fclose(fd);\n        $display("${result}", ${fields.join(', ')});\n        $finish;\n      end\n` +
    `    end\n  end\nendmodule\n`;
  const cxxFile = `${verilogTop}.cc`;
  const cxxResult = result.replace(/%0d/g, '%llu');
  const cxx = cxxrtlHarnessDriver(
    harness,
    VGA_SAMPLES_FILE,
    (
      p,
    ) => `      if (${p('strobe')}.get<bool>()) std::fprintf(fd, "%04x\\n", ${p('word')}.get<uint32_t>());
      if (${p('done')}.get<bool>()) {
        std::fclose(fd);
        std::printf("${cxxResult}\\n", ${fields.map((f) => `(unsigned long long)${p(f)}.get<uint32_t>()`).join(', ')});
        return 0;
      }`,
  );
  return {
    harness,
    verilogTop,
    cxxFile,
    files: { [`${harness}.v`]: text, [`${verilogTop}.v`]: driver, [cxxFile]: cxx },
  };
}
