import type { BenchTable } from '../benchmark.js';
import type { SimulatorRun } from './simulate-all.js';

/** Simulations of one design for {@link simulationTable}. */
export interface SimulatedDesign {
  design: string;
  runs: readonly SimulatorRun[];
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/**
 * One row per design and simulator: vectors run, vectors whose every output code equals the
 * golden model's, mismatching codes, latency of vector 0 and mean cycles per vector (clock
 * cycles), build and run time; a simulator that did not run gets a row saying why.
 */
export function simulationTable(designs: readonly SimulatedDesign[]): BenchTable {
  return {
    columns: [
      'design',
      'simulator',
      'vectors',
      'bit-exact vectors',
      'mismatching codes',
      'latency (cycles)',
      'cycles/vector',
      'build (s)',
      'run (s)',
      'note',
    ],
    rows: designs.flatMap(({ design, runs }) =>
      runs.map((r) =>
        r.ran
          ? [
              design,
              r.simulator,
              String(r.vectors),
              String(r.exactVectors),
              String(r.mismatches),
              String(r.latency),
              r.vectors > 0 ? (r.cycles / r.vectors).toFixed(0) : '',
              seconds(r.compileMs),
              seconds(r.runMs),
              r.pass ? 'PASS' : 'FAIL',
            ]
          : [design, r.simulator, '', '', '', '', '', '', '', `did not run: ${r.note}`],
      ),
    ),
  };
}

/**
 * A one-line verdict per design, e.g. `cxxrtl 100/100, iverilog 100/100, verilator not installed`.
 */
export function bitExactSummary(runs: readonly SimulatorRun[]): string {
  return runs
    .map((r) =>
      r.ran
        ? `${r.simulator} ${r.exactVectors}/${r.vectors}`
        : `${r.simulator} ${r.note.startsWith('not installed') ? 'not installed' : 'failed'}`,
    )
    .join(', ');
}
