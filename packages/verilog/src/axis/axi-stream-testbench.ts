import { requireKnownOptions } from '@latentkit/core';
import { VerilogError } from '../errors/verilog-error.js';
import { fileHeader, verilogString } from '../hdl/verilog-text.js';
import { goldenRoms } from '../tb/golden-roms.js';
import type { TestVectors } from '../tb/test-vectors.js';
import { RESET_CYCLES, TB_ACTUAL_FILE, TB_EXPECTED_FILE } from '../tb/testbench-protocol.js';
import {
  defaultTimeout,
  romCheckVerilog,
  type Testbench,
  type TestbenchOptions,
  vectorFiles,
} from '../tb/verilog-testbench.js';
import type { AxiStreamDesign } from './axi-stream-wrapper.js';

/** Beats the AXI-Stream testbench sends: `{TLAST, TDATA}` words, one per line. */
export const TB_AXIS_BEATS_FILE = 'tb_axis_beats.hex';

/** Options of {@link axiStreamTestbench}. */
export interface AxiStreamTestbenchOptions extends TestbenchOptions {
  /** Seed of the xorshift32 that draws TVALID and TREADY (non-zero). Default 1. */
  seed?: number;
  /** Probability (0…1) that the source offers a beat in a cycle it may. Default 0.6. */
  validProbability?: number;
  /** Probability (0…1) that the sink is ready in a cycle. Default 0.6. */
  readyProbability?: number;
  /**
   * Insert malformed packets the wrapper must drop: before every 3rd vector (1, 4, …) a packet
   * whose TLAST comes too early (when vectors have ≥ 2 codes), before vectors 2, 5, … one
   * without TLAST on its last code followed by two more beats, the second with TLAST.
   * Default `false`.
   */
  badPackets?: boolean;
}

/** The beats of the stimulus and how many malformed packets they hold. */
export function axiStreamBeats(
  design: AxiStreamDesign,
  vectors: TestVectors,
  badPackets: boolean,
): { beats: { data: number; last: boolean }[]; bad: number } {
  const n = design.io.inputCount;
  const beats: { data: number; last: boolean }[] = [];
  let bad = 0;
  vectors.inputs.forEach((x, r) => {
    if (badPackets && r % 3 === 1 && n >= 2) {
      const k = Math.max(1, n >> 1);
      for (let i = 0; i < k; i++) beats.push({ data: x[i]!, last: i === k - 1 });
      bad++;
    }
    if (badPackets && r % 3 === 2) {
      for (const c of x) beats.push({ data: c, last: false });
      beats.push({ data: x[0]!, last: false }, { data: x[0]!, last: true });
      bad++;
    }
    for (let i = 0; i < n; i++) beats.push({ data: x[i]!, last: i === n - 1 });
  });
  return { beats, bad };
}

function beatsFile(beats: readonly { data: number; last: boolean }[], width: number): string {
  const digits = Math.ceil((width + 1) / 4);
  const lines = beats.map((b) => {
    const u = (BigInt(b.data) & ((1n << BigInt(width)) - 1n)) | (b.last ? 1n << BigInt(width) : 0n);
    return u.toString(16).padStart(digits, '0');
  });
  return `// {TLAST, TDATA[${width - 1}:0]} per beat\n${lines.join('\n')}\n`;
}

const threshold = (p: number | undefined, name: string): number => {
  const v = p ?? 0.6;
  if (!(typeof v === 'number' && v > 0 && v <= 1)) {
    throw new VerilogError('bad-option', `${name} must be in (0, 1], got ${String(v)}`);
  }
  return Math.min(256, Math.round(v * 256));
};

// long: one Verilog testbench written top to bottom (source with random TVALID, sink with
// random TREADY, the AXI handshake-rule checks, the comparison and the RESULT line).
/**
 * A self-checking Verilog testbench (`tb_<top>`, Icarus Verilog or Verilator) for an
 * {@link AxiStreamDesign}: a source offers the vectors' codes as AXI4-Stream beats with random
 * TVALID (an offered beat stays until TREADY, as the rules require), a sink takes the output with
 * random TREADY (both from a seeded xorshift32, the same in every simulator), every output beat
 * is compared with the golden codes (sign-extended TDATA, TLAST on the last code), and the master
 * port is checked against the handshake rules: a beat offered while TREADY is low must still be
 * offered, unchanged, in the next cycle. Prints `MISMATCH` / `ROM_MISMATCH` lines, then
 * `AXIS tlast_errors=… expected=… protocol=…` and the usual `RESULT` line (PASS needs the right
 * number of `tlast_error` pulses and no protocol error too). Reads back every ROM word when
 * `vectors.model` is set, like `verilogTestbench`.
 *
 * @throws {@link VerilogError} (`bad-vectors`, `bad-option`).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { axiStreamTestbench, axiStreamWrapper, generateMlp, mlpVectors } from '@latentkit/verilog';
 *
 * const axis = axiStreamWrapper(generateMlp(q)); // q: a QuantizedMlp
 * const tb = axiStreamTestbench(axis, mlpVectors(q, inputs), { seed: 1, validProbability: 0.7, readyProbability: 0.5 });
 * // tb.files: { 'tb_<top>.v': …, vector files }; run with Icarus Verilog or Verilator
 * ```
 */
export function axiStreamTestbench(
  design: AxiStreamDesign,
  vectors: TestVectors,
  options: AxiStreamTestbenchOptions = {},
): Testbench {
  requireKnownOptions(
    options,
    ['timeoutCycles', 'maxReports', 'seed', 'validProbability', 'readyProbability', 'badPackets'],
    'axiStreamTestbench options',
  );
  const files = vectorFiles(design, vectors);
  const ti = design.inTdataWidth;
  const to = design.outTdataWidth;
  const wo = design.io.outputFormat.width;
  const nOut = design.io.outputCount;
  const { beats, bad } = axiStreamBeats(design, vectors, options.badPackets ?? false);
  files[TB_AXIS_BEATS_FILE] = beatsFile(beats, ti);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed <= 0 || seed >= 2 ** 32) {
    throw new VerilogError('bad-option', `seed must be an integer in [1, 2^32), got ${seed}`);
  }
  const vth = threshold(options.validProbability, 'validProbability');
  const rth = threshold(options.readyProbability, 'readyProbability');
  const timeout = options.timeoutCycles ?? 4 * defaultTimeout(design);
  const golden = vectors.model ? goldenRoms(design, vectors.model) : [];
  const roms = golden.length > 0 ? golden : undefined;
  const romTail = roms
    ? ' roms=%0d rom_words=%0d rom_mismatches=%0d'
    : ' roms=0 rom_words=0 rom_mismatches=0';
  const romArgs = roms ? ', N_ROMS, ROM_WORDS, rom_mismatches' : '';
  const romOk = roms ? ' && rom_mismatches == 0' : '';
  const top = `tb_${design.top}`;
  const verdict = `(mismatches == 0 && framing == 0 && protocol == 0 && tlast_errors == BAD${romOk}) ? "PASS" : "FAIL"`;
  const axisLine = `        $display("AXIS tlast_errors=%0d expected=%0d protocol=%0d", tlast_errors, BAD, protocol);\n`;
  const text =
    fileHeader(
      `AXI4-Stream testbench of '${design.top}' (${vectors.inputs.length} vectors, ${beats.length} beats).`,
    ) +
    '`timescale 1ns / 1ps\n' +
    `module ${top};\n` +
    `  localparam integer N_VEC = ${vectors.inputs.length}, N_OUT = ${nOut}, BEATS = ${beats.length}, BAD = ${bad};\n` +
    `  localparam integer TOTAL_OUT = ${vectors.inputs.length * nOut};\n` +
    `  localparam integer TIMEOUT = ${timeout}, MAX_REPORTS = ${options.maxReports ?? 10};\n` +
    `  reg clk = 1'b0;\n  always #5 clk = ~clk;\n` +
    `  reg rst = 1'b1;\n  reg sample = 1'b0;\n` +
    `  reg [${ti}:0] beat_mem [0:BEATS-1];\n` +
    `  reg [${wo - 1}:0] exp_mem [0:TOTAL_OUT-1];\n` +
    `  integer beat = 0, out_idx = 0, mismatches = 0, framing = 0, protocol = 0, tlast_errors = 0;\n` +
    `  integer cycle = 0, first_in = 0, latency = -1, last_beat = 0, rst_cnt = 0, fd, arg;\n` +
    `  reg [31:0] rnd = 32'd${seed};\n` +
    `  wire [31:0] rnd_next = rnd ^ (rnd << 13) ^ ((rnd ^ (rnd << 13)) >> 17);\n` +
    `  wire [31:0] rnd_n = rnd_next ^ (rnd_next << 5);\n` +
    `  reg s_valid = 1'b0, m_ready = 1'b0;\n` +
    `  wire s_ready, m_valid, m_last, tlast_error;\n` +
    `  wire [${ti}:0] cur = (beat < BEATS) ? beat_mem[beat] : ${ti + 1}'d0;\n` +
    `  wire [${to - 1}:0] m_data;\n` +
    `  wire [${wo - 1}:0] exp_w = exp_mem[out_idx];\n` +
    `  wire [${to - 1}:0] exp_x = {{${to - wo + 1}{exp_w[${wo - 1}]}}, exp_w[${wo - 2}:0]};\n` +
    `  ${design.top} dut (\n    .aclk(clk), .aresetn(!rst),${design.io.hasSample ? ' .sample(sample),' : ''}\n` +
    `    .s_axis_tvalid(s_valid), .s_axis_tready(s_ready), .s_axis_tdata(cur[${ti - 1}:0]), .s_axis_tlast(cur[${ti}]),\n` +
    `    .m_axis_tvalid(m_valid), .m_axis_tready(m_ready), .m_axis_tdata(m_data), .m_axis_tlast(m_last),\n` +
    `    .tlast_error(tlast_error)\n  );\n` +
    (roms ? romCheckVerilog(roms) : '') +
    `  reg stalled = 1'b0, held_last;\n  reg [${to - 1}:0] held_data;\n` +
    `  initial begin\n` +
    `    $readmemh(${verilogString(TB_AXIS_BEATS_FILE)}, beat_mem);\n` +
    `    $readmemh(${verilogString(TB_EXPECTED_FILE)}, exp_mem);\n` +
    `    if ($value$plusargs("SAMPLE=%d", arg)) sample = (arg != 0);\n` +
    `    fd = $fopen(${verilogString(TB_ACTUAL_FILE)}, "w");\n  end\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n` +
    `      rst_cnt <= rst_cnt + 1;\n      if (rst_cnt == ${RESET_CYCLES - 1}) rst <= 1'b0;\n` +
    `    end else begin\n` +
    `      cycle <= cycle + 1;\n      rnd <= rnd_n;\n` +
    `      // Source: a beat once offered stays until taken; otherwise offer with probability.\n` +
    `      if (s_valid && s_ready) begin\n` +
    `        if (beat == 0) first_in <= cycle;\n        beat <= beat + 1;\n` +
    `        s_valid <= (beat + 1 < BEATS) && (rnd[7:0] < ${vth});\n` +
    `      end else if (!s_valid) s_valid <= (beat < BEATS) && (rnd[7:0] < ${vth});\n` +
    `      m_ready <= (rnd[15:8] < ${rth});\n` +
    `      if (tlast_error) tlast_errors <= tlast_errors + 1;\n` +
    `      // Master-port rules: a stalled beat is still offered, unchanged.\n` +
    `      if (stalled && (!m_valid || m_data !== held_data || m_last !== held_last)) protocol <= protocol + 1;\n` +
    `      stalled <= m_valid && !m_ready;\n      held_data <= m_data;\n      held_last <= m_last;\n` +
    `      if (out_idx == TOTAL_OUT) begin\n` +
    `        $fclose(fd);\n` +
    axisLine +
    `        $display("RESULT %s vectors=%0d mismatches=%0d framing=%0d latency=%0d cycles=%0d${romTail}",\n` +
    `                 ${verdict}, N_VEC, mismatches, framing, latency, last_beat${romArgs});\n` +
    `        $finish;\n` +
    `      end else if (m_valid && m_ready) begin\n` +
    `        last_beat <= cycle;\n` +
    `        $fwrite(fd, "%h\\n", m_data[${wo - 1}:0]);\n` +
    `        if (m_data !== exp_x) begin\n` +
    `          mismatches <= mismatches + 1;\n` +
    `          if (mismatches < MAX_REPORTS)\n` +
    `            $display("MISMATCH vector=%0d index=%0d got=%h expected=%h", out_idx / N_OUT, out_idx % N_OUT, m_data, exp_x);\n` +
    `        end\n` +
    `        if (m_last !== ((out_idx % N_OUT) == N_OUT - 1)) framing <= framing + 1;\n` +
    `        if (out_idx == N_OUT - 1) latency <= cycle - first_in;\n` +
    `        out_idx <= out_idx + 1;\n` +
    `      end else if (cycle - last_beat > TIMEOUT) begin\n` +
    `        $fclose(fd);\n` +
    axisLine +
    `        $display("RESULT FAIL TIMEOUT vectors=%0d mismatches=%0d framing=%0d latency=%0d cycles=%0d${romTail}", out_idx / N_OUT, mismatches, framing, latency, cycle${romArgs});\n` +
    `        $finish;\n` +
    `      end\n` +
    `    end\n` +
    `  end\n` +
    `endmodule\n`;
  files[`${top}.v`] = text;
  return { top, files };
}
