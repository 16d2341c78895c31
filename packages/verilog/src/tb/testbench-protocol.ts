/**
 * What the generated testbenches (Verilog and C++) share, so that every simulator runs the very
 * same stimulus cycle by cycle:
 *
 * - reset (`rst` = 1) for the first {@link RESET_CYCLES} rising edges;
 * - inputs offered back to back from `tb_inputs.hex`; outputs compared with `tb_expected.hex` and
 *   written to `tb_actual.hex` (one hex word per line);
 * - with `+STALL=1`, once vector 0 has left the core, a 16-bit LFSR ({@link LFSR_SEED}, taps
 *   16/14/13/11) withholds `in_valid` (bit 0) and `out_ready` (bit 1) at random, to exercise
 *   back-pressure; vector 0 always runs unstalled;
 * - latency = rising edges from the handshake of the first input code of vector 0 to the
 *   handshake of its last output code (the difference of the two edge indices);
 * - ROM read-back: when the vectors carry their quantized model, before the first clock edge
 *   every word of every `$readmemh` memory of the design (weight, bias, activation and σ tables)
 *   is compared with the golden model's word from `tb_roms.hex` (written by the testbench
 *   generator from the model, not from the design's `.hex` files), printing up to `maxReports`
 *   `ROM_MISMATCH memory=<path.name> file=<hex file> address=<a> got=<hex> expected=<hex>` lines;
 * - the last line is `RESULT PASS|FAIL vectors=… mismatches=… framing=… latency=… cycles=…
 *   roms=… rom_words=… rom_mismatches=…` (PASS needs no ROM mismatch either).
 */
export const RESET_CYCLES = 5;

/** Seed of the testbench LFSR. */
export const LFSR_SEED = 0xace1;

/** Input vectors file read by the testbenches. */
export const TB_INPUTS_FILE = 'tb_inputs.hex';
/** Expected output file. */
export const TB_EXPECTED_FILE = 'tb_expected.hex';
/** Output file written by the testbenches. */
export const TB_ACTUAL_FILE = 'tb_actual.hex';

/** Golden ROM words read by the testbenches (all ROMs one after the other, in design order). */
export const TB_ROMS_FILE = 'tb_roms.hex';

/** One ROM word that differs from the golden model (a `ROM_MISMATCH` line). */
export interface RomMismatch {
  /** The memory: instance path below the top and memory name, e.g. `u_lk_mlp_fc2.wrom_0`. */
  memory: string;
  /** The `.hex` file the design loads it from. */
  file: string;
  /** Word address. */
  address: number;
  /** The word the design holds (raw bits as an unsigned number; `NaN` for x/z bits). */
  got: number;
  /** The golden model's word (raw bits as an unsigned number). */
  expected: number;
}

/** A parsed `RESULT` line. */
export interface TestbenchResult {
  /** `PASS` only if every code matched, framing was right and the run did not time out. */
  pass: boolean;
  /** Vectors the testbench ran. */
  vectors: number;
  /** Output codes that differed from the expected ones. */
  mismatches: number;
  /** Beats whose `out_last` was wrong. */
  framing: number;
  /** Latency of vector 0 in clock cycles (see {@link RESET_CYCLES} docs). */
  latency: number;
  /** Clock cycles from reset release to the last output beat. */
  cycles: number;
  /** Whether the watchdog fired. */
  timeout: boolean;
  /** ROMs read back and compared word by word (0: no ROM check ran). */
  roms: number;
  /** ROM words compared. */
  romWords: number;
  /** ROM words that differ from the golden model (exact count). */
  romMismatches: number;
  /** The reported ROM mismatches (at most the testbench's `maxReports`). */
  romMismatchList: RomMismatch[];
}

const hexOrNaN = (h: string): number => (/^[0-9a-fA-F]+$/.test(h) ? Number.parseInt(h, 16) : NaN);

/**
 * Parses the `RESULT` line of a testbench log, or `null` if there is none, with the
 * `ROM_MISMATCH` lines before it (a `RESULT` line without the ROM fields reads as no ROM check).
 *
 * @example
 * ```ts
 * import { parseTestbenchResult } from '@latentkit/verilog';
 *
 * const r = parseTestbenchResult(log); // the simulator's stdout
 * if (r && !r.pass) console.error(`${r.mismatches} of ${r.vectors} vectors differ`);
 * ```
 */
export function parseTestbenchResult(log: string): TestbenchResult | null {
  const m =
    /RESULT (PASS|FAIL)( TIMEOUT)? vectors=(\d+) mismatches=(\d+) framing=(\d+) latency=(-?\d+) cycles=(\d+)(?: roms=(\d+) rom_words=(\d+) rom_mismatches=(\d+))?/.exec(
      log,
    );
  if (!m) return null;
  const romMismatchList: RomMismatch[] = [];
  const re = /ROM_MISMATCH memory=(\S+) file=(\S+) address=(\d+) got=(\S+) expected=(\S+)/g;
  for (let r = re.exec(log); r; r = re.exec(log)) {
    romMismatchList.push({
      memory: r[1]!,
      file: r[2]!,
      address: Number(r[3]),
      got: hexOrNaN(r[4]!),
      expected: hexOrNaN(r[5]!),
    });
  }
  return {
    pass: m[1] === 'PASS',
    timeout: m[2] !== undefined,
    vectors: Number(m[3]),
    mismatches: Number(m[4]),
    framing: Number(m[5]),
    latency: Number(m[6]),
    cycles: Number(m[7]),
    roms: Number(m[8] ?? 0),
    romWords: Number(m[9] ?? 0),
    romMismatches: Number(m[10] ?? 0),
    romMismatchList,
  };
}
