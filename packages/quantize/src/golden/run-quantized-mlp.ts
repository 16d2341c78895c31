import { requireKnownOptions, ShapeError } from '@latentkit/core';
import { activationCode } from '../activations/activation-unit.js';
import { checkCode } from '../fixed/fixed-format.js';
import { requantizeUnchecked } from '../fixed/requantize.js';
import type { QuantizedLayer, QuantizedMlp } from './quantized-mlp.js';
import { validateQuantizedMlp } from './validate-quantized-mlp.js';

/** Codes on every wire of one layer, for debugging and for per-stage RTL checks. */
export interface QuantizedLayerTrace {
  /** Accumulator values (bias + Σ products), `accumulator` format, `[outFeatures]`. */
  accumulator: number[];
  /** After requantization to `activationInput`. */
  activationInput: number[];
  /** After the activation unit (`activationOutput` format). */
  activationOutput: number[];
  /** After requantization to `output` (the layer's result). */
  output: number[];
}

/** Result of {@link runQuantizedMlp}. */
export interface QuantizedMlpResult {
  /** Output codes of the last layer (its `output` format). */
  output: number[];
  /** Per-layer wire values (empty when `trace: false`). */
  layers: QuantizedLayerTrace[];
}

/** Options of {@link runQuantizedMlp}. */
export interface RunQuantizedOptions {
  /** Record every layer's wires. Default `true`. */
  trace?: boolean;
  /** Validate the model first (skip only for a model you just validated). Default `true`. */
  validate?: boolean;
}

/**
 * One layer of the golden model (see `QuantizedLayer` for the dataflow).
 *
 * Exactness: `x` holds codes of `layer.input` (|x_i| ≤ 2^(Wx−1)); the validated accumulator
 * width covers `accumulatorBound`, which bounds every partial sum (bias and any subset of
 * products) by B ≤ 2^52 − 1. All summands and partial sums are thus integers below 2^53 in
 * magnitude, so IEEE-754 double products and sums are exact: this `number` arithmetic IS the
 * integer arithmetic, and the accumulator cannot overflow.
 */
export function runQuantizedLayer(
  layer: QuantizedLayer,
  x: ArrayLike<number>,
  trace: QuantizedLayerTrace | null,
): number[] {
  const n = layer.outFeatures;
  const m = layer.inFeatures;
  const w = layer.weights;
  const align = 2 ** (layer.accumulator.frac - layer.biasFormat.frac);
  const out: number[] = new Array(n);
  // Input-major: row i of the weights ([in, out] row-major) is contiguous, and a zero input code
  // (most MNIST pixels, every ReLU that is off) skips its row. Sums of exact integers below
  // 2^53 do not depend on their order, so this equals the neuron-by-neuron sum bit for bit.
  const sums = new Float64Array(n);
  for (let j = 0; j < n; j++) sums[j] = layer.biases[j]! * align;
  for (let i = 0; i < m; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const row = i * n;
    for (let j = 0; j < n; j++) sums[j] = sums[j]! + xi * w[row + j]!;
  }
  for (let j = 0; j < n; j++) {
    const acc = sums[j]!;
    const a = requantizeUnchecked(
      acc,
      layer.accumulator.frac,
      layer.activationInput,
      layer.rounding,
      layer.overflow,
    );
    const y = activationCode(
      layer.activation,
      a,
      layer.activationInput,
      layer.activationOutput,
      layer.rounding,
    );
    const o = requantizeUnchecked(
      y,
      layer.activationOutput.frac,
      layer.output,
      layer.rounding,
      layer.overflow,
    );
    out[j] = o;
    if (trace) {
      trace.accumulator.push(acc);
      trace.activationInput.push(a);
      trace.activationOutput.push(y);
      trace.output.push(o);
    }
  }
  return out;
}

/**
 * The bit-exact integer golden model of a {@link QuantizedMlp}: what the generated RTL must
 * reproduce bit for bit. Plain integer arithmetic on exact `number`s (proof in
 * {@link runQuantizedLayer}), deterministic, no floating-point rounding anywhere.
 *
 * @param q - The quantized model.
 * @param input - One input vector: `layers[0].inFeatures` codes of `layers[0].input`.
 * @throws {@link ShapeError} for a wrong input length; {@link QuantizationError} (`bad-code`) for
 *   an input that is not a code of the input format; the errors of `validateQuantizedMlp`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { runQuantizedMlp } from '@latentkit/quantize';
 *
 * const { output, layers } = runQuantizedMlp(q, input, { trace: true });
 * // output: the last layer's codes; layers: per-layer accumulators and codes, to debug the RTL
 * ```
 */
export function runQuantizedMlp(
  q: QuantizedMlp,
  input: ArrayLike<number>,
  options: RunQuantizedOptions = {},
): QuantizedMlpResult {
  requireKnownOptions(options, ['trace', 'validate'], 'runQuantizedMlp options');
  if (options.validate ?? true) validateQuantizedMlp(q);
  const first = q.layers[0]!;
  if (input.length !== first.inFeatures) {
    throw new ShapeError(
      `input: expected ${first.inFeatures} codes, got ${input.length}`,
      [first.inFeatures],
      [input.length],
    );
  }
  for (let i = 0; i < input.length; i++) checkCode(input[i]!, first.input, `input[${i}]`);
  const wantTrace = options.trace ?? true;
  const layers: QuantizedLayerTrace[] = [];
  let x: ArrayLike<number> = input;
  for (const layer of q.layers) {
    const t: QuantizedLayerTrace | null = wantTrace
      ? { accumulator: [], activationInput: [], activationOutput: [], output: [] }
      : null;
    x = runQuantizedLayer(layer, x, t);
    if (t) layers.push(t);
  }
  return { output: Array.from(x), layers };
}

/**
 * {@link runQuantizedMlp} over many rows (validating the model once, no trace).
 *
 * @param input - `[rows, inFeatures]` row-major codes.
 * @returns Output codes `[rows, outFeatures]` row-major.
 *
 * @example
 * ```ts
 * import { runQuantizedMlpBatch } from '@latentkit/quantize';
 *
 * const out = runQuantizedMlpBatch(q, rows); // rows: [n · inFeatures] flat
 * // → Float64Array [n · outFeatures] of output codes
 * ```
 */
export function runQuantizedMlpBatch(q: QuantizedMlp, input: ArrayLike<number>): Float64Array {
  validateQuantizedMlp(q);
  const m = q.layers[0]!.inFeatures;
  const n = q.layers[q.layers.length - 1]!.outFeatures;
  if (input.length % m !== 0) {
    throw new ShapeError(
      `input: length ${input.length} is not a multiple of ${m}`,
      [null, m],
      [input.length],
    );
  }
  const rows = input.length / m;
  const out = new Float64Array(rows * n);
  for (let r = 0; r < rows; r++) {
    const row = Array.prototype.slice.call(input, r * m, (r + 1) * m) as number[];
    const y = runQuantizedMlp(q, row, { trace: false, validate: false }).output;
    out.set(y, r * n);
  }
  return out;
}
