import { requireKnownOptions } from '@latentkit/core';
import type { VerilogDesign } from '../design/verilog-design.js';
import type { TimingOptions, TimingReport } from '../report/timing-report.js';
import { synthesize } from './synthesize.js';

/** Options of {@link estimateTiming}. */
export interface EstimateTimingOptions extends TimingOptions {
  /** Aborts the run (see `SynthesizeOptions.signal`). */
  signal?: AbortSignal;
}

/**
 * The static timing estimate of a design: `synthesize` (Yosys in WebAssembly, `synth_xilinx
 * -family xc7 -flatten`), then Yosys `sta` with the 7-series cell library's delays. Logic only —
 * no routing, no setup, units ns (see {@link TimingReport}). Works on any `VerilogDesign` (cores,
 * board tops). Costs a full synthesis; when resources are wanted too, call `synthesize` and read
 * its `timing`.
 *
 * @throws The errors of `synthesize`; `VerilogToolError` when `sta` reports no path.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { estimateTiming, renderTiming } from '@latentkit/verilog/node';
 *
 * const t = await estimateTiming(design); // Yosys in WebAssembly, no Vivado
 * t.worstNs; // worst logic delay estimate, ns (against t.budgetNs)
 * console.log(renderTiming(t));
 * ```
 */
export async function estimateTiming(
  design: VerilogDesign,
  options: EstimateTimingOptions = {},
): Promise<TimingReport> {
  requireKnownOptions(options, ['budgetNs', 'signal'], 'estimateTiming options');
  const { signal, ...timing } = options;
  const r = await synthesize(design, signal ? { timing, signal } : { timing });
  return r.timing!;
}
