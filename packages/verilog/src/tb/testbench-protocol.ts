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
 * - the last line is `RESULT PASS|FAIL vectors=… mismatches=… framing=… latency=… cycles=…`.
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
}

/** Parses the `RESULT` line of a testbench log, or `null` if there is none. */
export function parseTestbenchResult(log: string): TestbenchResult | null {
  const m =
    /RESULT (PASS|FAIL)( TIMEOUT)? vectors=(\d+) mismatches=(\d+) framing=(\d+) latency=(-?\d+) cycles=(\d+)/.exec(
      log,
    );
  if (!m) return null;
  return {
    pass: m[1] === 'PASS',
    timeout: m[2] !== undefined,
    vectors: Number(m[3]),
    mismatches: Number(m[4]),
    framing: Number(m[5]),
    latency: Number(m[6]),
    cycles: Number(m[7]),
  };
}
