import type { TestVectors, VerilogDesign } from '@latentkit/verilog';
import {
  availableSimulators,
  type SimulationResult,
  type SimulatorName,
  simulateCxxrtl,
  simulateIverilog,
  simulateVerilator,
} from '@latentkit/verilog/node';

/** Every simulator, in the order {@link simulateAll} runs them. */
export const SIMULATORS: readonly SimulatorName[] = ['cxxrtl', 'iverilog', 'verilator'];

/** How to get a simulator that is missing. */
export const INSTALL_HINTS: Readonly<Record<SimulatorName, string>> = {
  cxxrtl: 'needs a C++ compiler (g++ or c++) on PATH; @yowasp/yosys writes the model',
  iverilog: 'Debian package iverilog (apt-get install iverilog)',
  verilator: 'Debian package verilator, version 5 or later (apt-get install verilator)',
};

/** What one simulator showed (or why it did not run). */
export interface SimulatorRun {
  simulator: SimulatorName;
  /** Whether it ran to a verdict. */
  ran: boolean;
  /** Why it did not run (not installed, or the tool's error), else empty. */
  note: string;
  /** Vectors simulated. */
  vectors: number;
  /** Output codes that differ from the golden model (TypeScript comparison of every code). */
  mismatches: number;
  /** Vectors whose every output code equals the golden model's. */
  exactVectors: number;
  /** The testbench's verdict and the TypeScript comparison agree that nothing differs. */
  pass: boolean;
  /** Clock cycles from the first input handshake of vector 0 to its last output handshake. */
  latency: number;
  /** Clock cycles from reset release to the last output beat of the last vector. */
  cycles: number;
  /** Build time (ms; 0 when not run). */
  compileMs: number;
  /** Simulation time (ms). */
  runMs: number;
  /** Output codes per vector, as the RTL produced them (empty when not run). */
  outputs: number[][];
}

/** Options of {@link simulateAll}. */
export interface SimulateAllOptions {
  /** Simulators to try. Default {@link SIMULATORS}. */
  simulators?: readonly SimulatorName[];
  /** Run at most this many of the vectors on a simulator (e.g. `{ iverilog: 100 }`). */
  limit?: Partial<Record<SimulatorName, number>>;
  /** Random back-pressure after vector 0 (see `@latentkit/verilog`). Default `false`. */
  stall?: boolean;
  /** Called before each simulator starts (progress lines). */
  onStart?: (simulator: SimulatorName, vectors: number) => void;
  /** Which simulators are installed. Default `availableSimulators()`. */
  available?: Record<SimulatorName, boolean>;
}

const RUNNERS: Record<
  SimulatorName,
  (d: VerilogDesign, v: TestVectors, o: { stall: boolean }) => Promise<SimulationResult>
> = {
  cxxrtl: simulateCxxrtl,
  iverilog: simulateIverilog,
  verilator: simulateVerilator,
};

function firstVectors(v: TestVectors, n: number): TestVectors {
  return n >= v.inputs.length
    ? v
    : { ...v, inputs: v.inputs.slice(0, n), expected: v.expected.slice(0, n) };
}

/** A {@link SimulatorRun} for a simulator that did not run. */
export function skippedRun(simulator: SimulatorName, note: string): SimulatorRun {
  return {
    simulator,
    ran: false,
    note,
    vectors: 0,
    mismatches: 0,
    exactVectors: 0,
    pass: false,
    latency: 0,
    cycles: 0,
    compileMs: 0,
    runMs: 0,
    outputs: [],
  };
}

/** Summarizes a simulation: mismatching codes and the vectors that matched entirely. */
export function summarizeRun(r: SimulationResult, expected: number[][]): SimulatorRun {
  const bad = new Set(r.mismatchList.map((m) => m.vector));
  return {
    simulator: r.simulator,
    ran: true,
    note: '',
    vectors: expected.length,
    mismatches: r.mismatchList.length,
    exactVectors: expected.length - bad.size,
    pass: r.pass,
    latency: r.latency,
    cycles: r.cycles,
    compileMs: r.compileMs,
    runMs: r.runMs,
    outputs: r.outputs,
  };
}

/**
 * Simulates a core against its golden-model vectors with every installed simulator, one after
 * the other: CXXRTL (`@yowasp/yosys` + the system C++ compiler, present wherever g++ is), Icarus
 * Verilog and Verilator when installed. A missing simulator, or one whose tool fails, gives a run
 * with `ran: false` and a note saying why — never an exception — so a report can say so.
 */
export async function simulateAll(
  design: VerilogDesign,
  vectors: TestVectors,
  options: SimulateAllOptions = {},
): Promise<SimulatorRun[]> {
  const available = options.available ?? availableSimulators();
  const runs: SimulatorRun[] = [];
  for (const sim of options.simulators ?? SIMULATORS) {
    if (!available[sim]) {
      runs.push(skippedRun(sim, `not installed: ${INSTALL_HINTS[sim]}`));
      continue;
    }
    const v = firstVectors(vectors, options.limit?.[sim] ?? vectors.inputs.length);
    options.onStart?.(sim, v.inputs.length);
    try {
      const r = await RUNNERS[sim](design, v, { stall: options.stall ?? false });
      runs.push(summarizeRun(r, v.expected));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      runs.push(skippedRun(sim, `failed: ${message.split('\n')[0]!.slice(0, 300)}`));
    }
  }
  return runs;
}
