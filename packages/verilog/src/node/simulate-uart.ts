import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireKnownOptions } from '@latentkit/core';
import { FrameDecoder } from '../board/board-frame.js';
import type { BoardDesign } from '../board/nexys-top.js';
import { type BoardReply, parseReply, replyPayloadBytes } from '../board/uart-framing.js';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { CXXRTL_MODEL_FILE } from '../tb/cxxrtl-testbench.js';
import type { TestVectors } from '../tb/test-vectors.js';
import {
  parseTestbenchResult,
  TB_ACTUAL_FILE,
  type TestbenchResult,
} from '../tb/testbench-protocol.js';
import { uartBench } from '../tb/uart-harness.js';
import type { UartFault } from '../tb/uart-script.js';
import { findTool, requireTool } from './find-tool.js';
import { runProcess } from './run-process.js';
import { writeFiles } from './work-dir.js';
import { cxxrtlIncludeDir, runYosysWasm } from './yosys-wasm.js';
import { yosysWord } from './yosys-word.js';

/** Options of {@link simulateUart}. */
export interface UartSimulateOptions {
  /** Kills a running compiler or simulator and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** `'cxxrtl'` (needs only g++ and `@yowasp/yosys`) or `'iverilog'`. Default `'cxxrtl'`. */
  simulator?: 'cxxrtl' | 'iverilog';
  /** UART divider for the run. Default the board's (868 = 115200 baud at 100 MHz). */
  clksPerBit?: number;
  /** Folder to work in. Default a fresh temp folder. */
  dir?: string;
  /** Kill the simulation after this many ms. Default 10 minutes. */
  timeoutMs?: number;
  /** Line faults injected into the request stream (see `UartFault`). Default none. */
  faults?: readonly UartFault[];
  /** Frames sent before waiting for their replies (see `uartScript`). Default 1. */
  window?: number;
}

/** Result of {@link simulateUart}: the harness's verdict and an independent byte comparison. */
export interface UartSimulationResult extends TestbenchResult {
  /** Simulator used. */
  simulator: 'cxxrtl' | 'iverilog';
  /** Bytes the board sent back. */
  bytes: number[];
  /** Bytes expected (the golden model's output codes, framed). */
  expectedBytes: number[];
  /** The returned bytes decoded into reply frames (`FrameDecoder`, `parseReply`), in order. */
  replies: BoardReply[];
  /** The output codes of each good reply frame, in order. */
  outputs: number[][];
  /** Indices of the vectors the board had to answer (all unless `faults` destroyed frames). */
  answered: number[];
  /** Indices of returned bytes that differ from the expected ones (TypeScript check). */
  byteMismatches: number[];
  /** Simulator log. */
  log: string;
  /** Working folder. */
  dir: string;
}

/**
 * Simulates the whole Nexys4 DDR top with the UART harness of `uartBench`: request frames in over
 * `UART_TXD_IN` (with `faults` injected), reply frames out over `UART_RXD_OUT`, compared byte for
 * byte with the reply frames the protocol predicts from the golden model's codes.
 *
 * @throws {@link VerilogToolError} when a tool is missing or fails; `VerilogError` (`bad-option`)
 *   for a board whose top or file names are not plain (`checkDesignNames`).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { mlpVectors, nexysTop } from '@latentkit/verilog';
 * import { simulateUart } from '@latentkit/verilog/node';
 *
 * const board = nexysTop(design, { clksPerBit: 8 });
 * const r = await simulateUart(board, mlpVectors(q, inputs), { faults: [{ kind: 'drop', vector: 0, byte: 2 }] });
 * r.pass; // the board answered every intact request correctly, and dropped the broken one
 * ```
 */
export async function simulateUart(
  board: BoardDesign,
  vectors: TestVectors,
  options: UartSimulateOptions = {},
): Promise<UartSimulationResult> {
  requireKnownOptions(
    options,
    ['signal', 'simulator', 'clksPerBit', 'dir', 'timeoutMs', 'faults', 'window'],
    'simulateUart options',
  );
  const simulator = options.simulator ?? 'cxxrtl';
  const bench = uartBench(board, vectors, {
    ...(options.clksPerBit ? { clksPerBit: options.clksPerBit } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.window ? { window: options.window } : {}),
  });
  const files = { ...board.files, ...bench.files };
  const dir = writeFiles(files, options.dir);
  const timeoutMs = options.timeoutMs ?? 600_000;
  let log: string;
  if (simulator === 'iverilog') {
    const hint = 'install Icarus Verilog (apt-get install iverilog)';
    const iverilog = requireTool('iverilog', hint);
    const vvp = requireTool('vvp', hint);
    await runProcess(
      iverilog,
      [
        '-g2001',
        '-s',
        bench.verilogTop,
        '-o',
        'uart.vvp',
        ...board.sources,
        `${bench.harness}.v`,
        `${bench.verilogTop}.v`,
      ],
      { cwd: dir, signal: options.signal, tool: 'iverilog' },
    );
    log = (
      await runProcess(vvp, ['-n', join(dir, 'uart.vvp')], {
        cwd: dir,
        signal: options.signal,
        tool: 'vvp',
        timeoutMs,
      })
    ).stdout;
  } else {
    const compiler = findTool('g++') ?? findTool('c++');
    if (!compiler) throw new VerilogToolError('g++', 'no C++ compiler on PATH', '', 'missing');
    const script =
      `read_verilog ${[...board.sources, `${bench.harness}.v`].map((s) => yosysWord(s, 'source')).join(' ')}; ` +
      `hierarchy -top ${yosysWord(bench.harness, 'harness')}; ` +
      `proc; flatten; write_cxxrtl ${CXXRTL_MODEL_FILE}`;
    const y = await runYosysWasm(['-q', '-p', script], files, options.signal);
    const model = y.files[CXXRTL_MODEL_FILE];
    if (typeof model !== 'string')
      throw new VerilogToolError('yosys', 'write_cxxrtl produced no model', y.log);
    writeFiles({ [CXXRTL_MODEL_FILE]: model }, dir);
    const include = await cxxrtlIncludeDir();
    await runProcess(
      compiler,
      ['-std=c++14', '-O1', '-w', '-I', include, '-o', 'uart_cxxrtl', bench.cxxFile],
      {
        cwd: dir,
        signal: options.signal,
        tool: 'g++',
      },
    );
    log = (
      await runProcess(join(dir, 'uart_cxxrtl'), [], {
        cwd: dir,
        signal: options.signal,
        tool: 'cxxrtl',
        timeoutMs,
      })
    ).stdout;
  }
  const tb = parseTestbenchResult(log);
  if (!tb) throw new VerilogToolError(simulator, `no RESULT line:\n${log.slice(-2000)}`, log);
  const bytes = readFileSync(join(dir, TB_ACTUAL_FILE), 'utf8')
    .split('\n')
    .filter((l) => /^[0-9a-fA-F]+$/.test(l.trim()))
    .map((l) => Number.parseInt(l, 16));
  const byteMismatches: number[] = [];
  bench.expectedBytes.forEach((b, i) => {
    if (bytes[i] !== b) byteMismatches.push(i);
  });
  if (bytes.length > bench.expectedBytes.length) byteMismatches.push(bench.expectedBytes.length);
  const io = {
    ...board.io,
    inputWidth: board.io.inputFormat.width,
    outputWidth: board.io.outputFormat.width,
  };
  const replies = new FrameDecoder(replyPayloadBytes(io))
    .pushAll(bytes)
    .map((f) => parseReply(io, f));
  return {
    ...tb,
    pass: tb.pass && byteMismatches.length === 0,
    simulator,
    bytes,
    expectedBytes: bench.expectedBytes,
    replies,
    outputs: replies.map((r) => r.codes),
    answered: bench.answered,
    byteMismatches,
    log,
    dir,
  };
}
