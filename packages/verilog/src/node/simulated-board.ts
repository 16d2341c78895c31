import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { requireKnownOptions } from '@latentkit/core';
import type { BoardDesign } from '../board/nexys-top.js';
import { checkDesignNames } from '../design/check-design-names.js';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { fileHeader } from '../hdl/verilog-text.js';
import type { BoardTransport } from '../host/board-transport.js';
import { RESET_CYCLES } from '../tb/testbench-protocol.js';
import { requireTool } from './find-tool.js';
import { runProcess } from './run-process.js';
import { writeFiles } from './work-dir.js';

/** Options of {@link openSimulatedBoard}. */
export interface SimulatedBoardOptions {
  /** UART divider for the run (a small one simulates faster). Default the board's own. */
  clksPerBit?: number;
  /** The `SW0` switch of a VAE top (sample z). Default false. */
  sample?: boolean;
  /**
   * Simulated clock cycles a `read` may run while no byte comes back (the simulated
   * counterpart of its timeout). Default 300 byte times plus 20,000 cycles.
   */
  readCycles?: number;
  /** Folder to work in. Default a fresh temp folder. */
  dir?: string;
}

const STDIN = "32'h8000_0000";

/**
 * The board top running in Icarus Verilog as a {@link BoardTransport}: the host's bytes go onto
 * `UART_TXD_IN` as 8N1 bit streams and whatever the board sends on `UART_RXD_OUT` comes back.
 * The simulation runs in lock step with the host: `write` queues bytes; `read` sends them to
 * the simulator over its standard input, which transmits them and then runs until bytes came
 * back and the line has been idle for two byte times, or `readCycles` cycles passed (a timeout
 * in simulated time), and prints the received bytes. So the host code (`exchangeVectors`) runs
 * unchanged against the real RTL, its timeouts and retries included.
 *
 * @throws {@link VerilogToolError} when iverilog is missing or the design does not compile.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { exchangeVectors, nexysTop } from '@latentkit/verilog';
 * import { openSimulatedBoard } from '@latentkit/verilog/node';
 *
 * const board = await openSimulatedBoard(nexysTop(design, { clksPerBit: 8 })); // Icarus Verilog
 * const { outputs } = await exchangeVectors(board, io, inputs); // same host code as for the real board
 * await board.close();
 * ```
 */
export async function openSimulatedBoard(
  board: BoardDesign,
  options: SimulatedBoardOptions = {},
): Promise<BoardTransport> {
  requireKnownOptions(
    options,
    ['clksPerBit', 'sample', 'readCycles', 'dir'],
    'openSimulatedBoard options',
  );
  checkDesignNames(board, 'openSimulatedBoard');
  const clks = options.clksPerBit ?? board.uart.clksPerBit;
  const readCycles = options.readCycles ?? 300 * 10 * clks + 20_000;
  const tb = `tb_${board.top}_link`;
  const sw = board.io.hasSample ? ` .SW0(1'b${options.sample ? 1 : 0}),` : '';
  const text =
    fileHeader(`Lock-step serial link to '${board.top}' for a host process (stdin/stdout).`) +
    '`timescale 1ns / 1ps\n' +
    `module ${tb};\n  localparam integer CLKS = ${clks};\n` +
    `  reg clk = 1'b0;\n  always #5 clk = ~clk;\n  reg rst_n = 1'b0, to_dut = 1'b1;\n  wire from_dut;\n  wire [3:0] led;\n` +
    `  ${board.top} #(.CLKS_PER_BIT(CLKS)) dut (.CLK100MHZ(clk), .CPU_RESETN(rst_n), .UART_TXD_IN(to_dut), ` +
    `.UART_RXD_OUT(from_dut),${sw} .LED(led));\n` +
    `  // receiver: falling edge, then the middle of each bit\n` +
    `  reg [7:0] rx_q [0:65535];\n  integer rx_n = 0, since = 0, r_cnt = 0, r_bit = 0;\n  reg r_busy = 1'b0;\n  reg [7:0] r_shift;\n` +
    `  always @(posedge clk) begin\n    since <= since + 1;\n` +
    `    if (!r_busy) begin\n      if (!from_dut && rst_n) begin\n        r_busy <= 1'b1;\n        r_cnt <= 0;\n        r_bit <= 0;\n      end\n` +
    `    end else if (r_cnt == (r_bit == 0 ? CLKS + CLKS / 2 - 1 : CLKS - 1)) begin\n      r_cnt <= 0;\n` +
    `      if (r_bit < 8) begin\n        r_shift <= {from_dut, r_shift[7:1]};\n        r_bit <= r_bit + 1;\n` +
    `      end else begin\n        r_busy <= 1'b0;\n        rx_q[rx_n % 65536] <= r_shift;\n        rx_n <= rx_n + 1;\n        since <= 0;\n      end\n` +
    `    end else r_cnt <= r_cnt + 1;\n  end\n` +
    `  task send_byte(input [7:0] v);\n    integer j;\n    begin\n      to_dut = 1'b0;\n      repeat (CLKS) @(posedge clk);\n` +
    `      for (j = 0; j < 8; j = j + 1) begin\n        to_dut = v[j];\n        repeat (CLKS) @(posedge clk);\n      end\n` +
    `      to_dut = 1'b1;\n      repeat (CLKS) @(posedge clk);\n    end\n  endtask\n` +
    `  reg [7:0] tx_q [0:65535];\n  integer c, n_send, max_cycles, i, b, k, rx_rd = 0;\n` +
    `  initial begin\n    repeat (${RESET_CYCLES}) @(posedge clk);\n    rst_n = 1'b1;\n    repeat (10) @(posedge clk);\n` +
    `    $display("READY");\n    $fflush;\n    forever begin\n` +
    `      c = $fscanf(${STDIN}, "%d %d", n_send, max_cycles);\n      if (c != 2) $finish;\n` +
    `      for (i = 0; i < n_send; i = i + 1) begin\n        c = $fscanf(${STDIN}, "%h", b);\n        tx_q[i % 65536] = b;\n      end\n` +
    `      for (i = 0; i < n_send; i = i + 1) send_byte(tx_q[i % 65536]);\n` +
    `      k = 0;\n      while (k < max_cycles && !(rx_n > rx_rd && !r_busy && since >= 20 * CLKS)) begin\n` +
    `        @(posedge clk);\n        k = k + 1;\n      end\n` +
    `      $write("R %0d", rx_n - rx_rd);\n` +
    `      while (rx_rd < rx_n) begin\n        $write(" %h", rx_q[rx_rd % 65536]);\n        rx_rd = rx_rd + 1;\n      end\n` +
    `      $write("\\n");\n      $fflush;\n    end\n  end\nendmodule\n`;
  const dir = writeFiles({ ...board.files, [`${tb}.v`]: text }, options.dir);
  const hint = 'install Icarus Verilog (apt-get install iverilog)';
  const iverilog = requireTool('iverilog', hint);
  const vvp = requireTool('vvp', hint);
  await runProcess(iverilog, ['-g2001', '-s', tb, '-o', 'link.vvp', ...board.sources, `${tb}.v`], {
    cwd: dir,
    tool: 'iverilog',
  });
  const child = spawn(vvp, ['-n', 'link.vvp'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    for (;;) {
      const r = await lines.next();
      if (r.done)
        throw new VerilogToolError('vvp', `simulator ended: ${stderr.slice(-2000)}`, stderr);
      if (r.value.startsWith('READY') || r.value.startsWith('R ')) return r.value;
    }
  };
  await nextLine();
  let pending: number[] = [];
  return {
    write: async (bytes) => {
      pending.push(...bytes);
    },
    read: async () => {
      const send = pending;
      pending = [];
      child.stdin.write(
        `${send.length} ${readCycles}${send.map((b) => ` ${b.toString(16)}`).join('')}\n`,
      );
      const words = (await nextLine()).trim().split(/\s+/).slice(2);
      return Uint8Array.from(words.map((w) => Number.parseInt(w, 16)));
    },
    close: async () => {
      child.stdin.end();
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once('exit', () => resolve());
      });
    },
  };
}
