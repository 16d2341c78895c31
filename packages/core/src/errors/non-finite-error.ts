import { LatentkitError } from './latentkit-error.js';

/** Thrown when an input or a computed value contains NaN or ±Infinity where it must not. */
export class NonFiniteError extends LatentkitError {
  /** Name of the offending argument or quantity (e.g. `'logits'`, `'loss'`). */
  readonly what: string;

  /**
   * @param what - Name of the argument or quantity that is not finite.
   * @param detail - Optional extra detail (index, value).
   */
  constructor(what: string, detail?: string) {
    super('NON_FINITE', `${what} contains NaN or Infinity${detail ? ` (${detail})` : ''}`);
    this.what = what;
  }
}
