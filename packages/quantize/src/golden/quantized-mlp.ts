import type { ActivationUnit } from '../activations/activation-unit.js';
import type { FixedFormat } from '../fixed/fixed-format.js';
import type { OverflowMode, RoundingMode } from '../fixed/rounding.js';
import type { FloatActivation } from '../float/float-mlp.js';

/**
 * One quantized dense layer: integer codes, the format of every wire, and the activation circuit.
 * Plain JSON-serializable data — the input of the Verilog generator.
 *
 * Dataflow for one output neuron j (the hardware semantics; `runQuantizedMlp` is its reference):
 *
 * 1. **Multiply.** `p_i = x_i · w_ij`: an `input.width × weightFormat.width` signed product,
 *    fraction bits `input.frac + weightFormat.frac`.
 * 2. **Accumulate** in `accumulator` (fraction bits exactly `input.frac + weightFormat.frac`,
 *    width chosen so that no sum can overflow for ANY input codes — see `accumulatorBound`):
 *    `acc = (b_j << (accumulator.frac − biasFormat.frac)) + Σ_i p_i`. Plain two's-complement
 *    addition; order is irrelevant (every partial sum fits).
 * 3. **Requantize** `acc` to `activationInput` with `rounding` and `overflow` (shift right by
 *    `accumulator.frac − activationInput.frac` with rounding, or shift left; then saturate/wrap).
 * 4. **Activation unit** `activation`: `activationInput` code → `activationOutput` code (rounds
 *    once with `rounding`, always saturates).
 * 5. **Requantize** to `output` with `rounding` and `overflow` (often the identity).
 *
 * `output` equals the next layer's `input`.
 */
export interface QuantizedLayer {
  /**
   * Layer name, e.g. `'encoder.fc1'`: satisfies the layer-name rule (`checkLayerName`, checked by
   * `validateQuantizedMlp`); still sanitize it before using it as an HDL identifier.
   */
  name: string;
  /** Input width (number of input codes). */
  inFeatures: number;
  /** Output width. */
  outFeatures: number;
  /** Format of the input codes `x`. */
  input: FixedFormat;
  /** Format of the weight codes. */
  weightFormat: FixedFormat;
  /** Weight codes `[inFeatures, outFeatures]` row-major: `weights[i · outFeatures + j] = w_ij`. */
  weights: number[];
  /** Format of the bias codes; `biasFormat.frac ≤ accumulator.frac`. */
  biasFormat: FixedFormat;
  /** Bias codes `[outFeatures]`. */
  biases: number[];
  /** Accumulator format: frac = `input.frac + weightFormat.frac`; width proven overflow-free. */
  accumulator: FixedFormat;
  /** Format at the activation unit's input. */
  activationInput: FixedFormat;
  /** The activation circuit. */
  activation: ActivationUnit;
  /** The float activation this unit approximates (informational). */
  floatActivation: FloatActivation;
  /** Format at the activation unit's output. */
  activationOutput: FixedFormat;
  /** Format of the layer's output codes (= the next layer's `input`). */
  output: FixedFormat;
  /** Rounding of steps 3–5. */
  rounding: RoundingMode;
  /** Overflow handling of steps 3 and 5. */
  overflow: OverflowMode;
}

/** Tag of {@link QuantizedMlp} data. */
export const QUANTIZED_MLP_FORMAT = 'latentkit.quantized-mlp';

/** A quantized MLP: self-contained, JSON-serializable (`JSON.stringify` / `parseQuantizedMlp`). */
export interface QuantizedMlp {
  /** Always {@link QUANTIZED_MLP_FORMAT}. */
  format: typeof QUANTIZED_MLP_FORMAT;
  /** Schema version, 1. */
  version: 1;
  /** Layers in order. */
  layers: QuantizedLayer[];
}
