/**
 * Base class of every error latentkit throws on purpose. Catch this to handle all of them.
 *
 * Each subclass has a stable `code` string, so callers can branch without `instanceof`
 * across package copies.
 */
export class LatentkitError extends Error {
  /** A stable machine-readable code, e.g. `'SHAPE_MISMATCH'`. */
  readonly code: string;

  /**
   * @param code - Stable machine-readable code.
   * @param message - Human-readable message naming the problem.
   */
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}
