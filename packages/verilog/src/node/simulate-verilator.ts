import { join } from 'node:path';
import { requireKnownOptions } from '@latentkit/core';
import type { VerilogDesign } from '../design/verilog-design.js';
import type { TestVectors } from '../tb/test-vectors.js';
import { type TestbenchOptions, verilogTestbench } from '../tb/verilog-testbench.js';
import { requireTool } from './find-tool.js';
import { runProcess } from './run-process.js';
import { plusargs } from './simulate-iverilog.js';
import { collectResult, type SimulateOptions, type SimulationResult } from './simulation-result.js';
import { writeFiles } from './work-dir.js';

/**
 * Simulates with Verilator (5.x: `verilator --binary --timing`) under the same generated Verilog
 * testbench as {@link simulateIverilog}. Optional: nothing in latentkit requires Verilator.
 *
 * @throws {@link VerilogToolError} (`missing`) when `verilator` is not installed, (`failed`) on
 *   errors.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { simulateVerilator } from '@latentkit/verilog/node';
 *
 * const r = await simulateVerilator(design, vectors); // Verilator 5 (--binary --timing)
 * r.simulator; // → 'verilator'; r.outputs: the codes the RTL produced
 * ```
 */
export async function simulateVerilator(
  design: VerilogDesign,
  vectors: TestVectors,
  options: SimulateOptions & TestbenchOptions = {},
): Promise<SimulationResult> {
  requireKnownOptions(
    options,
    ['sample', 'stall', 'dir', 'timeoutMs', 'signal', 'timeoutCycles', 'maxReports'],
    'simulateVerilator options',
  );
  const verilator = requireTool(
    'verilator',
    'install Verilator ≥ 5 (Debian/Ubuntu: apt-get install verilator)',
  );
  const tb = verilogTestbench(design, vectors, {
    timeoutCycles: options.timeoutCycles,
    maxReports: options.maxReports,
  });
  const dir = writeFiles({ ...design.files, ...tb.files }, options.dir);
  const compile = await runProcess(
    verilator,
    [
      '--binary',
      '--timing',
      '-Wno-fatal',
      '-Wno-lint',
      '-Wno-style',
      '-O1',
      '--top-module',
      tb.top,
      '--Mdir',
      'obj_verilator',
      '-o',
      'sim_verilator',
      ...design.sources,
      `${tb.top}.v`,
    ],
    { cwd: dir, signal: options.signal, tool: 'verilator' },
  );
  const run = await runProcess(
    join(dir, 'obj_verilator', 'sim_verilator'),
    plusargs(vectors, options),
    {
      cwd: dir,
      signal: options.signal,
      tool: 'verilator',
      timeoutMs: options.timeoutMs ?? 600_000,
    },
  );
  return collectResult('verilator', design, vectors, dir, run.stdout, compile.ms, run.ms);
}
