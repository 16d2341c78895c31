import { type IrisSplitOptions, splitIris } from '@latentkit/datasets';

/** The Iris split the hardware demo and its pretraining use (30 test rows, standardized). */
export const IRIS_SPLIT = { seed: 1, standardize: true } as const satisfies IrisSplitOptions;

/** Module name of the generated Verilog core. */
export const IRIS_VERILOG_NAME = 'iris_vae';

/** Bit widths whose Nexys4 DDR design the pretraining script synthesizes. */
export const SYNTHESIZED_BITS: readonly number[] = [8, 12, 16];

/** Yosys `synth_xilinx` figures of the Iris VAE's board design at one bit width. */
export interface IrisSynthesis {
  /** Bit width of weights and activations. */
  bits: number;
  /** LUTs (logic + LUT-RAM). */
  luts: number;
  /** Flip-flops. */
  ffs: number;
  /** DSP48E1 slices. */
  dsp: number;
  /** Block RAM in RAMB36 units. */
  bram36: number;
  /** Synthesis wall time, seconds. */
  seconds: number;
}

/** Standardized Iris rows: 120 training rows (calibration) and 30 test rows, 4 features each. */
export interface IrisRows {
  train: Float32Array;
  test: Float32Array;
}

/** The rows of {@link IRIS_SPLIT} (the same in the page and in the pretraining script). */
export function irisRows(): IrisRows {
  const split = splitIris(IRIS_SPLIT);
  return { train: split.train.features, test: split.test.features };
}
