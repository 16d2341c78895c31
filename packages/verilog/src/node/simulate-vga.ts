import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireKnownOptions } from '@latentkit/core';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { CXXRTL_MODEL_FILE } from '../tb/cxxrtl-testbench.js';
import type { VgaBoardDesign } from '../vga/nexys-vga-top.js';
import { parseVgaCapture, type VgaCapture } from '../vga/vga-capture.js';
import { VGA_SAMPLES_FILE, type VgaBenchOptions, vgaBench } from '../vga/vga-harness.js';
import { findTool, requireTool } from './find-tool.js';
import { runProcess } from './run-process.js';
import { writeFiles } from './work-dir.js';
import { cxxrtlIncludeDir, runYosysWasm } from './yosys-wasm.js';
import { yosysWord } from './yosys-word.js';

/** Options of {@link simulateVgaFrame}. */
export interface VgaSimulateOptions extends VgaBenchOptions {
  /** `'verilator'` (fastest), `'cxxrtl'` (g++ and `@yowasp/yosys` only) or `'iverilog'`. Default `'verilator'`. */
  simulator?: 'verilator' | 'cxxrtl' | 'iverilog';
  /** Kills a running compiler or simulator and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Folder to work in. Default a fresh temp folder. */
  dir?: string;
  /** Kill the simulation after this many ms. Default 10 minutes. */
  timeoutMs?: number;
}

/** Result of {@link simulateVgaFrame}: the captured frame plus how long it took. */
export interface VgaSimulationResult extends VgaCapture {
  /** Simulator used. */
  simulator: 'verilator' | 'cxxrtl' | 'iverilog';
  /** Build time (Verilator/g++ compile, Icarus elaboration), ms. */
  compileMs: number;
  /** Simulation time, ms. */
  runMs: number;
  /** Working folder (the samples file stays there). */
  dir: string;
}

/**
 * Simulates a VGA top from reset through the user's `actions` to one whole frame captured from
 * its pins by the monitor harness of `vgaBench` (about 1.7 million clocks: the raster starts 10
 * lines before a vertical sync, the capture covers 525 lines), and reads it back with
 * `parseVgaCapture`.
 *
 * @throws {@link VerilogToolError} when a tool is missing or fails, or the capture is malformed;
 *   `VerilogError` (`bad-option`) for a board whose names are not plain.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { nexysVgaTop } from '@latentkit/verilog';
 * import { simulateVgaFrame } from '@latentkit/verilog/node';
 *
 * const frame = await simulateVgaFrame(nexysVgaTop(decoderDesign), { actions: [{ switches: 0, button: 'up' }] });
 * frame.screen; // Uint8Array(640 · 480) grey levels, one whole frame as the monitor sees it
 * ```
 */
export async function simulateVgaFrame(
  board: VgaBoardDesign,
  options: VgaSimulateOptions = {},
): Promise<VgaSimulationResult> {
  requireKnownOptions(
    options,
    [
      'simulator',
      'signal',
      'dir',
      'timeoutMs',
      'resetSwitches',
      'actions',
      'debounceCycles',
      'timeoutCycles',
    ],
    'simulateVgaFrame options',
  );
  const {
    simulator = 'verilator',
    signal,
    dir: given,
    timeoutMs = 600_000,
    ...benchOptions
  } = options;
  const bench = vgaBench(board, benchOptions);
  const files = { ...board.files, ...bench.files };
  const dir = writeFiles(files, given);
  const sources = [...board.sources, `${bench.harness}.v`];
  let compileMs = 0;
  let log: string;
  let runMs: number;
  if (simulator === 'iverilog') {
    const hint = 'install Icarus Verilog (apt-get install iverilog)';
    const iverilog = requireTool('iverilog', hint);
    const vvp = requireTool('vvp', hint);
    const args = ['-g2001', '-s', bench.verilogTop, '-o', 'vga.vvp', ...sources];
    compileMs = (
      await runProcess(iverilog, [...args, `${bench.verilogTop}.v`], {
        cwd: dir,
        signal,
        tool: 'iverilog',
      })
    ).ms;
    const run = await runProcess(vvp, ['-n', join(dir, 'vga.vvp')], {
      cwd: dir,
      signal,
      tool: 'vvp',
      timeoutMs,
    });
    log = run.stdout;
    runMs = run.ms;
  } else if (simulator === 'verilator') {
    const verilator = requireTool('verilator', 'install Verilator ≥ 5 (apt-get install verilator)');
    compileMs = (
      await runProcess(
        verilator,
        [
          '--binary',
          '--timing',
          '-Wno-fatal',
          '-Wno-lint',
          '-Wno-style',
          '-O1',
          '--top-module',
          bench.verilogTop,
          '--Mdir',
          'obj_vga',
          '-o',
          'sim_vga',
          ...sources,
          `${bench.verilogTop}.v`,
        ],
        { cwd: dir, signal, tool: 'verilator' },
      )
    ).ms;
    const run = await runProcess(join(dir, 'obj_vga', 'sim_vga'), [], {
      cwd: dir,
      signal,
      tool: 'verilator',
      timeoutMs,
    });
    log = run.stdout;
    runMs = run.ms;
  } else {
    const compiler = findTool('g++') ?? findTool('c++');
    if (!compiler) throw new VerilogToolError('g++', 'no C++ compiler on PATH', '', 'missing');
    const t0 = Date.now();
    const script =
      `read_verilog ${sources.map((s) => yosysWord(s, 'source')).join(' ')}; ` +
      `hierarchy -top ${yosysWord(bench.harness, 'harness')}; proc; flatten; write_cxxrtl ${CXXRTL_MODEL_FILE}`;
    const y = await runYosysWasm(['-q', '-p', script], files, signal);
    const model = y.files[CXXRTL_MODEL_FILE];
    if (typeof model !== 'string')
      throw new VerilogToolError('yosys', 'write_cxxrtl produced no model', y.log);
    writeFiles({ [CXXRTL_MODEL_FILE]: model }, dir);
    const include = await cxxrtlIncludeDir();
    await runProcess(
      compiler,
      ['-std=c++14', '-O1', '-w', '-I', include, '-o', 'vga_cxxrtl', bench.cxxFile],
      {
        cwd: dir,
        signal,
        tool: 'g++',
      },
    );
    compileMs = Date.now() - t0;
    const run = await runProcess(join(dir, 'vga_cxxrtl'), [], {
      cwd: dir,
      signal,
      tool: 'cxxrtl',
      timeoutMs,
    });
    log = run.stdout;
    runMs = run.ms;
  }
  const samples = readFileSync(join(dir, VGA_SAMPLES_FILE), 'utf8');
  const capture = parseVgaCapture(log, samples, board.vga.timing);
  return { ...capture, simulator, compileMs, runMs, dir };
}
