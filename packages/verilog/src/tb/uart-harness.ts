import { requireKnownOptions } from '@latentkit/core';
import type { BoardDesign } from '../board/nexys-top.js';
import { checkDesignNames } from '../design/check-design-names.js';
import { hexFile } from '../hdl/hex.js';
import { fileHeader, verilogString } from '../hdl/verilog-text.js';
import { cxxrtlHarnessDriver } from './cxxrtl-harness-driver.js';
import { checkVectors, type TestVectors } from './test-vectors.js';
import { RESET_CYCLES, TB_ACTUAL_FILE } from './testbench-protocol.js';
import { type UartFault, type UartSegment, uartScript } from './uart-script.js';

/** Byte files of the UART bench. */
export const UART_IN_FILE = 'tb_uart_in.hex';
/** Expected bytes. */
export const UART_EXPECTED_FILE = 'tb_uart_expected.hex';
/** Segment ends: per segment, the cumulative count of bytes sent and of bytes expected back. */
export const UART_SEGMENT_FILE = 'tb_uart_segments.hex';

const signedByte = (b: number) => (b >= 128 ? b - 256 : b);

/** A generated UART bench: a synthesizable harness plus a Verilog and a C++ driver. */
export interface UartBench {
  /** Harness module name (the CXXRTL top). */
  harness: string;
  /** Verilog driver module name (the Icarus/Verilator top). */
  verilogTop: string;
  /** C++ driver file name. */
  cxxFile: string;
  /** Files: harness, drivers, byte files. */
  files: Record<string, string>;
  /** The byte stream the host sends. */
  inputBytes: number[];
  /** The bytes the board must return. */
  expectedBytes: number[];
  /** The conversation: per vector, the bytes sent and the reply awaited. */
  segments: UartSegment[];
  /** Indices of the vectors the board must answer (all of them unless `faults` hit frames). */
  answered: number[];
}

// long: it writes two testbenches (Verilog for Icarus, C++ for CXXRTL) that must drive
// and check the UART identically, so they sit side by side, in the order of the emitted text.
/**
 * A bench for the whole board top: a synchronous harness module plays the PC — its own UART
 * transmitter (a 10-bit frame shift register) sends every vector as a request frame
 * (`requestFrame`, with the `faults` applied) on `UART_TXD_IN`, its own receiver (a mid-bit
 * sampler, written independently of `lk_uart_rx`) decodes `UART_RXD_OUT`, and it compares every
 * byte with the reply frames the protocol model predicts (`uartScript`). It sends a vector's
 * segment, then waits for its whole answer (none for a frame a fault destroyed), and finally for
 * 30 quiet byte times, so a reply that should not exist is caught too. Everything is clocked, so the
 * same harness runs under Icarus Verilog (thin driver with `$display`) and CXXRTL (thin C++
 * driver); both print the `RESULT` line of the core benches (mismatches = wrong bytes,
 * framing = bad stop bits, latency = cycles from the first start bit of vector 0 to the middle
 * of its last stop bit) and write the received bytes to `tb_actual.hex`.
 *
 * @param board - The board top to test.
 * @param vectors - Input codes and the golden model's expected codes.
 * @param options - `clksPerBit`, `sample` and `timeoutCycles` overrides (below).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { generateMlp, mlpVectors, nexysTop, uartBench } from '@latentkit/verilog';
 *
 * const board = nexysTop(generateMlp(q), { clksPerBit: 8 }); // a fast UART for simulation
 * const bench = uartBench(board, mlpVectors(q, inputs), { faults: [{ kind: 'drop', vector: 1, byte: 3 }] });
 * // bench.files: the harness that plays the PC over the UART, and its C++ driver
 * ```
 */
export function uartBench(
  board: BoardDesign,
  vectors: TestVectors,
  options: {
    /**
     * Overrides the top's `CLKS_PER_BIT` (a smaller divider simulates faster). Default: the
     * board's own divider (868 for 100 MHz / 115200 baud).
     */
    clksPerBit?: number;
    /** Drives the board's `SW0` (sampling switch) for VAE tops. Default `vectors.sample`. */
    sample?: boolean;
    /**
     * Clock cycles after which the drivers stop and report a timeout. Default 20× the cycles the
     * bytes need on the line, plus 100,000.
     */
    timeoutCycles?: number;
    /** Line faults to inject (dropped, flipped, extra bytes, garbage between frames). */
    faults?: readonly UartFault[];
    /** Frames sent before the harness waits for their replies (`uartScript`). Default 1. */
    window?: number;
  } = {},
): UartBench {
  requireKnownOptions(
    options,
    ['clksPerBit', 'sample', 'timeoutCycles', 'faults', 'window'],
    'uartBench options',
  );
  checkDesignNames(board, 'uartBench');
  checkVectors(vectors, board.io);
  const clks = options.clksPerBit ?? board.uart.clksPerBit;
  const wi = board.io.inputFormat.width;
  const wo = board.io.outputFormat.width;
  const io = { ...board.io, inputWidth: wi, outputWidth: wo };
  const script = uartScript(io, vectors, options.faults, options.window);
  const segments = script.segments;
  const inputBytes = segments.flatMap((g) => g.send);
  const expectedBytes = segments.flatMap((g) => g.expect);
  const n = vectors.inputs.length;
  const ends: number[] = [];
  let sent = 0;
  let got = 0;
  for (const g of segments) {
    sent += g.send.length;
    got += g.expect.length;
    ends.push(sent, got);
  }
  const nIn = inputBytes.length;
  const nExp = expectedBytes.length;
  const quiet = 30 * 10 * clks;
  const harness = `${board.top}_harness`;
  const sample = options.sample ?? vectors.sample;
  const timeout = options.timeoutCycles ?? 20 * (nIn + nExp) * 10 * clks + quiet + 100_000;
  const text =
    fileHeader(`UART harness of '${board.top}': plays the PC on the serial line (${n} vectors).`) +
    `module ${harness} #(\n  parameter integer CLKS_PER_BIT = ${clks}\n) (\n` +
    `  input  wire        clk,\n  input  wire        rst,\n` +
    `  output reg         done,\n  output reg  [31:0] errors,\n  output reg  [31:0] framing,\n` +
    `  output reg  [31:0] latency,\n  output reg  [31:0] cycles,\n` +
    `  output reg         rx_strobe,\n  output reg  [7:0]  rx_byte\n);\n` +
    `  localparam integer N_SEG = ${segments.length}, N_IN = ${nIn}, N_EXP = ${nExp}, QUIET = ${quiet};\n` +
    `  localparam integer FIRST_REPLY = ${segments[0]!.expect.length};\n` +
    `  reg [7:0] in_bytes [0:${nIn - 1}];\n  reg [7:0] exp_bytes [0:${Math.max(nExp, 1) - 1}];\n` +
    `  reg [31:0] seg_ends [0:${2 * segments.length - 1}];  // per segment: bytes sent, bytes back (cumulative)\n` +
    `  initial $readmemh(${verilogString(UART_IN_FILE)}, in_bytes);\n` +
    (nExp > 0 ? `  initial $readmemh(${verilogString(UART_EXPECTED_FILE)}, exp_bytes);\n` : '') +
    `  initial $readmemh(${verilogString(UART_SEGMENT_FILE)}, seg_ends);\n` +
    `  wire to_dut, from_dut;\n  wire [3:0] led;\n` +
    `  ${board.top} #(.CLKS_PER_BIT(CLKS_PER_BIT)) dut (.CLK100MHZ(clk), .CPU_RESETN(!rst), ` +
    `.UART_TXD_IN(to_dut), .UART_RXD_OUT(from_dut),${board.io.hasSample ? ` .SW0(1'b${sample ? 1 : 0}),` : ''} .LED(led));\n\n` +
    `  // Host transmitter: a 10-bit frame {stop, byte, start}, shifted out LSB first.\n` +
    `  reg [9:0] h_frame;\n  reg [3:0] h_bits;\n  reg [15:0] h_cnt;\n` +
    `  reg [31:0] send_idx, recv_idx, seg, first_start, quiet;\n` +
    `  assign to_dut = (h_bits == 0) ? 1'b1 : h_frame[0];\n` +
    `  // Host receiver: after a falling edge, sample 1.5 bit times later, then every bit time.\n` +
    `  reg [15:0] r_cnt;\n  reg [3:0] r_bit;\n  reg r_busy;\n  reg [7:0] r_shift;\n  reg [1:0] r_sync;\n` +
    `  always @(posedge clk) begin\n` +
    `    rx_strobe <= 1'b0;\n` +
    `    r_sync <= rst ? 2'b11 : {r_sync[0], from_dut};\n` +
    `    if (rst) begin\n` +
    `      done <= 1'b0;\n      errors <= 0;\n      framing <= 0;\n      latency <= 0;\n      cycles <= 0;\n` +
    `      h_bits <= 0;\n      h_cnt <= 0;\n      h_frame <= 10'h3ff;\n      send_idx <= 0;\n      recv_idx <= 0;\n` +
    `      seg <= 0;\n      quiet <= 0;\n      first_start <= 0;\n      r_busy <= 1'b0;\n      r_cnt <= 0;\n      r_bit <= 0;\n` +
    `    end else if (!done) begin\n` +
    `      cycles <= cycles + 1;\n` +
    `      // send the bytes of segment seg, then wait for its answer\n` +
    `      if (h_bits == 0) begin\n` +
    `        if (send_idx < seg_ends[2 * seg]) begin\n` +
    `          h_frame <= {1'b1, in_bytes[send_idx < N_IN ? send_idx : 0], 1'b0};\n          h_bits <= 4'd10;\n          h_cnt <= 0;\n` +
    `          if (send_idx == 0) first_start <= cycles;\n          send_idx <= send_idx + 1;\n` +
    `        end else if (recv_idx >= seg_ends[2 * seg + 1] && seg < N_SEG - 1) seg <= seg + 1;\n` +
    `      end else if (h_cnt == CLKS_PER_BIT - 1) begin\n` +
    `        h_cnt <= 0;\n        h_frame <= {1'b1, h_frame[9:1]};\n        h_bits <= h_bits - 1'b1;\n` +
    `      end else h_cnt <= h_cnt + 1'b1;\n` +
    `      // all sent and answered: stop after QUIET idle cycles (an unexpected byte would show)\n` +
    `      if (h_bits == 0 && send_idx == N_IN && recv_idx >= N_EXP && !r_busy && r_sync[1]) begin\n` +
    `        quiet <= quiet + 1;\n        if (quiet == QUIET) done <= 1'b1;\n` +
    `      end else quiet <= 0;\n` +
    `      // receive\n` +
    `      if (!r_busy) begin\n` +
    `        if (!r_sync[1]) begin\n          r_busy <= 1'b1;\n          r_cnt <= 0;\n          r_bit <= 0;\n        end\n` +
    `      end else if (r_cnt == (r_bit == 0 ? CLKS_PER_BIT + CLKS_PER_BIT / 2 - 1 : CLKS_PER_BIT - 1)) begin\n` +
    `        r_cnt <= 0;\n` +
    `        if (r_bit < 8) begin\n          r_shift <= {r_sync[1], r_shift[7:1]};\n          r_bit <= r_bit + 1'b1;\n` +
    `        end else begin\n` +
    `          r_busy <= 1'b0;\n` +
    `          if (!r_sync[1]) framing <= framing + 1;\n` +
    `          rx_strobe <= 1'b1;\n          rx_byte <= r_shift;\n` +
    `          if (recv_idx >= N_EXP || r_shift != exp_bytes[recv_idx < N_EXP ? recv_idx : 0])\n` +
    `            errors <= errors + 1;\n` +
    `          recv_idx <= recv_idx + 1;\n` +
    `          if (recv_idx + 1 == FIRST_REPLY) latency <= cycles - first_start;\n` +
    `        end\n` +
    `      end else r_cnt <= r_cnt + 1'b1;\n` +
    `    end\n  end\nendmodule\n`;
  const verilogTop = `tb_${harness}`;
  const driver =
    fileHeader(`Icarus/Verilator driver of '${harness}'.`) +
    '`timescale 1ns / 1ps\n' +
    `module ${verilogTop};\n` +
    `  reg clk = 1'b0;\n  always #5 clk = ~clk;\n  reg rst = 1'b1;\n  integer rst_cnt = 0, fd;\n` +
    `  wire done, rx_strobe;\n  wire [31:0] errors, framing, latency, cycles;\n  wire [7:0] rx_byte;\n` +
    `  ${harness} h (.clk(clk), .rst(rst), .done(done), .errors(errors), .framing(framing), ` +
    `.latency(latency), .cycles(cycles), .rx_strobe(rx_strobe), .rx_byte(rx_byte));\n` +
    `  initial fd = $fopen(${verilogString(TB_ACTUAL_FILE)}, "w");\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      rst_cnt <= rst_cnt + 1;\n      if (rst_cnt == ${RESET_CYCLES - 1}) rst <= 1'b0;\n    end else begin\n` +
    `      if (rx_strobe) $fwrite(fd, "%h\\n", rx_byte);\n` +
    `      if (done) begin\n        $fclose(fd);\n` +
    `        $display("RESULT %s vectors=${n} mismatches=%0d framing=%0d latency=%0d cycles=%0d", ` +
    `(errors == 0 && framing == 0) ? "PASS" : "FAIL", errors, framing, latency, cycles);\n        $finish;\n` +
    `      end else if (cycles > ${timeout}) begin\n        $fclose(fd);\n` +
    `        $display("RESULT FAIL TIMEOUT vectors=${n} mismatches=%0d framing=%0d latency=%0d cycles=%0d", errors, framing, latency, cycles);\n` +
    `        $finish;\n      end\n    end\n  end\nendmodule\n`;
  const cxxFile = `${verilogTop}.cc`;
  const cxx = cxxrtlHarnessDriver(
    harness,
    TB_ACTUAL_FILE,
    (
      p,
    ) => `      const unsigned long long errors = ${p('errors')}.get<uint32_t>(), framing = ${p('framing')}.get<uint32_t>();
      const unsigned long long latency = ${p('latency')}.get<uint32_t>(), cycles = ${p('cycles')}.get<uint32_t>();
      if (${p('rx_strobe')}.get<bool>()) std::fprintf(fd, "%02x\\n", ${p('rx_byte')}.get<uint32_t>());
      if (${p('done')}.get<bool>()) {
        std::fclose(fd);
        std::printf("RESULT %s vectors=${n} mismatches=%llu framing=%llu latency=%llu cycles=%llu\\n",
                    (errors == 0 && framing == 0) ? "PASS" : "FAIL", errors, framing, latency, cycles);
        return 0;
      }
      if (cycles > ${timeout}ULL) {
        std::fclose(fd);
        std::printf("RESULT FAIL TIMEOUT vectors=${n} mismatches=%llu framing=%llu latency=%llu cycles=%llu\\n",
                    errors, framing, latency, cycles);
        return 0;
      }`,
  );
  return {
    harness,
    verilogTop,
    cxxFile,
    inputBytes,
    expectedBytes,
    segments,
    answered: script.answered,
    files: {
      [`${harness}.v`]: text,
      [`${verilogTop}.v`]: driver,
      [cxxFile]: cxx,
      [UART_IN_FILE]: hexFile(inputBytes.map(signedByte), 8),
      [UART_EXPECTED_FILE]: hexFile(expectedBytes.map(signedByte), 8),
      [UART_SEGMENT_FILE]: `${ends.map((e) => e.toString(16).padStart(8, '0')).join('\n')}\n`,
    },
  };
}
