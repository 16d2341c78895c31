import { join } from 'node:path';
import { requireKnownOptions } from '@latentkit/core';
import {
  type AxiStreamTestbenchOptions,
  axiStreamTestbench,
} from '../axis/axi-stream-testbench.js';
import type { AxiStreamDesign } from '../axis/axi-stream-wrapper.js';
import type { TestVectors } from '../tb/test-vectors.js';
import { requireTool } from './find-tool.js';
import { runProcess } from './run-process.js';
import { collectResult, type SimulateOptions, type SimulationResult } from './simulation-result.js';
import { writeFiles } from './work-dir.js';

/** Options of {@link simulateAxiStream}. */
export interface AxiStreamSimulateOptions
  extends Omit<SimulateOptions, 'stall'>,
    AxiStreamTestbenchOptions {
  /** Simulator. Default `'iverilog'`. */
  simulator?: 'iverilog' | 'verilator';
}

/** A simulation of an AXI-Stream wrapped core. */
export interface AxiStreamSimulationResult extends SimulationResult {
  /** `tlast_error` pulses seen. */
  tlastErrors: number;
  /** Malformed packets the stimulus held (each must give one pulse). */
  expectedTlastErrors: number;
  /** Violations of the master port's handshake rules (a stalled beat dropped or changed). */
  protocolErrors: number;
}

/**
 * Simulates an {@link AxiStreamDesign} under {@link axiStreamTestbench} with Icarus Verilog or
 * Verilator (5.x, `--binary --timing`): random seeded TVALID/TREADY, optional malformed packets,
 * every output code compared with `vectors.expected` (in the bench and again in TypeScript) and
 * every ROM word with the vectors' model. `pass` needs all of it and the right `tlast_error` count.
 *
 * @throws {@link VerilogToolError} (`missing`, `failed`); {@link VerilogError} (`bad-vectors`,
 *   `bad-option`).
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { axiStreamWrapper, mlpVectors } from '@latentkit/verilog';
 * import { simulateAxiStream } from '@latentkit/verilog/node';
 *
 * const r = await simulateAxiStream(axiStreamWrapper(design), mlpVectors(q, inputs), { seed: 1 });
 * r.pass; // every packet matched the golden model under random valid/ready stalls
 * ```
 */
export async function simulateAxiStream(
  design: AxiStreamDesign,
  vectors: TestVectors,
  options: AxiStreamSimulateOptions = {},
): Promise<AxiStreamSimulationResult> {
  requireKnownOptions(
    options,
    [
      'simulator',
      'sample',
      'dir',
      'timeoutMs',
      'signal',
      'timeoutCycles',
      'maxReports',
      'seed',
      'validProbability',
      'readyProbability',
      'badPackets',
    ],
    'simulateAxiStream options',
  );
  const { simulator = 'iverilog', sample, dir: where, timeoutMs, signal, ...tbOptions } = options;
  const tb = axiStreamTestbench(design, vectors, tbOptions);
  const dir = writeFiles({ ...design.files, ...tb.files }, where);
  const args = [`+SAMPLE=${(sample ?? vectors.sample) ? 1 : 0}`];
  let compileMs: number;
  let run: { stdout: string; ms: number };
  if (simulator === 'verilator') {
    const verilator = requireTool('verilator', 'install Verilator ≥ 5');
    compileMs = (
      await runProcess(
        verilator,
        [
          ...['--binary', '--timing', '-Wno-fatal', '-Wno-lint', '-Wno-style', '-O1'],
          ...['--top-module', tb.top, '--Mdir', 'obj_verilator', '-o', 'sim_verilator'],
          ...design.sources,
          `${tb.top}.v`,
        ],
        { cwd: dir, signal, tool: 'verilator' },
      )
    ).ms;
    run = await runProcess(join(dir, 'obj_verilator', 'sim_verilator'), args, {
      cwd: dir,
      signal,
      tool: 'verilator',
      timeoutMs: timeoutMs ?? 600_000,
    });
  } else {
    const hint = 'install Icarus Verilog (Debian/Ubuntu: apt-get install iverilog)';
    const iverilog = requireTool('iverilog', hint);
    compileMs = (
      await runProcess(
        iverilog,
        ['-g2001', '-s', tb.top, '-o', 'sim.vvp', ...design.sources, `${tb.top}.v`],
        { cwd: dir, signal, tool: 'iverilog' },
      )
    ).ms;
    run = await runProcess(requireTool('vvp', hint), ['-n', join(dir, 'sim.vvp'), ...args], {
      cwd: dir,
      signal,
      tool: 'vvp',
      timeoutMs: timeoutMs ?? 600_000,
    });
  }
  const r = collectResult(simulator, design, vectors, dir, run.stdout, compileMs, run.ms);
  const m = /AXIS tlast_errors=(\d+) expected=(\d+) protocol=(\d+)/.exec(run.stdout);
  const tlastErrors = m ? Number(m[1]) : -1;
  const expectedTlastErrors = m ? Number(m[2]) : -1;
  const protocolErrors = m ? Number(m[3]) : -1;
  return {
    ...r,
    pass: r.pass && m !== null && tlastErrors === expectedTlastErrors && protocolErrors === 0,
    tlastErrors,
    expectedTlastErrors,
    protocolErrors,
  };
}
