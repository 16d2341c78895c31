import { join } from 'node:path';
import { requireKnownOptions } from '@latentkit/core';
import type { VerilogDesign } from '../design/verilog-design.js';
import type { TestVectors } from '../tb/test-vectors.js';
import { type TestbenchOptions, verilogTestbench } from '../tb/verilog-testbench.js';
import { requireTool } from './find-tool.js';
import { runProcess } from './run-process.js';
import { collectResult, type SimulateOptions, type SimulationResult } from './simulation-result.js';
import { writeFiles } from './work-dir.js';

const HINT = 'install Icarus Verilog (Debian/Ubuntu: apt-get install iverilog)';

/** Plusargs of the generated testbenches. */
export function plusargs(vectors: TestVectors, options: SimulateOptions): string[] {
  const sample = options.sample ?? vectors.sample;
  return [`+SAMPLE=${sample ? 1 : 0}`, `+STALL=${(options.stall ?? true) ? 1 : 0}`];
}

/**
 * Simulates the design with Icarus Verilog (`iverilog -g2001` + `vvp`) under the generated
 * self-checking testbench, then compares the codes it wrote with `vectors.expected`.
 *
 * @throws {@link VerilogToolError} (`missing`) when `iverilog`/`vvp` are not installed,
 *   (`failed`) on a compile error, a crash or a missing `RESULT` line; {@link VerilogError}
 *   (`bad-vectors`) for vectors that do not fit the design.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { mlpVectors } from '@latentkit/verilog';
 * import { simulateIverilog } from '@latentkit/verilog/node';
 *
 * const r = await simulateIverilog(design, mlpVectors(q, inputs), { stall: true });
 * if (!r.pass) console.error(r.mismatchList[0]); // first differing output: vector, index, got, expected
 * ```
 */
export async function simulateIverilog(
  design: VerilogDesign,
  vectors: TestVectors,
  options: SimulateOptions & TestbenchOptions = {},
): Promise<SimulationResult> {
  requireKnownOptions(
    options,
    ['sample', 'stall', 'dir', 'timeoutMs', 'signal', 'timeoutCycles', 'maxReports'],
    'simulateIverilog options',
  );
  const iverilog = requireTool('iverilog', HINT);
  const vvp = requireTool('vvp', HINT);
  const tb = verilogTestbench(design, vectors, {
    timeoutCycles: options.timeoutCycles,
    maxReports: options.maxReports,
  });
  const dir = writeFiles({ ...design.files, ...tb.files }, options.dir);
  const compile = await runProcess(
    iverilog,
    ['-g2001', '-s', tb.top, '-o', 'sim.vvp', ...design.sources, `${tb.top}.v`],
    { cwd: dir, signal: options.signal, tool: 'iverilog' },
  );
  const run = await runProcess(vvp, ['-n', join(dir, 'sim.vvp'), ...plusargs(vectors, options)], {
    cwd: dir,
    signal: options.signal,
    tool: 'vvp',
    timeoutMs: options.timeoutMs ?? 600_000,
  });
  return collectResult('iverilog', design, vectors, dir, run.stdout, compile.ms, run.ms);
}
