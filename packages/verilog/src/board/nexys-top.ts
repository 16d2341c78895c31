import { requireKnownOptions } from '@latentkit/core';
import { checkDesignNames } from '../design/check-design-names.js';
import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogError } from '../errors/verilog-error.js';
import { sanitizeIdentifier } from '../hdl/identifier.js';
import { addressBits, fileHeader } from '../hdl/verilog-text.js';
import {
  UART_RX_MODULE,
  UART_RX_NAME,
  UART_TX_MODULE,
  UART_TX_NAME,
  uartDivider,
} from '../uart/uart-modules.js';
import { nexysXdc } from './nexys-xdc.js';
import { bytesPerCode } from './uart-framing.js';

/** Options of {@link nexysTop}. */
export interface NexysTopOptions {
  /** Top module name. Default `<core>_nexys`. */
  name?: string;
  /** Clock cycles per UART bit. Default 868 (100 MHz / 115200 baud, +0.0064 %). */
  clksPerBit?: number;
  /** Depth of the input code FIFO (a power of two ≥ the input count). Default: the smallest ≥ max(4, inputCount). */
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
  };
}

/**
 * Wraps a core for the Digilent Nexys4 DDR: `CLK100MHZ`, `CPU_RESETN` (synchronized, active
 * low), a UART at 115200 baud 8N1 (`UART_TXD_IN` in, `UART_RXD_OUT` out; `CLKS_PER_BIT = 868`),
 * `SW0` → `sample` for a VAE, and four status LEDs. Byte protocol (see `uart-framing.ts`): the
 * PC sends the input codes of a vector as little-endian bytes; the board answers with the
 * output codes the same way. Received codes wait in a FIFO, so the PC may send the next vector
 * while one is computing (at most `fifoDepth` codes ahead; a full FIFO drops codes and lights
 * LED0).
 *
 * @throws {@link VerilogError} (`bad-option`) for a divider below 4 or above 65535 or a FIFO
 *   depth that is not a power of two.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
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
  if (options.fifoDepth === undefined) while (depth < core.io.inputCount) depth *= 2;
  if (!Number.isInteger(depth) || depth < 2 || (depth & (depth - 1)) !== 0) {
    throw new VerilogError('bad-option', `fifoDepth must be a power of two ≥ 2, got ${depth}`);
  }
  const wi = core.io.inputFormat.width;
  const wo = core.io.outputFormat.width;
  const bi = bytesPerCode(wi);
  const bo = bytesPerCode(wo);
  const aw = addressBits(depth);
  const bcw = addressBits(Math.max(bi, bo) + 1);
  const sample = core.io.hasSample;
  const text =
    fileHeader(`Nexys4 DDR top '${top}': UART 8N1 115200 baud <-> core '${core.top}'.`, [
      `Protocol: each code is ${bi} byte(s) in / ${bo} byte(s) out, little-endian two's complement;`,
      `a vector is ${core.io.inputCount} codes in, ${core.io.outputCount} codes out. Divider: 100 MHz / 868 = 115207 baud (+0.0064 %).`,
    ]) +
    `module ${top} #(\n  parameter integer CLKS_PER_BIT = ${clks}\n) (\n` +
    `  input  wire       CLK100MHZ,\n  input  wire       CPU_RESETN,\n` +
    `  input  wire       UART_TXD_IN,   // PC -> FPGA\n  output wire       UART_RXD_OUT,  // FPGA -> PC\n` +
    (sample ? `  input  wire       SW0,           // 1: sample z, 0: z = mu\n` : '') +
    `  output wire [3:0] LED\n);\n` +
    `  wire clk = CLK100MHZ;\n` +
    `  // Reset: the button is asynchronous and active low; release it synchronously.\n` +
    `  reg [1:0] rst_sync = 2'b11;\n  always @(posedge clk) rst_sync <= {rst_sync[0], !CPU_RESETN};\n` +
    `  wire rst = rst_sync[1];\n` +
    (sample
      ? `  reg [1:0] sw_sync = 2'b00;\n  always @(posedge clk) sw_sync <= {sw_sync[0], SW0};\n`
      : '') +
    `\n  // UART receiver -> byte assembler (little-endian) -> code FIFO\n` +
    `  wire rx_valid, rx_error;\n  wire [7:0] rx_data;\n` +
    `  ${UART_RX_NAME} #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (.clk(clk), .rst(rst), .rx(UART_TXD_IN), ` +
    `.valid(rx_valid), .data(rx_data), .frame_error(rx_error));\n` +
    `  reg [${8 * bi - 1}:0] asm_word;\n  reg [${bcw - 1}:0] asm_count;\n` +
    `  wire [${8 * bi - 1}:0] asm_next = ${bi === 1 ? 'rx_data' : `{rx_data, asm_word[${8 * bi - 1}:8]}`};\n` +
    `  wire push = rx_valid && (asm_count == ${bi - 1});\n` +
    `  reg signed [${wi - 1}:0] fifo [0:${depth - 1}];\n` +
    `  reg [${aw}:0] wr_ptr, rd_ptr;\n` +
    `  wire fifo_empty = (wr_ptr == rd_ptr);\n` +
    `  wire fifo_full = (wr_ptr[${aw - 1}:0] == rd_ptr[${aw - 1}:0]) && (wr_ptr[${aw}] != rd_ptr[${aw}]);\n` +
    `  wire core_in_ready;\n` +
    `  wire pop = !fifo_empty && core_in_ready;\n` +
    `  reg overflow, framing;\n` +
    `  always @(posedge clk) if (push && !fifo_full) fifo[wr_ptr[${aw - 1}:0]] <= asm_next[${wi - 1}:0];\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      asm_count <= 0;\n      wr_ptr <= 0;\n      rd_ptr <= 0;\n      overflow <= 1'b0;\n      framing <= 1'b0;\n` +
    `    end else begin\n` +
    `      if (rx_valid) begin\n        asm_word <= asm_next;\n        asm_count <= push ? 0 : asm_count + 1'b1;\n      end\n` +
    `      if (push) begin\n        if (fifo_full) overflow <= 1'b1;\n        else wr_ptr <= wr_ptr + 1'b1;\n      end\n` +
    `      if (pop) rd_ptr <= rd_ptr + 1'b1;\n` +
    `      if (rx_error) framing <= 1'b1;\n` +
    `    end\n  end\n\n` +
    `  // The core\n` +
    `  wire core_out_valid, core_out_ready, core_out_last;\n  wire signed [${wo - 1}:0] core_out_data;\n` +
    `  ${core.top} u_core (\n    .clk(clk), .rst(rst),${sample ? ' .sample(sw_sync[1]),' : ''}\n` +
    `    .in_valid(!fifo_empty), .in_ready(core_in_ready), .in_data(fifo[rd_ptr[${aw - 1}:0]]),\n` +
    `    .out_valid(core_out_valid), .out_ready(core_out_ready), .out_data(core_out_data), .out_last(core_out_last)\n  );\n\n` +
    `  // Output codes -> bytes (little-endian, sign-extended) -> UART transmitter\n` +
    `  reg [${8 * bo - 1}:0] ser_word;\n  reg [${bcw - 1}:0] ser_left;\n  reg result_toggle;\n` +
    `  wire tx_ready;\n  wire tx_valid = (ser_left != 0);\n` +
    `  assign core_out_ready = (ser_left == 0);\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      ser_left <= 0;\n      result_toggle <= 1'b0;\n    end else if (ser_left == 0) begin\n` +
    `      if (core_out_valid) begin\n` +
    `        ser_word <= {{${8 * bo - wo + 1}{core_out_data[${wo - 1}]}}, core_out_data[${wo - 2}:0]};\n` +
    `        ser_left <= ${bo};\n        if (core_out_last) result_toggle <= !result_toggle;\n      end\n` +
    `    end else if (tx_ready) begin\n` +
    `      ser_word <= ser_word >> 8;\n      ser_left <= ser_left - 1'b1;\n    end\n  end\n` +
    `  ${UART_TX_NAME} #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_tx (.clk(clk), .rst(rst), .valid(tx_valid), ` +
    `.ready(tx_ready), .data(ser_word[7:0]), .tx(UART_RXD_OUT));\n\n` +
    `  assign LED = {result_toggle, ${sample ? 'sw_sync[1]' : "1'b0"}, framing, overflow};\n` +
    `endmodule\n`;
  const xdc = nexysXdc(top, sample);
  const uartFiles = {
    [`${UART_RX_NAME}.v`]: UART_RX_MODULE,
    [`${UART_TX_NAME}.v`]: UART_TX_MODULE,
  };
  return {
    top,
    files: { ...core.files, ...uartFiles, [`${top}.v`]: text, [`${top}.xdc`]: xdc },
    sources: [...core.sources, ...Object.keys(uartFiles), `${top}.v`],
    io: core.io,
    layers: core.layers,
    core,
    xdc,
    uart: { clksPerBit: clks, bytesPerInput: bi, bytesPerOutput: bo, fifoDepth: depth },
  };
}
