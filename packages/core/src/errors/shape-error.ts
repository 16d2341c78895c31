import { LatentkitError } from './latentkit-error.js';

/** Thrown when a tensor or array does not have the shape an operation needs. */
export class ShapeError extends LatentkitError {
  /** The shape that was expected (`-1` or `null` marks a free axis). */
  readonly expected: readonly (number | null)[] | undefined;
  /** The shape that was received. */
  readonly actual: readonly number[] | undefined;

  /**
   * @param message - What is wrong, naming the argument.
   * @param expected - The expected shape, if one can be stated.
   * @param actual - The shape received.
   */
  constructor(message: string, expected?: readonly (number | null)[], actual?: readonly number[]) {
    super('SHAPE_MISMATCH', message);
    this.expected = expected;
    this.actual = actual;
  }
}
