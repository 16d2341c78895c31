/** Settings of the verilog suite per mode, and the shape of what one run measured. */
import type { ElboEstimate, EpochReport } from '@latentkit/models';
import type { QuantizationReport, QuantizedVae } from '@latentkit/quantize';
import type { LineFigure } from '@latentkit/report';
import type { VerilogDesign, VgaBoardDesign } from '@latentkit/verilog';
import type { SimulatorName, SynthesisResult } from '@latentkit/verilog/node';
import type { DecoderVectors } from '../../hardware/decoder-vectors.js';
import type { IrisHardware } from '../../hardware/iris-vae-flow.js';
import type { SimulatorRun } from '../../hardware/simulate-all.js';
import type { LanesPoint } from './lanes-table.js';
import type { VgaFrameRun } from './vga-frame.js';

/** Sizes of the suite per mode. */
export interface VerilogSettings {
  /** Test images the quantization error is measured on (the first ones of the test set). */
  testRows: number;
  /** Training images the formats are calibrated on (the first ones). */
  calibrationRows: number;
  /** Decoder vectors simulated (z = μ of the first test images). */
  vectors: number;
  /** Of those, how many Icarus Verilog runs (it is the slowest simulator). */
  iverilogVectors: number;
  /** Iris VAE vectors (sampling on). */
  irisVectors: number;
  /** Simulators for the Iris core (those not installed are reported as such). */
  irisSimulators: SimulatorName[];
  /**
   * UART round trip of the Iris top also in CXXRTL at the real divider (868 clocks per bit: a
   * second C++ build); Icarus Verilog always runs it at 16 clocks per bit when installed, and
   * CXXRTL does when Icarus is missing.
   */
  uartCxxrtl: boolean;
  /**
   * Lane choices of the MNIST decoder synthesized for the lanes table, besides `DECODER_LANES`
   * (one synthesis of several minutes each).
   */
  lanesPoints: number[][];
}

/**
 * Quick: 2000 test images, formats from 5000 training images, 100 vectors; full: the whole test
 * set, 10000 training images, 1000 vectors (Icarus: 200).
 */
export const VERILOG_SETTINGS: { quick: VerilogSettings; full: VerilogSettings } = {
  quick: {
    testRows: 2000,
    calibrationRows: 5000,
    vectors: 100,
    iverilogVectors: 100,
    irisVectors: 1000,
    irisSimulators: ['cxxrtl', 'iverilog'],
    uartCxxrtl: false,
    lanesPoints: [[4, 28]],
  },
  full: {
    testRows: 10_000,
    calibrationRows: 10_000,
    vectors: 1000,
    iverilogVectors: 200,
    irisVectors: 1000,
    irisSimulators: ['cxxrtl', 'iverilog', 'verilator'],
    uartCxxrtl: true,
    lanesPoints: [
      [2, 16],
      [4, 28],
      [16, 98],
    ],
  },
};

/** A synthesis that may have failed (the report says so instead of stopping). */
export type SynthesisOutcome = { ok: true; result: SynthesisResult } | { ok: false; error: string };

/** One UART round trip of the Iris Nexys4 DDR top. */
export interface UartRun {
  simulator: 'cxxrtl' | 'iverilog';
  /** UART divider of the run (868 = 115200 baud at 100 MHz). */
  clksPerBit: number;
  /** Vectors sent. */
  vectors: number;
  /** Every returned byte right, framing right, no timeout. */
  pass: boolean;
  /** Cycles from the first byte sent to the last byte received, vector 0. */
  latency: number;
  /** Returned bytes that differ from the golden model's. */
  byteMismatches: number;
  /** Why it failed to run; for a run with line faults, what they did; else empty. */
  note: string;
}

/** Everything the verilog suite measured, from which `verilogOutput` builds the report. */
export interface VerilogRun {
  settings: VerilogSettings;
  /** The training header line. */
  headline: string;
  /** Training epochs and the test-set ELBO of the float model (nats per image). */
  training: { epochs: EpochReport[]; test: ElboEstimate };
  /** Loss curves of the training. */
  lossFigure: LineFigure;
  /** max |float64 description − tfjs model| of E[x|z = μ] on the vector rows. */
  floatCheckMaxAbs: number;
  /** Test images `[testRows, 784]`, pixels / 255. */
  test: Float32Array;
  /** Their labels. */
  testLabels: Uint8Array;
  /** Float vs 8/12/16-bit reconstruction error and SQNR on `test`. */
  report: QuantizationReport;
  /** The 16-bit VAE whose decoder is in hardware. */
  q16: QuantizedVae;
  /** The generated decoder core. */
  decoder: VerilogDesign;
  /** Its vectors (z = μ of the first test images). */
  decoderVectors: DecoderVectors;
  decoderSims: SimulatorRun[];
  decoderSynth: SynthesisOutcome;
  /** The Iris VAE, its core and Nexys4 DDR top. */
  iris: IrisHardware;
  irisSims: SimulatorRun[];
  irisUart: UartRun[];
  irisSynth: SynthesisOutcome;
  /** The lanes table's points: `DECODER_LANES` and `settings.lanesPoints` (absent in old runs). */
  lanes?: LanesPoint[];
  /** Reconstructions E[x|z = μ] of the float64 model for the vector rows. */
  floatRecon: Float64Array;
  /** Wall time per stage, s. */
  seconds: Record<string, number>;
  /** The MNIST decoder's VGA top, one frame of it captured in simulation, and its synthesis. */
  vga?: { board: VgaBoardDesign; frame: VgaFrameRun; synth: SynthesisOutcome };
}
