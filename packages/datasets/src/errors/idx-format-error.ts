import { LatentkitError } from '@latentkit/core';

/**
 * What is wrong with an IDX buffer, as a stable machine-readable reason.
 *
 * - `'bad-magic'`: the first two bytes are not zero.
 * - `'unknown-dtype'`: the third byte is not one of the IDX type codes 0x08, 0x09, 0x0B–0x0E.
 * - `'truncated-header'`: the buffer ends before the magic number or the dimension sizes.
 * - `'zero-dims'`: the number of dimensions (fourth byte) is 0, or a dimension size is 0.
 * - `'dim-too-large'`: a dimension size is ≥ 2³¹ (negative when read as a signed 32-bit int, as the
 *   reference C readers do).
 * - `'product-overflow'`: the product of the dimensions exceeds `Number.MAX_SAFE_INTEGER` elements.
 * - `'size-mismatch'`: the data section is shorter than the dimensions require.
 * - `'trailing-bytes'`: there are bytes after the data section.
 * - `'gzip'`: the buffer is gzip-compressed but cannot be decompressed (corrupt stream, no
 *   `DecompressionStream`, or the output exceeds the size limit).
 * - `'wrong-kind'`: the file parsed, but is not what the caller expected (e.g. labels where
 *   images were expected, or an element count that does not match another file).
 */
export type IdxFormatProblem =
  | 'bad-magic'
  | 'unknown-dtype'
  | 'truncated-header'
  | 'zero-dims'
  | 'dim-too-large'
  | 'product-overflow'
  | 'size-mismatch'
  | 'trailing-bytes'
  | 'gzip'
  | 'wrong-kind';

/**
 * Thrown when an IDX buffer (the MNIST file format) is corrupt, truncated, oversized or not the
 * kind of file the caller asked for. The `problem` field says which check failed; the message
 * gives the numbers (e.g. `expected 47040016 bytes, got 47040000`). Its `code` is `'IDX_FORMAT'`.
 */
export class IdxFormatError extends LatentkitError {
  /** Which check failed. */
  readonly problem: IdxFormatProblem;

  /**
   * @param problem - Which check failed.
   * @param message - Human-readable detail naming the problem and the numbers involved.
   */
  constructor(problem: IdxFormatProblem, message: string) {
    super('IDX_FORMAT', `invalid IDX data (${problem}): ${message}`);
    this.problem = problem;
  }
}
