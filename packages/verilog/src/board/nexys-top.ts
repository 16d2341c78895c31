import { requireKnownOptions } from '@latentkit/core';
import { checkDesignNames } from '../design/check-design-names.js';
import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogError } from '../errors/verilog-error.js';
import { sanitizeIdentifier } from '../hdl/identifier.js';
import { addressBits, fileHeader } from '../hdl/verilog-text.js';
import {
  FRAME_RX_MODULE,
  FRAME_RX_NAME,
  FRAME_TX_MODULE,
  FRAME_TX_NAME,
} from '../uart/frame-modules.js';
import {
  UART_RX_MODULE,
  UART_RX_NAME,
  UART_TX_MODULE,
  UART_TX_NAME,
  uartDivider,
} from '../uart/uart-modules.js';
import { nexysXdc } from './nexys-xdc.js';
import { bytesPerCode, requestPayloadBytes } from './uart-framing.js';

/** Committed frames whose replies may be outstanding at once (the depth of the tag queue). */
const TAG_DEPTH = 4;
const TAG_BITS = 2;

/** Options of {@link nexysTop}. */
export interface NexysTopOptions {
  /** Top module name. Default `<core>_nexys`. */
  name?: string;
  /** Clock cycles per UART bit. Default 868 (100 MHz / 115200 baud, +0.0064 %). */
  clksPerBit?: number;
  /**
   * Depth of the input code FIFO in codes (a power of two ≥ the input count). Default: the
   * smallest ≥ max(4, 2 · inputCount), so one frame can arrive while another waits.
   */
  fifoDepth?: number;
}

/** A board-level design: the core wrapped with UART I/O, plus its constraints. */
export interface BoardDesign extends VerilogDesign {
  /** The core inside. */
  core: VerilogDesign;
  /** XDC constraints (also in `files` as `<top>.xdc`). */
  xdc: string;
  /** UART parameters of the byte protocol. */
  uart: {
    /** Cycles per bit (a parameter `CLKS_PER_BIT` of the top). */
    clksPerBit: number;
    /** Bytes per input code. */
    bytesPerInput: number;
    /** Bytes per output code. */
    bytesPerOutput: number;
    /** Depth of the input FIFO in codes. */
    fifoDepth: number;
    /** Payload bytes of a request frame (`requestPayloadBytes`). */
    requestPayloadBytes: number;
    /** Frames the board accepts ahead of its replies (the tag queue's depth). */
    framesInFlight: number;
  };
}

/**
 * Wraps a core for the Digilent Nexys4 DDR: `CLK100MHZ`, `CPU_RESETN` (synchronized, active
 * low), a UART at 115200 baud 8N1 (`UART_TXD_IN` in, `UART_RXD_OUT` out; `CLKS_PER_BIT = 868`),
 * `SW0` → `sample` for a VAE, and four status LEDs. Frame protocol (`board-frame.ts`,
 * `uart-framing.ts`): the PC sends one frame per vector — `0x7E`, then tag, input codes and
 * CRC-8, byte-stuffed — and the board answers each good frame with a frame holding the same tag,
 * a status byte (frames discarded since reset, mod 256) and the output codes. The parser
 * (`lk_frame_rx`) resynchronizes on every `0x7E`, so a dropped, extra or corrupted byte costs
 * only the frame it hits: a bad frame is rolled back out of the input FIFO, counted, and lights
 * LED1. Codes of good frames wait in the FIFO, so the PC may send the next frame while one
 * computes (up to `fifoDepth` codes and 4 frames ahead of the replies; a frame that does not fit
 * is discarded and lights LED0). LED3 toggles per reply; LED2 shows SW0. `UART_RXD_OUT` comes
 * straight from a flip-flop; the reset, switch and RX synchronizers carry `ASYNC_REG`.
 *
 * @throws {@link VerilogError} (`bad-option`) for a divider below 4 or above 65535 or a FIFO
 *   depth that is not a power of two or cannot hold one frame's codes.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { generateVae, nexysTop, vivadoProjectFiles } from '@latentkit/verilog';
 *
 * const board = nexysTop(generateVae(q), { clksPerBit: 868 }); // 100 MHz / 115200 baud UART
 * board.xdc; // the Nexys4 DDR pin constraints
 * const files = vivadoProjectFiles(board); // Verilog, XDC and Tcl scripts, by file name
 * ```
 */
// long: the top is one Verilog text (ports, synchronizers, frame receive into the code FIFO,
// core, reply framing, LEDs); splitting it would scatter signals that are read across sections.
export function nexysTop(core: VerilogDesign, options: NexysTopOptions = {}): BoardDesign {
  requireKnownOptions(options, ['name', 'clksPerBit', 'fifoDepth'], 'nexysTop options');
  checkDesignNames(core, 'nexysTop');
  const top = sanitizeIdentifier(options.name ?? `${core.top}_nexys`);
  const clks = options.clksPerBit ?? uartDivider().clksPerBit;
  if (!Number.isInteger(clks) || clks < 4 || clks > 65535) {
    throw new VerilogError(
      'bad-option',
      `clksPerBit must be an integer in [4, 65535], got ${clks}`,
    );
  }
  let depth = options.fifoDepth ?? 4;
  if (options.fifoDepth === undefined) while (depth < 2 * core.io.inputCount) depth *= 2;
  if (!Number.isInteger(depth) || depth < 2 || (depth & (depth - 1)) !== 0) {
    throw new VerilogError('bad-option', `fifoDepth must be a power of two ≥ 2, got ${depth}`);
  }
  if (depth < core.io.inputCount) {
    throw new VerilogError(
      'bad-option',
      `fifoDepth ${depth} cannot hold one frame of ${core.io.inputCount} codes`,
    );
  }
  const wi = core.io.inputFormat.width;
  const wo = core.io.outputFormat.width;
  const bi = bytesPerCode(wi);
  const bo = bytesPerCode(wo);
  const codes = {
    inputCount: core.io.inputCount,
    inputWidth: wi,
    outputCount: core.io.outputCount,
    outputWidth: wo,
  };
  const payload = requestPayloadBytes(codes);
  const aw = addressBits(depth);
  const bcw = addressBits(Math.max(bi, bo) + 1);
  const fcw = addressBits(payload + 2);
  const sample = core.io.hasSample;
  const text =
    fileHeader(`Nexys4 DDR top '${top}': UART 8N1 115200 baud <-> core '${core.top}'.`, [
      `Protocol (board-frame.ts): frames 0x7E | stuff(tag | payload | crc8); request payload =`,
      `${core.io.inputCount} codes x ${bi} byte(s), reply payload = status + ${core.io.outputCount} codes x ${bo} byte(s),`,
      "little-endian two's complement. Divider: 100 MHz / 868 = 115207 baud (+0.0064 %).",
    ]) +
    `module ${top} #(\n  parameter integer CLKS_PER_BIT = ${clks}\n) (\n` +
    `  input  wire       CLK100MHZ,\n  input  wire       CPU_RESETN,\n` +
    `  input  wire       UART_TXD_IN,   // PC -> FPGA\n  output wire       UART_RXD_OUT,  // FPGA -> PC (a flip-flop output)\n` +
    (sample ? `  input  wire       SW0,           // 1: sample z, 0: z = mu\n` : '') +
    `  output wire [3:0] LED\n);\n` +
    `  wire clk = CLK100MHZ;\n` +
    `  // Reset: the button is asynchronous and active low; release it synchronously.\n` +
    `  (* ASYNC_REG = "TRUE" *) reg [1:0] rst_sync = 2'b11;\n  always @(posedge clk) rst_sync <= {rst_sync[0], !CPU_RESETN};\n` +
    `  wire rst = rst_sync[1];\n` +
    (sample
      ? `  (* ASYNC_REG = "TRUE" *) reg [1:0] sw_sync = 2'b00;\n  always @(posedge clk) sw_sync <= {sw_sync[0], SW0};\n`
      : '') +
    `\n  // UART receiver -> frame parser -> byte assembler (little-endian) -> code FIFO. A frame's\n` +
    `  // codes are written at wt_ptr and become visible to the core (wr_ptr) only when its CRC is\n` +
    `  // good; a bad or cut frame rolls wt_ptr back. Tags of committed frames wait in tag_q.\n` +
    `  wire rx_valid, rx_error;\n  wire [7:0] rx_data;\n` +
    `  ${UART_RX_NAME} #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (.clk(clk), .rst(rst), .rx(UART_TXD_IN), ` +
    `.valid(rx_valid), .data(rx_data), .frame_error(rx_error));\n` +
    `  wire f_start, f_valid, f_good, f_bad;\n  wire [7:0] f_data, f_tag;\n` +
    `  ${FRAME_RX_NAME} #(.PAYLOAD_BYTES(${payload}), .CW(${fcw})) u_frx (.clk(clk), .rst(rst), .in_valid(rx_valid), ` +
    `.in_data(rx_data), .in_error(rx_error),\n    .start(f_start), .data_valid(f_valid), .data(f_data), .tag(f_tag), .good(f_good), .bad(f_bad));\n` +
    `  reg [${8 * bi - 1}:0] asm_word;\n  reg [${bcw - 1}:0] asm_count;\n` +
    `  wire [${8 * bi - 1}:0] asm_next = ${bi === 1 ? 'f_data' : `{f_data, asm_word[${8 * bi - 1}:8]}`};\n` +
    `  wire push = f_valid && (asm_count == ${bi - 1});\n` +
    `  reg signed [${wi - 1}:0] fifo [0:${depth - 1}];\n` +
    `  reg [${aw}:0] wr_ptr, wt_ptr, rd_ptr;\n` +
    `  wire fifo_empty = (wr_ptr == rd_ptr);\n` +
    `  wire fifo_full = (wt_ptr[${aw - 1}:0] == rd_ptr[${aw - 1}:0]) && (wt_ptr[${aw}] != rd_ptr[${aw}]);\n` +
    `  reg [7:0] tag_q [0:${TAG_DEPTH - 1}];\n  reg [${TAG_BITS}:0] tag_wr, tag_rd;\n` +
    `  wire tag_full = (tag_wr[${TAG_BITS - 1}:0] == tag_rd[${TAG_BITS - 1}:0]) && (tag_wr[${TAG_BITS}] != tag_rd[${TAG_BITS}]);\n` +
    `  wire core_in_ready;\n` +
    `  wire pop = !fifo_empty && core_in_ready;\n` +
    `  reg overflow, frame_over;\n  reg [7:0] discarded;\n  wire tag_pop;\n` +
    `  wire commit = f_good && !frame_over && !tag_full;\n` +
    `  always @(posedge clk) if (push && !fifo_full) fifo[wt_ptr[${aw - 1}:0]] <= asm_next[${wi - 1}:0];\n` +
    `  always @(posedge clk) if (commit) tag_q[tag_wr[${TAG_BITS - 1}:0]] <= f_tag;\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      asm_count <= 0;\n      wr_ptr <= 0;\n      wt_ptr <= 0;\n      rd_ptr <= 0;\n` +
    `      tag_wr <= 0;\n      tag_rd <= 0;\n      overflow <= 1'b0;\n      frame_over <= 1'b0;\n      discarded <= 8'd0;\n` +
    `    end else begin\n` +
    `      if (f_start) begin\n        asm_count <= 0;\n        wt_ptr <= wr_ptr;\n        frame_over <= 1'b0;\n      end\n` +
    `      if (f_valid) begin\n        asm_word <= asm_next;\n        asm_count <= push ? 0 : asm_count + 1'b1;\n      end\n` +
    `      if (push) begin\n        if (fifo_full) frame_over <= 1'b1;\n        else wt_ptr <= wt_ptr + 1'b1;\n      end\n` +
    `      if (commit) begin\n        wr_ptr <= wt_ptr;\n        tag_wr <= tag_wr + 1'b1;\n      end\n` +
    `      if (f_bad || (f_good && !commit)) begin  // discard: roll back, count it\n` +
    `        wt_ptr <= wr_ptr;\n        discarded <= discarded + 1'b1;\n      end\n` +
    `      if (f_good && !commit) overflow <= 1'b1;\n` +
    `      if (pop) rd_ptr <= rd_ptr + 1'b1;\n` +
    `      if (tag_pop) tag_rd <= tag_rd + 1'b1;\n` +
    `    end\n  end\n\n` +
    `  // The core\n` +
    `  wire core_out_valid, core_out_ready, core_out_last;\n  wire signed [${wo - 1}:0] core_out_data;\n` +
    `  ${core.top} u_core (\n    .clk(clk), .rst(rst),${sample ? ' .sample(sw_sync[1]),' : ''}\n` +
    `    .in_valid(!fifo_empty), .in_ready(core_in_ready), .in_data(fifo[rd_ptr[${aw - 1}:0]]),\n` +
    `    .out_valid(core_out_valid), .out_ready(core_out_ready), .out_data(core_out_data), .out_last(core_out_last)\n  );\n\n` +
    `  // Reply body: tag, status (frames discarded since reset), output codes (little-endian,\n` +
    `  // sign-extended) -> frame builder (FLAG, stuffing, CRC) -> UART transmitter\n` +
    `  reg [1:0] phase;  // 0: tag, 1: status, 2: codes\n` +
    `  reg [${8 * bo - 1}:0] ser_word;\n  reg [${bcw - 1}:0] ser_left;\n  reg ser_last, result_toggle;\n` +
    `  wire b_valid = (phase == 2'd0) ? core_out_valid : (phase == 2'd1) ? 1'b1 : (ser_left != 0);\n` +
    `  wire [7:0] b_data = (phase == 2'd0) ? tag_q[tag_rd[${TAG_BITS - 1}:0]] : (phase == 2'd1) ? discarded : ser_word[7:0];\n` +
    `  wire b_last = (phase == 2'd2) && ser_last && (ser_left == 1);\n` +
    `  wire b_ready;\n  assign tag_pop = b_valid && b_ready && b_last;\n` +
    `  assign core_out_ready = (phase == 2'd2) && (ser_left == 0);\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      phase <= 2'd0;\n      ser_left <= 0;\n      ser_last <= 1'b0;\n      result_toggle <= 1'b0;\n` +
    `    end else if (core_out_ready && core_out_valid) begin\n` +
    `      ser_word <= {{${8 * bo - wo + 1}{core_out_data[${wo - 1}]}}, core_out_data[${wo - 2}:0]};\n` +
    `      ser_left <= ${bo};\n      ser_last <= core_out_last;\n` +
    `    end else if (b_valid && b_ready) begin\n` +
    `      if (phase != 2'd2) phase <= phase + 1'b1;\n` +
    `      else begin\n        ser_word <= ser_word >> 8;\n        ser_left <= ser_left - 1'b1;\n` +
    `        if (b_last) begin\n          phase <= 2'd0;\n          result_toggle <= !result_toggle;\n        end\n      end\n` +
    `    end\n  end\n` +
    `  wire tx_valid, tx_ready;\n  wire [7:0] tx_data;\n` +
    `  ${FRAME_TX_NAME} u_ftx (.clk(clk), .rst(rst), .in_valid(b_valid), .in_ready(b_ready), .in_data(b_data), ` +
    `.in_last(b_last),\n    .out_valid(tx_valid), .out_ready(tx_ready), .out_data(tx_data));\n` +
    `  ${UART_TX_NAME} #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (.clk(clk), .rst(rst), .valid(tx_valid), ` +
    `.ready(tx_ready), .data(tx_data), .tx(UART_RXD_OUT));\n\n` +
    `  assign LED = {result_toggle, ${sample ? 'sw_sync[1]' : "1'b0"}, discarded != 8'd0, overflow};\n` +
    `endmodule\n`;
  const xdc = nexysXdc(top, sample);
  const uartFiles = {
    [`${UART_RX_NAME}.v`]: UART_RX_MODULE,
    [`${UART_TX_NAME}.v`]: UART_TX_MODULE,
    [`${FRAME_RX_NAME}.v`]: FRAME_RX_MODULE,
    [`${FRAME_TX_NAME}.v`]: FRAME_TX_MODULE,
  };
  return {
    top,
    files: { ...core.files, ...uartFiles, [`${top}.v`]: text, [`${top}.xdc`]: xdc },
    sources: [...core.sources, ...Object.keys(uartFiles), `${top}.v`],
    io: core.io,
    layers: core.layers,
    core,
    xdc,
    uart: {
      clksPerBit: clks,
      bytesPerInput: bi,
      bytesPerOutput: bo,
      fifoDepth: depth,
      requestPayloadBytes: payload,
      framesInFlight: TAG_DEPTH,
    },
  };
}
