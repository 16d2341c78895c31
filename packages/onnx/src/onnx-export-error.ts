import { LatentkitError } from '@latentkit/core';

/**
 * Why a model cannot be exported to ONNX, as a stable code:
 * - `'unsupported-kind'`: the model kind has no ONNX form here (a VQ-VAE: its quantizer's
 *   nearest-code search is not exported);
 * - `'unsupported-network'`: an encoder or decoder spec of a type other than `'mlp'` / `'conv'`,
 *   or a conv option without an ONNX mapping;
 * - `'unsupported-activation'`: an activation name without a standard ONNX operator;
 * - `'unsupported-likelihood'`: a decoder likelihood other than `'bernoulli'`, `'gaussian'`,
 *   `'gaussian-learned'`;
 * - `'missing-parameter'`: a parameter the architecture needs is not in the model's store, or
 *   has another shape than the config implies.
 */
export type OnnxExportProblem =
  | 'unsupported-kind'
  | 'unsupported-network'
  | 'unsupported-activation'
  | 'unsupported-likelihood'
  | 'missing-parameter';

/**
 * Thrown by `exportOnnxModel` for a model it cannot write as ONNX. `problem` says why (see
 * {@link OnnxExportProblem}), `feature` names the part that is not exportable (e.g.
 * `"kind 'vqvae'"`, `"activation 'swish'"`, `'encoder.fc1.weight'`), and the message lists what
 * is supported.
 *
 * `code` is `'ONNX_EXPORT'`.
 */
export class OnnxExportError extends LatentkitError {
  /** See {@link OnnxExportProblem}. */
  readonly problem: OnnxExportProblem;
  /** The part of the model that cannot be exported. */
  readonly feature: string;

  /**
   * @param problem - See {@link OnnxExportProblem}.
   * @param feature - The part of the model that cannot be exported.
   * @param message - Why, and what is supported instead.
   */
  constructor(problem: OnnxExportProblem, feature: string, message: string) {
    super('ONNX_EXPORT', `onnx export: ${feature}: ${message} [${problem}]`);
    this.problem = problem;
    this.feature = feature;
  }
}
