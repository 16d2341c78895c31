import { LatentkitError } from './latentkit-error.js';

/**
 * Thrown when a numerical method cannot finish on finite input: an iteration that does not
 * converge, a vector that vanishes where it must not, a value that leaves the range of floating
 * point. The message names the method and, where it helps, what to change (e.g. scale the data).
 * `code` is `'NUMERICAL'`.
 */
export class NumericalError extends LatentkitError {
  /**
   * @param message - What failed, naming the method.
   */
  constructor(message: string) {
    super('NUMERICAL', message);
  }
}
