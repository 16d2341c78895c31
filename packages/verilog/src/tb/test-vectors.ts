import { requireKnownOptions } from '@latentkit/core';
import {
  createNoiseSource,
  type QuantizedMlp,
  type QuantizedVae,
  runQuantizedMlp,
  runQuantizedVae,
  validateQuantizedMlp,
  validateQuantizedVae,
} from '@latentkit/quantize';
import { checkCode } from '@latentkit/quantize/internal';
import { VerilogError } from '../errors/verilog-error.js';

/**
 * Input codes and the golden model's output codes for a self-checking testbench.
 * `sample` (VAE only): the run draws z = μ + σ·ε with the hardware noise lanes from their seeds,
 * one sample per vector in order; otherwise z = μ.
 */
export interface TestVectors {
  /** Input codes, one array per vector. */
  inputs: number[][];
  /** Expected output codes, one array per vector. */
  expected: number[][];
  /** Whether the vectors were made with sampling on (drive the core's `sample` input with it). */
  sample: boolean;
  /**
   * The quantized model the expected codes come from (set by {@link mlpVectors} /
   * {@link vaeVectors}). With it, the generated testbenches also read back every word of every
   * ROM of the design and compare it with this model's weights, biases and tables (see
   * `goldenRoms`); without it they check the output codes only.
   */
  model?: QuantizedMlp | QuantizedVae;
}

/**
 * Test vectors of a quantized MLP from its golden model `runQuantizedMlp`.
 *
 * @throws {@link VerilogError} (`bad-vectors`) for no vectors; the golden model's errors for bad
 *   codes or lengths.
 *
 * @example
 * ```ts
 * import { mlpVectors } from '@latentkit/verilog';
 *
 * const vectors = mlpVectors(q, [[12, -3, 0, 5], [0, 0, 0, 0]]); // input codes, one row per vector
 * vectors.expected; // the golden model's output codes, one row per input
 * ```
 */
export function mlpVectors(q: QuantizedMlp, inputs: readonly (readonly number[])[]): TestVectors {
  if (inputs.length === 0) throw new VerilogError('bad-vectors', 'no input vectors');
  validateQuantizedMlp(q);
  const expected = inputs.map(
    (x) => runQuantizedMlp(q, x, { trace: false, validate: false }).output,
  );
  return { inputs: inputs.map((x) => [...x]), expected, sample: false, model: q };
}

/**
 * Test vectors of a quantized VAE from `runQuantizedVae`: with `sample`, one noise source
 * (`createNoiseSource(q.reparam.noise)`, i.e. the lanes' reset state) is advanced once per vector,
 * in order — what the hardware does from reset.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { vaeVectors } from '@latentkit/verilog';
 *
 * const det = vaeVectors(q, inputs); // z = μ: deterministic outputs
 * const sampled = vaeVectors(q, inputs, { sample: true }); // z = μ + σ·ε with the RTL's noise stream
 * ```
 */
export function vaeVectors(
  q: QuantizedVae,
  inputs: readonly (readonly number[])[],
  options: { sample?: boolean } = {},
): TestVectors {
  requireKnownOptions(options, ['sample'], 'vaeVectors options');
  if (inputs.length === 0) throw new VerilogError('bad-vectors', 'no input vectors');
  validateQuantizedVae(q);
  const sample = options.sample ?? false;
  const noise = sample ? createNoiseSource(q.reparam.noise) : undefined;
  const expected = inputs.map(
    (x) => runQuantizedVae(q, x, { validate: false, ...(noise ? { noise } : {}) }).output,
  );
  return { inputs: inputs.map((x) => [...x]), expected, sample, model: q };
}

/**
 * Checks vectors against an interface: counts and codes.
 *
 * @throws {@link VerilogError} (`bad-vectors`).
 */
export function checkVectors(
  v: TestVectors,
  io: {
    inputCount: number;
    outputCount: number;
    inputFormat: { width: number; frac: number; signed: true };
    outputFormat: { width: number; frac: number; signed: true };
  },
): void {
  if (!v || v.inputs.length === 0 || v.inputs.length !== v.expected.length) {
    throw new VerilogError('bad-vectors', 'need as many expected vectors as input vectors (≥ 1)');
  }
  v.inputs.forEach((x, r) => {
    if (x.length !== io.inputCount) {
      throw new VerilogError(
        'bad-vectors',
        `input ${r}: ${x.length} codes, the core takes ${io.inputCount}`,
      );
    }
    try {
      x.forEach((c, i) => {
        checkCode(c, io.inputFormat, `input ${r}[${i}]`);
      });
    } catch (e) {
      throw new VerilogError('bad-vectors', (e as Error).message);
    }
  });
  v.expected.forEach((y, r) => {
    if (y.length !== io.outputCount) {
      throw new VerilogError(
        'bad-vectors',
        `expected ${r}: ${y.length} codes, the core gives ${io.outputCount}`,
      );
    }
  });
}
