import type { TimingReport } from '@latentkit/verilog/node';
import { describePath } from '@latentkit/verilog/node';
import type { BenchTable } from '../../benchmark.js';

/** One design's timing estimate for {@link timingTable}. */
export interface TimedDesign {
  /** Name shown in the first column. */
  design: string;
  /** The estimate, or undefined when synthesis failed or ran without it. */
  timing: TimingReport | undefined;
}

/**
 * The static timing estimate per design (Yosys `sta` on the 7-series cell delays, logic only):
 * worst register-to-register logic delay, the budget, pass/fail, endpoints wholly over the
 * budget, and the worst path as `launching cell (type) → cell types → end point`.
 */
export function timingTable(designs: readonly TimedDesign[]): BenchTable {
  return {
    columns: ['design', 'worst path (ns, logic)', 'budget (ns)', 'result', 'worst path'],
    rows: designs.map(({ design, timing: t }) =>
      t
        ? [
            design,
            t.worstNs.toFixed(2),
            String(t.budgetNs),
            t.pass
              ? 'pass'
              : `FAIL${t.endpointsOverBudget > 0 ? ` (≥ ${t.endpointsOverBudget} endpoints over)` : ''}`,
            t.paths.map(describePath).join('; '),
          ]
        : [design, '', '', 'no estimate', ''],
    ),
  };
}
