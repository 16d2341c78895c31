import { LatentkitError } from '@latentkit/core';

/** Why a {@link QuantizationError} was thrown. */
export type QuantizationProblem =
  /** A float activation (or activation unit) that has no integer implementation here. */
  | 'unsupported-activation'
  /** A width or fraction-bit count that is not an integer in the allowed range. */
  | 'bad-width'
  /** A format too narrow for values it must hold (e.g. an accumulator that could overflow). */
  | 'overflow'
  /** A code that is not an integer inside its format's range. */
  | 'bad-code'
  /** A quantized model whose parts do not fit together (lengths, chained formats). */
  | 'inconsistent-model'
  /** A layer name outside the layer-name rule (see `checkLayerName`). */
  | 'bad-name';

/**
 * Thrown by `@latentkit/quantize` when a model or a number cannot be quantized as asked: an
 * unsupported activation, a bad width, a format that would overflow, a code outside its format,
 * a quantized model whose parts do not fit, or a layer name outside the layer-name rule. `code`
 * is `'QUANTIZATION'`; `problem` says which.
 */
export class QuantizationError extends LatentkitError {
  /** Which kind of problem this is. */
  readonly problem: QuantizationProblem;

  /**
   * @param problem - The kind of problem.
   * @param message - What is wrong, naming the layer, format or value.
   */
  constructor(problem: QuantizationProblem, message: string) {
    super('QUANTIZATION', message);
    this.problem = problem;
  }
}
