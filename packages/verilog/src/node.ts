/**
 * `@latentkit/verilog/node`: simulation (Icarus Verilog, CXXRTL through Yosys and g++, Verilator)
 * and synthesis reports (Yosys `synth_xilinx`) for the designs of `@latentkit/verilog`.
 *
 * @packageDocumentation
 */

export { availableSimulators } from './node/find-tool.js';
export type {
  AxiStreamSimulateOptions,
  AxiStreamSimulationResult,
} from './node/simulate-axi-stream.js';
export { simulateAxiStream } from './node/simulate-axi-stream.js';
export type { CxxrtlBuild, CxxrtlCompileOptions } from './node/simulate-cxxrtl.js';
export { compileCxxrtl, simulateCxxrtl } from './node/simulate-cxxrtl.js';
export { simulateIverilog } from './node/simulate-iverilog.js';
export type { UartSimulateOptions, UartSimulationResult } from './node/simulate-uart.js';
export { simulateUart } from './node/simulate-uart.js';
export { simulateVerilator } from './node/simulate-verilator.js';
export type {
  Mismatch,
  SimulateOptions,
  SimulationResult,
  SimulatorName,
} from './node/simulation-result.js';
export type { SynthesisResult, SynthesizeOptions } from './node/synthesize.js';
export { synthesize } from './node/synthesize.js';
export { writeFiles } from './node/work-dir.js';
