import { LatentkitError } from './latentkit-error.js';

/** Thrown when a scalar argument is out of its valid range or of the wrong type (dtype, sign, integer). */
export class InvalidArgumentError extends LatentkitError {
  /** Name of the offending argument. */
  readonly argument: string;

  /**
   * @param argument - Name of the argument.
   * @param message - What is wrong with it.
   */
  constructor(argument: string, message: string) {
    super('INVALID_ARGUMENT', `${argument}: ${message}`);
    this.argument = argument;
  }
}
