import { requireKnownOptions } from '@latentkit/core';
import { checkDesignNames } from '../design/check-design-names.js';
import type { VerilogDesign } from '../design/verilog-design.js';
import { cxxComment, cxxString } from '../hdl/cxx-text.js';
import { cxxrtlName } from './cxxrtl-name.js';
import { type DesignRom, designRoms, romName } from './design-roms.js';
import {
  LFSR_SEED,
  RESET_CYCLES,
  TB_ACTUAL_FILE,
  TB_EXPECTED_FILE,
  TB_INPUTS_FILE,
  TB_ROMS_FILE,
} from './testbench-protocol.js';
import { defaultTimeout, type Testbench, type TestbenchOptions } from './verilog-testbench.js';

/** File name of the CXXRTL model the C++ testbench includes (what `write_cxxrtl` writes). */
export const CXXRTL_MODEL_FILE = 'design.cc';

/** Shared C++ helpers of the generated benches: hex file reading and clocking. */
export const CXX_HEX_READER = `static std::vector<uint64_t> read_hex(const char *path) {
  std::vector<uint64_t> words;
  std::FILE *f = std::fopen(path, "r");
  if (!f) {
    std::fprintf(stderr, "cannot open %s\\n", path);
    std::exit(2);
  }
  char line[256];
  while (std::fgets(line, sizeof line, f)) {
    if (line[0] == '/' || line[0] == '\\n' || line[0] == '\\r' || line[0] == 0) continue;
    words.push_back(std::strtoull(line, nullptr, 16));
  }
  std::fclose(f);
  return words;
}

template <size_t W>
static long long check_rom(const char *name, const char *file, const cxxrtl::memory<W> &mem,
                           size_t depth, const std::vector<uint64_t> &exp, size_t off,
                           long long reported, long long max_reports) {
  const uint64_t mask = W >= 64 ? ~uint64_t(0) : ((uint64_t(1) << W) - 1);
  long long bad = 0;
  for (size_t a = 0; a < depth; a++) {
    const bool present = a < mem.depth;
    const uint64_t got = present ? mem.data[a].template get<uint64_t>() : 0;
    const uint64_t want = exp[off + a] & mask;
    if (!present || got != want) {
      if (reported + bad < max_reports)
        std::printf("ROM_MISMATCH memory=%s file=%s address=%zu got=%llx expected=%llx\\n", name, file, a,
                    (unsigned long long)got, (unsigned long long)want);
      bad++;
    }
  }
  return bad;
}

static bool plusarg(int argc, char **argv, const char *name) {
  std::string want = std::string("+") + name + "=";
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i];
    if (a.rfind(want, 0) == 0) return std::atoi(a.c_str() + want.size()) != 0;
  }
  return false;
}
`;

/**
 * The C++ ROM read-back: reads {@link TB_ROMS_FILE}; when it holds words (the vectors carried a
 * model), compares each ROM's `memory<W>` member (`memory_` + the CXXRTL name of its flattened
 * path `u_a.u_b.mem`) word by word with its slice of them.
 */
function romCheckCxx(roms: readonly DesignRom[]): string {
  const total = roms.reduce((s, r) => s + r.depth, 0);
  let off = 0;
  const calls = roms.map((r) => {
    const member = `memory_${cxxrtlName(romName(r)).replace(/\./g, '_2e_')}`;
    const call =
      `    rom_mismatches += check_rom(${cxxString(romName(r))}, ${cxxString(r.file)}, top.${member}, ` +
      `${r.depth}, rom_exp, ${off}, rom_mismatches, MAX_REPORTS);\n`;
    off += r.depth;
    return call;
  });
  return (
    `  // ROM read-back against the golden model's words (empty file: no check).\n` +
    `  std::vector<uint64_t> rom_exp = read_hex(${cxxString(TB_ROMS_FILE)});\n` +
    `  long long roms_checked = 0, rom_words = 0, rom_mismatches = 0;\n` +
    `  if (!rom_exp.empty()) {\n` +
    `    if (rom_exp.size() != ${total}u) {\n` +
    `      std::fprintf(stderr, "expected ${total} ROM words, ${TB_ROMS_FILE} has %zu\\n", rom_exp.size());\n` +
    `      return 2;\n    }\n` +
    calls.join('') +
    `    roms_checked = ${roms.length};\n    rom_words = ${total};\n  }\n`
  );
}

/**
 * A C++ testbench for the CXXRTL model of the core (`#include "design.cc"`), doing exactly what
 * the Verilog testbench does (same reset, stimulus, LFSR back-pressure, latency definition,
 * `tb_actual.hex` and `RESULT` line — see `testbench-protocol.ts`), so both simulators can be
 * compared cycle for cycle. The vector count is taken from `tb_inputs.hex` at run time: one
 * compiled model serves any vector set. Before the first clock edge it reads back every word of
 * every ROM of the model (the `memory<W>` members of the flattened design) and compares it with
 * the golden words of `tb_roms.hex` (written with the vectors from their model; a file without
 * words skips the check). Arguments: `+SAMPLE=1`, `+STALL=1`.
 *
 * @throws `VerilogError` (`bad-model`) if a ROM of the design cannot be located (`designRoms`);
 *   (`bad-option`) if `design.top` is not a simple identifier or a file name
 *   is not plain (`checkDesignNames`).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { cxxrtlTestbench, mlpVectors } from '@latentkit/verilog';
 *
 * const tb = cxxrtlTestbench(design, { timeoutCycles: 1_000_000 });
 * // tb.files: a C++ main that #includes Yosys's design.cc and reads the vector files
 * ```
 */
export function cxxrtlTestbench(design: VerilogDesign, options: TestbenchOptions = {}): Testbench {
  requireKnownOptions(options, ['timeoutCycles', 'maxReports'], 'cxxrtlTestbench options');
  checkDesignNames(design, 'cxxrtlTestbench');
  const { inputCount: nin, outputCount: nout, hasSample } = design.io;
  const wi = design.io.inputFormat.width;
  const wo = design.io.outputFormat.width;
  const timeout = options.timeoutCycles ?? defaultTimeout(design);
  const maxReports = options.maxReports ?? 10;
  const cls = `cxxrtl_design::${cxxrtlName(design.top)}`;
  const p = (n: string) => `top.${cxxrtlName(n)}`;
  const mask = (w: number) => `((uint64_t(1) << ${w}) - 1)`;
  const roms = designRoms(design);
  const text = `// C++ testbench of the CXXRTL model of '${cxxComment(design.top)}'. Generated by @latentkit/verilog.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>
#include "${CXXRTL_MODEL_FILE}"

${CXX_HEX_READER}
int main(int argc, char **argv) {
  const long long N_IN = ${nin}, N_OUT = ${nout}, TIMEOUT = ${timeout}, MAX_REPORTS = ${maxReports};
  const bool sample = plusarg(argc, argv, "SAMPLE"), stall = plusarg(argc, argv, "STALL");
  ${cls} top;
${romCheckCxx(roms)}  std::vector<uint64_t> in_mem = read_hex(${cxxString(TB_INPUTS_FILE)});
  std::vector<uint64_t> exp_mem = read_hex(${cxxString(TB_EXPECTED_FILE)});
  const long long N_VEC = (long long)in_mem.size() / N_IN;
  const long long TOTAL_IN = N_VEC * N_IN, TOTAL_OUT = N_VEC * N_OUT;
  if ((long long)exp_mem.size() != TOTAL_OUT) {
    std::fprintf(stderr, "expected %lld output words, file has %zu\\n", TOTAL_OUT, exp_mem.size());
    return 2;
  }
  std::FILE *fd = std::fopen(${cxxString(TB_ACTUAL_FILE)}, "w");
  bool rst = true;
  long long in_idx = 0, out_idx = 0, mismatches = 0, framing = 0, cycle = 0;
  long long first_in = 0, latency = -1, last_beat = 0, rst_cnt = 0;
  uint16_t lfsr = 0x${LFSR_SEED.toString(16)};
  ${p('clk')}.set<bool>(false);
  top.step();
  for (;;) {
    // Testbench outputs for this cycle (functions of its registers, as in the Verilog bench).
    const bool stall_on = stall && out_idx >= N_OUT;
    const bool in_valid = !rst && in_idx < TOTAL_IN && !(stall_on && (lfsr & 1));
    const bool out_ready = !rst && !(stall_on && ((lfsr >> 1) & 1));
    ${p('rst')}.set<bool>(rst);
${hasSample ? `    ${p('sample')}.set<bool>(sample);\n` : ''}    ${p('in_valid')}.set<bool>(in_valid);
    ${p('in_data')}.set<uint64_t>(in_idx < TOTAL_IN ? (in_mem[in_idx] & ${mask(wi)}) : 0);
    ${p('out_ready')}.set<bool>(out_ready);
    top.step();
    const bool in_ready = ${p('in_ready')}.get<bool>();
    const bool out_valid = ${p('out_valid')}.get<bool>();
    const bool out_last = ${p('out_last')}.get<bool>();
    const uint64_t out_data = ${p('out_data')}.get<uint64_t>() & ${mask(wo)};
    // The bench's registers, updated at the rising edge from the values before it.
    bool rst_n = rst;
    if (rst) {
      if (rst_cnt == ${RESET_CYCLES - 1}) rst_n = false;
      rst_cnt++;
    } else {
      const uint16_t fb = ((lfsr >> 15) ^ (lfsr >> 13) ^ (lfsr >> 12) ^ (lfsr >> 10)) & 1;
      const long long cyc = cycle;
      cycle++;
      lfsr = (uint16_t)((lfsr << 1) | fb);
      if (in_valid && in_ready) {
        if (in_idx == 0) first_in = cyc;
        in_idx++;
      }
      if (out_idx == TOTAL_OUT) {
        std::fclose(fd);
        std::printf("RESULT %s vectors=%lld mismatches=%lld framing=%lld latency=%lld cycles=%lld"
                    " roms=%lld rom_words=%lld rom_mismatches=%lld\\n",
                    (mismatches == 0 && framing == 0 && rom_mismatches == 0) ? "PASS" : "FAIL", N_VEC,
                    mismatches, framing, latency, last_beat, roms_checked, rom_words, rom_mismatches);
        return 0;
      } else if (out_valid && out_ready) {
        last_beat = cyc;
        std::fprintf(fd, "%0${Math.ceil(wo / 4)}llx\\n", (unsigned long long)out_data);
        if (out_data != exp_mem[out_idx]) {
          if (mismatches < MAX_REPORTS)
            std::printf("MISMATCH vector=%lld index=%lld got=%llx expected=%llx\\n", out_idx / N_OUT,
                        out_idx % N_OUT, (unsigned long long)out_data, (unsigned long long)exp_mem[out_idx]);
          mismatches++;
        }
        if (out_last != ((out_idx % N_OUT) == N_OUT - 1)) framing++;
        if (out_idx == N_OUT - 1) latency = cyc - first_in;
        out_idx++;
      } else if (cyc - last_beat > TIMEOUT) {
        std::fclose(fd);
        std::printf("RESULT FAIL TIMEOUT vectors=%lld mismatches=%lld framing=%lld latency=%lld cycles=%lld"
                    " roms=%lld rom_words=%lld rom_mismatches=%lld\\n",
                    out_idx / N_OUT, mismatches, framing, latency, cyc, roms_checked, rom_words, rom_mismatches);
        return 0;
      }
    }
    ${p('clk')}.set<bool>(true);
    top.step();
    ${p('clk')}.set<bool>(false);
    top.step();
    rst = rst_n;
  }
}
`;
  return { top: `tb_${design.top}.cc`, files: { [`tb_${design.top}.cc`]: text } };
}
