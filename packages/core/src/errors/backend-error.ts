import { LatentkitError } from './latentkit-error.js';

/** Thrown when no tfjs backend could be initialized, or when an operation needs one that is not ready. */
export class BackendError extends LatentkitError {
  /**
   * @param message - What failed.
   * @param cause - The underlying error, if any.
   */
  constructor(message: string, cause?: unknown) {
    super('BACKEND', message);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}
