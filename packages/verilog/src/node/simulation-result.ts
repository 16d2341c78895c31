import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { fromHex } from '../hdl/hex.js';
import type { TestVectors } from '../tb/test-vectors.js';
import {
  parseTestbenchResult,
  TB_ACTUAL_FILE,
  type TestbenchResult,
} from '../tb/testbench-protocol.js';

/** Which simulator produced a {@link SimulationResult}. */
export type SimulatorName = 'iverilog' | 'cxxrtl' | 'verilator';

/** One output code that differs from the golden model. */
export interface Mismatch {
  /** Vector index. */
  vector: number;
  /** Output code index within the vector. */
  index: number;
  /** Code the RTL produced. */
  got: number;
  /** Code the golden model produced. */
  expected: number;
}

/** Options of the `simulate*` functions. */
export interface SimulateOptions {
  /** Drive `sample` high (VAE). Default: the vectors' `sample`. */
  sample?: boolean;
  /** Random back-pressure after vector 0 (see `testbench-protocol.ts`). Default `true`. */
  stall?: boolean;
  /** Folder to build and run in (kept). Default: a fresh temp folder. */
  dir?: string;
  /** Kill a simulation running longer than this (ms). Default 10 minutes. */
  timeoutMs?: number;
  /**
   * Aborts the simulation: a running simulator or compiler is killed and the call rejects with
   * the signal's reason (an `AbortError` `DOMException` by default).
   */
  signal?: AbortSignal;
}

/**
 * What a simulation showed: the testbench's own verdict (`RESULT` line) and an independent
 * comparison, in TypeScript, of every output code it wrote with the vectors' expected codes.
 * `pass` needs both to agree that nothing differs.
 */
export interface SimulationResult extends TestbenchResult {
  /** The simulator. */
  simulator: SimulatorName;
  /** Output codes the RTL produced, one array per vector. */
  outputs: number[][];
  /** Output codes that differ from the golden model (all of them, from the TypeScript check). */
  mismatchList: Mismatch[];
  /** Milliseconds spent compiling (0 when a prebuilt model was reused). */
  compileMs: number;
  /** Milliseconds spent simulating. */
  runMs: number;
  /** The simulator's output. */
  log: string;
  /** The folder it ran in. */
  dir: string;
}

/** Reads `tb_actual.hex` and compares it with the expected codes. */
export function collectResult(
  simulator: SimulatorName,
  design: Pick<VerilogDesign, 'io'>,
  vectors: TestVectors,
  dir: string,
  log: string,
  compileMs: number,
  runMs: number,
): SimulationResult {
  const tb = parseTestbenchResult(log);
  if (!tb) {
    throw new VerilogToolError(
      simulator,
      `the testbench printed no RESULT line:\n${log.slice(-2000)}`,
      log,
    );
  }
  const w = design.io.outputFormat.width;
  const n = design.io.outputCount;
  let words: number[] = [];
  try {
    words = readFileSync(join(dir, TB_ACTUAL_FILE), 'utf8')
      .split('\n')
      .filter((l) => /^[0-9a-fA-F]+$/.test(l.trim()))
      .map((l) => fromHex(l, w));
  } catch {
    words = [];
  }
  const outputs: number[][] = [];
  for (let r = 0; r * n < words.length; r++) outputs.push(words.slice(r * n, (r + 1) * n));
  const mismatchList: Mismatch[] = [];
  vectors.expected.forEach((exp, r) => {
    exp.forEach((e, i) => {
      const got = outputs[r]?.[i];
      if (got !== e)
        mismatchList.push({ vector: r, index: i, got: got ?? Number.NaN, expected: e });
    });
  });
  return {
    ...tb,
    pass: tb.pass && mismatchList.length === 0 && !tb.timeout,
    simulator,
    outputs,
    mismatchList,
    compileMs,
    runMs,
    log,
    dir,
  };
}
