import { requireKnownOptions } from '@latentkit/core';
import { checkDesignNames } from '../design/check-design-names.js';
import type { VerilogDesign } from '../design/verilog-design.js';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { parseStat, type ResourceReport } from '../report/parse-stat.js';
import {
  type TimingOptions,
  type TimingReport,
  timingBudget,
  timingReport,
} from '../report/timing-report.js';
import { type DeviceBudget, XC7A100T } from '../report/xc7a100t-budget.js';
import { runYosysWasm } from './yosys-wasm.js';
import { yosysWord } from './yosys-word.js';

/**
 * The Yosys commands of the timing estimate, run after `synth_xilinx` (and `stat`): the 7-series
 * primitives' simulation models with their `specify` delays as blackboxes, then `sta` on the
 * flattened netlist into `sta.txt`.
 */
export const STA_COMMANDS =
  'read_verilog -lib -specify +/xilinx/cells_sim.v; tee -q -o sta.txt sta';

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  /** Device to check against. Default {@link XC7A100T}. */
  device?: DeviceBudget;
  /**
   * Extra arguments for `synth_xilinx`, separated by spaces (e.g. `'-abc9 -nobram'`). Each must be
   * a plain word of `[A-Za-z0-9_.,:/+=@-]` (`yosysWord`): nothing can start another command.
   * Default none (`-family xc7 -flatten`).
   */
  extraArgs?: string;
  /**
   * Aborts synthesis. Yosys runs in this process, so the call rejects with the signal's reason
   * before Yosys starts or when it returns.
   */
  signal?: AbortSignal;
  /**
   * Static timing estimate after mapping (Yosys `sta` on the 7-series cell delays, logic only;
   * see {@link TimingReport}): `true` or options for it, `false` to skip. Default `true` (budget
   * 6.5 ns).
   */
  timing?: boolean | TimingOptions;
}

/** Result of {@link synthesize}. */
export interface SynthesisResult {
  /** Parsed resource use, checked against the device. */
  resources: ResourceReport;
  /** The raw `stat` text. */
  stat: string;
  /** Yosys log (long). */
  log: string;
  /** Wall time in milliseconds. */
  ms: number;
  /** The static timing estimate (absent with `timing: false`). */
  timing?: TimingReport;
}

/**
 * Synthesizes the design for the Xilinx 7 series with Yosys in WebAssembly (`@yowasp/yosys`):
 * `synth_xilinx -family xc7 -flatten -top <top>` (block RAMs, DSP48E1, LUT6, carry chains), then
 * `stat`, parsed into LUT / FF / DSP48E1 / RAMB36 counts and checked against the device budget.
 * Technology mapping only — no place and route. With `timing` (the default) it then reads the cell
 * library's delays (`read_verilog -lib -specify +/xilinx/cells_sim.v`) and runs `sta`: the
 * worst register-to-register logic delay against a budget (no routing, so not a closure figure).
 *
 * @throws {@link VerilogToolError} (`missing` without `@yowasp/yosys`; `failed` on a Yosys error);
 *   `VerilogError` (`bad-option`) for a design whose top or file names are not plain
 *   (`checkDesignNames`) or an `extraArgs` word that is not plain.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { renderResources } from '@latentkit/verilog';
 * import { synthesize } from '@latentkit/verilog/node';
 *
 * const { resources, timing } = await synthesize(design, { timing: true }); // Yosys in WebAssembly
 * console.log(renderResources(resources)); // LUTs, FFs, DSP48E1s, BRAMs vs. the XC7A100T
 * ```
 */
export async function synthesize(
  design: VerilogDesign,
  options: SynthesizeOptions = {},
): Promise<SynthesisResult> {
  requireKnownOptions(options, ['device', 'extraArgs', 'signal', 'timing'], 'synthesize options');
  const timing = options.timing ?? true;
  const budget = timing === false ? 0 : timingBudget(timing === true ? {} : timing, 'synthesize');
  checkDesignNames(design, 'synthesize');
  const sources = design.sources.map((s, i) => yosysWord(s, `design.sources[${i}]`));
  const extra = (options.extraArgs ?? '')
    .split(/[ ]+/)
    .filter((w) => w !== '')
    .map((w) => yosysWord(w, 'extraArgs'));
  const script =
    `read_verilog ${sources.join(' ')}; ` +
    `synth_xilinx ${['-family', 'xc7', '-flatten', '-top', yosysWord(design.top, 'design.top'), ...extra].join(' ')}; ` +
    `tee -q -o stat.txt stat` +
    (timing === false ? '' : `; ${STA_COMMANDS}`);
  const y = await runYosysWasm(['-q', '-p', script], design.files, options.signal);
  const stat = y.files['stat.txt'];
  if (typeof stat !== 'string') {
    throw new VerilogToolError('yosys', 'synth_xilinx produced no stat output', y.log);
  }
  const resources = parseStat(stat, options.device ?? XC7A100T);
  if (timing === false) return { resources, stat, log: y.log, ms: y.ms };
  const sta = y.files['sta.txt'];
  if (typeof sta !== 'string') {
    throw new VerilogToolError('yosys', 'sta produced no output', y.log);
  }
  return { resources, stat, log: y.log, ms: y.ms, timing: timingReport(sta, budget) };
}
