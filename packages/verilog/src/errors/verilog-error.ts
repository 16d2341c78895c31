import { LatentkitError } from '@latentkit/core';

/** Why a {@link VerilogError} was thrown. */
export type VerilogProblem =
  /** An activation unit, layer kind or noise source the generator has no circuit for. */
  | 'unsupported-unit'
  /** A format or internal wire wider than the generator supports (see the message). */
  | 'unsupported-width'
  /** A generator option out of range (parallelism, names, baud divider…). */
  | 'bad-option'
  /** A quantized model whose parts do not fit together (checked before generating). */
  | 'bad-model'
  /** Test vectors whose shape or codes do not match the design's interface. */
  | 'bad-vectors';

/**
 * Thrown by `@latentkit/verilog` when it cannot build what was asked: an unsupported activation
 * unit, a width beyond what the circuits support, a bad option, a malformed model or test
 * vectors. `code` is `'VERILOG'`; `problem` says which.
 */
export class VerilogError extends LatentkitError {
  /** Which kind of problem this is. */
  readonly problem: VerilogProblem;

  /**
   * @param problem - The kind of problem.
   * @param message - What is wrong, naming the layer, unit, width or option.
   */
  constructor(problem: VerilogProblem, message: string) {
    super('VERILOG', message);
    this.problem = problem;
  }
}
