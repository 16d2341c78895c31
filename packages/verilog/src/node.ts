/**
 * `@latentkit/verilog/node`: simulation (Icarus Verilog, CXXRTL through Yosys and g++, Verilator)
 * and synthesis reports (Yosys `synth_xilinx`) for the designs of `@latentkit/verilog`.
 *
 * @packageDocumentation
 */
export type { BoardCliEnv } from './node/board-cli.js';
export { readVectorFile, runBoardCli } from './node/board-cli.js';
export type { EstimateTimingOptions } from './node/estimate-timing.js';
export { estimateTiming } from './node/estimate-timing.js';
export { availableSimulators } from './node/find-tool.js';
export type { SerialTransportOptions } from './node/serial-transport.js';
export { openSerialTransport } from './node/serial-transport.js';
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
export type { VgaSimulateOptions, VgaSimulationResult } from './node/simulate-vga.js';
export { simulateVgaFrame } from './node/simulate-vga.js';
export type { SimulatedBoardOptions } from './node/simulated-board.js';
export { openSimulatedBoard } from './node/simulated-board.js';
export type {
  Mismatch,
  SimulateOptions,
  SimulationResult,
  SimulatorName,
} from './node/simulation-result.js';
export type { SynthesisResult, SynthesizeOptions } from './node/synthesize.js';
export { synthesize } from './node/synthesize.js';
export { writeFiles } from './node/work-dir.js';
export type { BoardProject } from './node/write-board-project.js';
export { writeBoardProject } from './node/write-board-project.js';
export type {
  StaRun,
  TimingHistogramBin,
  TimingPath,
  TimingStep,
} from './report/parse-timing.js';
export { parseSta } from './report/parse-timing.js';
export type { TimingOptions, TimingReport } from './report/timing-report.js';
export { describePath, renderTiming, timingReport } from './report/timing-report.js';
