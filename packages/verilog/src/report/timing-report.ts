import { InvalidArgumentError, requireKnownOptions } from '@latentkit/core';
import { parseSta, type TimingHistogramBin, type TimingPath } from './parse-timing.js';

/** Options of a timing estimate (`synthesize`'s `timing`, `estimateTiming`). */
export interface TimingOptions {
  /**
   * Logic-delay budget of every register-to-register path, ns. Default 6.5: at the Nexys4 DDR's
   * 100 MHz clock (10 ns) that leaves ~3.5 ns for routing and setup, about what 7-series routing
   * adds to paths of this depth.
   */
  budgetNs?: number;
}

/**
 * A static timing estimate from Yosys `sta` on the mapped 7-series netlist, with the cell delays
 * of the `specify` blocks in Yosys' Xilinx cell library (`+/xilinx/cells_sim.v`, speed grade −1
 * figures). **Logic only**: no routing, no setup time, no clock skew — a lower bound of the real
 * path delay, useful to find and compare the deep paths; place and route (Vivado) decides
 * closure. Units ns.
 */
export interface TimingReport {
  /** Logic delay of the worst path, ns (clock-to-out of the launching cell to the end point). */
  worstNs: number;
  /** The budget checked against, ns. */
  budgetNs: number;
  /** `worstNs ≤ budgetNs`. */
  pass: boolean;
  /** The worst path (Yosys `sta` reports one, the critical path), with its cell chain. */
  paths: TimingPath[];
  /** Endpoints per arrival-time bin (arrival includes the clock buffer, ~0.1 ns). */
  histogram: TimingHistogramBin[];
  /**
   * Endpoints whose arrival bin lies wholly above the budget (a lower bound: the bin that
   * straddles the budget is not counted; and Yosys' counts are approximate).
   */
  endpointsOverBudget: number;
  /** The raw `sta` text. */
  sta: string;
}

/** Default logic-delay budget, ns (see {@link TimingOptions.budgetNs}). */
export const DEFAULT_TIMING_BUDGET_NS = 6.5;

/**
 * Checks timing options and returns the budget.
 *
 * @throws {@link UnknownOptionError} for an unknown key; {@link InvalidArgumentError} for a
 *   budget that is not a positive finite number.
 */
export function timingBudget(options: TimingOptions, where: string): number {
  requireKnownOptions(options, ['budgetNs'], `${where} timing options`);
  const b = options.budgetNs ?? DEFAULT_TIMING_BUDGET_NS;
  if (typeof b !== 'number' || !Number.isFinite(b) || b <= 0) {
    throw new InvalidArgumentError('budgetNs', `must be a positive number of ns, got ${String(b)}`);
  }
  return b;
}

/**
 * Builds a {@link TimingReport} from the text of a Yosys `sta` run.
 *
 * @param budgetNs - Logic-delay budget, ns.
 * @throws `VerilogToolError` when the text holds no critical path (see `parseSta`).
 *
 * @example
 * ```ts
 * import { timingReport } from '@latentkit/verilog/node';
 *
 * const t = timingReport(staText, 10); // a 100 MHz budget: 10 ns
 * t.pass; // worst logic delay ≤ 10 ns; t.paths: the worst paths
 * ```
 */
export function timingReport(staText: string, budgetNs: number): TimingReport {
  const run = parseSta(staText);
  const worstNs = run.path.delayNs;
  return {
    worstNs,
    budgetNs,
    pass: worstNs <= budgetNs,
    paths: [run.path],
    histogram: run.histogram,
    endpointsOverBudget: run.histogram
      .filter((b) => b.lowerNs >= budgetNs)
      .reduce((n, b) => n + b.minEndpoints, 0),
    sta: staText,
  };
}

/**
 * A few lines for a log: worst logic delay against the budget, then the worst path as
 * `start (type) → … → end`, with the cell types in between.
 *
 * @example
 * ```ts
 * import { estimateTiming, renderTiming } from '@latentkit/verilog/node';
 *
 * console.log(renderTiming(await estimateTiming(design))); // worst delay vs. budget, the worst path
 * ```
 */
export function renderTiming(t: TimingReport): string {
  const lines = [
    `timing (logic only, Yosys sta): worst ${t.worstNs.toFixed(2)} ns, budget ${t.budgetNs} ns — ${t.pass ? 'pass' : 'FAIL'}` +
      (t.endpointsOverBudget > 0 ? ` (≥ ${t.endpointsOverBudget} endpoints over)` : ''),
  ];
  for (const p of t.paths) lines.push(`  ${describePath(p)}`);
  return lines.join('\n');
}

/**
 * One line: delay, launching cell, the cell types on the way, end point.
 *
 * @example
 * ```ts
 * import { describePath, estimateTiming } from '@latentkit/verilog/node';
 *
 * const t = await estimateTiming(design);
 * console.log(describePath(t.paths[0]!)); // delay, launching cell, cell types, end point
 * ```
 */
export function describePath(p: TimingPath): string {
  const types = p.steps.slice(1).map((s) => s.cellType);
  const compact: string[] = [];
  for (const t of types) {
    const last = compact[compact.length - 1];
    const m = last ? /^(.*?)(?: ×(\d+))?$/.exec(last) : null;
    if (m && m[1] === t) compact[compact.length - 1] = `${t} ×${Number(m[2] ?? 1) + 1}`;
    else compact.push(t);
  }
  const end = p.end.cellType === 'unknown' ? p.end.net : `${p.end.cellType} ${p.end.net}`;
  return (
    `${p.delayNs.toFixed(2)} ns: ${p.start.cell} (${p.start.cellType})` +
    (compact.length > 0 ? ` → ${compact.join(' → ')}` : '') +
    ` → ${end}`
  );
}
