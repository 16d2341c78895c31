import { requireKnownOptions } from '@latentkit/core';
import { checkDesignNames } from '../design/check-design-names.js';
import type { VerilogDesign } from '../design/verilog-design.js';
import { hexFile } from '../hdl/hex.js';
import { fileHeader, verilogString } from '../hdl/verilog-text.js';
import { romName } from './design-roms.js';
import { type GoldenRom, goldenRoms } from './golden-roms.js';
import { checkVectors, type TestVectors } from './test-vectors.js';
import {
  LFSR_SEED,
  RESET_CYCLES,
  TB_ACTUAL_FILE,
  TB_EXPECTED_FILE,
  TB_INPUTS_FILE,
  TB_ROMS_FILE,
} from './testbench-protocol.js';

/** A generated testbench: its top module (or program) and the files it needs. */
export interface Testbench {
  /** Top module name (Verilog) or file name of the C++ program. */
  top: string;
  /** Files to add next to the design: the bench and the vector files. */
  files: Record<string, string>;
}

/** Options of the testbench generators. */
export interface TestbenchOptions {
  /** Cycles without an output beat after which the run fails. Default from the design's layer model. */
  timeoutCycles?: number;
  /** Mismatches printed in full (the count is always exact). Default 10. */
  maxReports?: number;
}

/**
 * The golden ROM words file: every ROM's words one after the other (each in its own width, a
 * `//` comment line naming it first); only a header line when `roms` is `undefined` (no check).
 */
export function romsFile(roms: readonly GoldenRom[] | undefined): string {
  if (!roms) return '// no ROM read-back: the vectors carry no model\n';
  return roms
    .map((r) => hexFile(r.words, r.width, `${romName(r)} from ${r.file}: ${r.depth} words`))
    .join('');
}

/**
 * The vector files every testbench reads: inputs, expected outputs and the golden ROM words
 * (computed from `vectors.model` by `goldenRoms` when it is set).
 *
 * @throws {@link VerilogError} (`bad-vectors`) for vectors that do not fit the design, or a model
 *   that does not fit it (see `goldenRoms`).
 */
export function vectorFiles(design: VerilogDesign, vectors: TestVectors): Record<string, string> {
  checkVectors(vectors, design.io);
  return {
    [TB_INPUTS_FILE]: hexFile(vectors.inputs.flat(), design.io.inputFormat.width),
    [TB_EXPECTED_FILE]: hexFile(vectors.expected.flat(), design.io.outputFormat.width),
    [TB_ROMS_FILE]: romsFile(vectors.model ? goldenRoms(design, vectors.model) : undefined),
  };
}

/**
 * The Verilog of the ROM read-back (declarations and an `initial` block that runs at 1 ns, after
 * the design's `$readmemh` calls): each ROM `dut.<path>.<memory>` is compared word by word with
 * its slice of `rom_exp` (read from {@link TB_ROMS_FILE}). Needs `MAX_REPORTS` and an instance
 * `dut` in the bench; counts into `rom_mismatches`, and declares `N_ROMS` and `ROM_WORDS`.
 */
export function romCheckVerilog(roms: readonly GoldenRom[]): string {
  const total = roms.reduce((s, r) => s + r.depth, 0);
  const wmax = roms.reduce((s, r) => Math.max(s, r.width), 1);
  let off = 0;
  const loops = roms.map((r) => {
    const ref = `dut.${romName(r)}`;
    const exp = `rom_exp[${off} + rom_a][${r.width - 1}:0]`;
    off += r.depth;
    return (
      `    for (rom_a = 0; rom_a < ${r.depth}; rom_a = rom_a + 1) begin\n` +
      `      if (${ref}[rom_a] !== ${exp}) begin\n` +
      `        if (rom_mismatches < MAX_REPORTS)\n` +
      `          $display("ROM_MISMATCH memory=%s file=%s address=%0d got=%h expected=%h", ` +
      `${verilogString(romName(r))}, ${verilogString(r.file)}, rom_a, ${ref}[rom_a], ${exp});\n` +
      `        rom_mismatches = rom_mismatches + 1;\n      end\n    end\n`
    );
  });
  return (
    `  // ROM read-back: every word of every ROM against the golden model's words.\n` +
    `  localparam integer N_ROMS = ${roms.length}, ROM_WORDS = ${total};\n` +
    `  reg [${wmax - 1}:0] rom_exp [0:ROM_WORDS-1];\n` +
    `  integer rom_a, rom_mismatches = 0;\n` +
    `  initial begin\n` +
    `    $readmemh(${verilogString(TB_ROMS_FILE)}, rom_exp);\n` +
    `    #1;\n` +
    loops.join('') +
    `  end\n`
  );
}

/** Default watchdog: 4× the modelled cycles of one vector through all layers, plus slack. */
export function defaultTimeout(design: VerilogDesign): number {
  const model = design.layers.reduce((s, l) => s + l.computeCycles + l.inFeatures, 0);
  return 4 * model + 10_000;
}

/**
 * A self-checking Verilog testbench (`tb_<top>`) for Icarus Verilog or Verilator: drives the
 * core's input stream from `tb_inputs.hex`, checks every output beat against `tb_expected.hex`
 * (and `out_last` framing), writes what it saw to `tb_actual.hex`, prints up to `maxReports`
 * `MISMATCH` lines and a final `RESULT PASS|FAIL … latency=… cycles=… roms=… rom_words=…
 * rom_mismatches=…` line (see `testbench-protocol.ts`). When `vectors.model` is set it first
 * reads back every word of every ROM of the design through hierarchical references
 * (`dut.u_layer.wrom_0[a]`) and compares it with the golden model's word from `tb_roms.hex`
 * (`ROM_MISMATCH` lines name the memory and address), so a single flipped weight bit fails even
 * when rounding hides it in the outputs. Plusargs: `+SAMPLE=1` drives `sample` high (VAE),
 * `+STALL=1` enables random back-pressure after vector 0.
 *
 * @throws {@link VerilogError} (`bad-vectors`) if the vectors (or their model) do not fit the
 *   design; (`bad-option`)
 *   if `design.top` is not a simple identifier or a file name is not plain (`checkDesignNames`).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { mlpVectors, verilogTestbench } from '@latentkit/verilog';
 *
 * const tb = verilogTestbench(design, mlpVectors(q, inputs), { timeoutCycles: 100_000 });
 * // tb.top: 'tb_<top>'; tb.files: the self-checking bench and its vector files
 * ```
 */
export function verilogTestbench(
  design: VerilogDesign,
  vectors: TestVectors,
  options: TestbenchOptions = {},
): Testbench {
  requireKnownOptions(options, ['timeoutCycles', 'maxReports'], 'verilogTestbench options');
  checkDesignNames(design, 'verilogTestbench');
  const files = vectorFiles(design, vectors);
  const top = `tb_${design.top}`;
  const n = vectors.inputs.length;
  const { inputCount: nin, outputCount: nout } = design.io;
  const wi = design.io.inputFormat.width;
  const wo = design.io.outputFormat.width;
  const timeout = options.timeoutCycles ?? defaultTimeout(design);
  const maxReports = options.maxReports ?? 10;
  const golden = vectors.model ? goldenRoms(design, vectors.model) : [];
  const roms = golden.length > 0 ? golden : undefined;
  const romTail = roms
    ? ' roms=%0d rom_words=%0d rom_mismatches=%0d'
    : ' roms=0 rom_words=0 rom_mismatches=0';
  const romArgs = roms ? ', N_ROMS, ROM_WORDS, rom_mismatches' : '';
  const romOk = roms ? ' && rom_mismatches == 0' : '';
  const text =
    fileHeader(`Self-checking testbench of '${design.top}' (${n} vectors).`) +
    '`timescale 1ns / 1ps\n' +
    `module ${top};\n` +
    `  localparam integer N_VEC = ${n}, N_IN = ${nin}, N_OUT = ${nout};\n` +
    `  localparam integer TOTAL_IN = ${n * nin}, TOTAL_OUT = ${n * nout};\n` +
    `  localparam integer TIMEOUT = ${timeout}, MAX_REPORTS = ${maxReports};\n` +
    `  reg clk = 1'b0;\n  always #5 clk = ~clk;\n` +
    `  reg rst = 1'b1;\n  reg sample = 1'b0;\n  reg stall = 1'b0;\n` +
    `  reg [${wi - 1}:0] in_mem [0:TOTAL_IN-1];\n` +
    `  reg [${wo - 1}:0] exp_mem [0:TOTAL_OUT-1];\n` +
    `  integer in_idx = 0, out_idx = 0, mismatches = 0, framing = 0, cycle = 0;\n` +
    `  integer first_in = 0, latency = -1, last_beat = 0, rst_cnt = 0, fd, arg;\n` +
    `  reg [15:0] lfsr = 16'h${LFSR_SEED.toString(16)};\n` +
    `  wire stall_on = stall && (out_idx >= N_OUT);\n` +
    `  wire in_valid = !rst && (in_idx < TOTAL_IN) && !(stall_on && lfsr[0]);\n` +
    `  wire [${wi - 1}:0] in_data = (in_idx < TOTAL_IN) ? in_mem[in_idx] : ${wi}'d0;\n` +
    `  wire out_ready = !rst && !(stall_on && lfsr[1]);\n` +
    `  wire in_ready, out_valid, out_last;\n` +
    `  wire [${wo - 1}:0] out_data;\n` +
    `  wire last_expected = ((out_idx % N_OUT) == N_OUT - 1);\n` +
    (roms ? romCheckVerilog(roms) : '') +
    `  ${design.top} dut (\n    .clk(clk), .rst(rst),${design.io.hasSample ? ' .sample(sample),' : ''}\n` +
    `    .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),\n` +
    `    .out_valid(out_valid), .out_ready(out_ready), .out_data(out_data), .out_last(out_last)\n  );\n` +
    `  initial begin\n` +
    `    $readmemh(${verilogString(TB_INPUTS_FILE)}, in_mem);\n` +
    `    $readmemh(${verilogString(TB_EXPECTED_FILE)}, exp_mem);\n` +
    `    if ($value$plusargs("SAMPLE=%d", arg)) sample = (arg != 0);\n` +
    `    if ($value$plusargs("STALL=%d", arg)) stall = (arg != 0);\n` +
    `    fd = $fopen(${verilogString(TB_ACTUAL_FILE)}, "w");\n  end\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n` +
    `      rst_cnt <= rst_cnt + 1;\n      if (rst_cnt == ${RESET_CYCLES - 1}) rst <= 1'b0;\n` +
    `    end else begin\n` +
    `      cycle <= cycle + 1;\n` +
    `      lfsr <= {lfsr[14:0], lfsr[15] ^ lfsr[13] ^ lfsr[12] ^ lfsr[10]};\n` +
    `      if (in_valid && in_ready) begin\n` +
    `        if (in_idx == 0) first_in <= cycle;\n        in_idx <= in_idx + 1;\n      end\n` +
    `      if (out_idx == TOTAL_OUT) begin\n` +
    `        $fclose(fd);\n` +
    `        $display("RESULT %s vectors=%0d mismatches=%0d framing=%0d latency=%0d cycles=%0d${romTail}",\n` +
    `                 (mismatches == 0 && framing == 0${romOk}) ? "PASS" : "FAIL", N_VEC, mismatches, framing, latency, last_beat${romArgs});\n` +
    `        $finish;\n` +
    `      end else if (out_valid && out_ready) begin\n` +
    `        last_beat <= cycle;\n` +
    `        $fwrite(fd, "%h\\n", out_data);\n` +
    `        if (out_data !== exp_mem[out_idx]) begin\n` +
    `          mismatches <= mismatches + 1;\n` +
    `          if (mismatches < MAX_REPORTS)\n` +
    `            $display("MISMATCH vector=%0d index=%0d got=%h expected=%h", out_idx / N_OUT, out_idx % N_OUT, out_data, exp_mem[out_idx]);\n` +
    `        end\n` +
    `        if (out_last !== last_expected) framing <= framing + 1;\n` +
    `        if (out_idx == N_OUT - 1) latency <= cycle - first_in;\n` +
    `        out_idx <= out_idx + 1;\n` +
    `      end else if (cycle - last_beat > TIMEOUT) begin\n` +
    `        $fclose(fd);\n` +
    `        $display("RESULT FAIL TIMEOUT vectors=%0d mismatches=%0d framing=%0d latency=%0d cycles=%0d${romTail}", out_idx / N_OUT, mismatches, framing, latency, cycle${romArgs});\n` +
    `        $finish;\n` +
    `      end\n` +
    `    end\n` +
    `  end\n` +
    `endmodule\n`;
  files[`${top}.v`] = text;
  return { top, files };
}
