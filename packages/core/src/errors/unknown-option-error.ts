import { LatentkitError } from './latentkit-error.js';

/** Thrown when an option object has an unknown key or an option has an unsupported value. */
export class UnknownOptionError extends LatentkitError {
  /** The option's name (for an unknown key: that key). */
  readonly option: string;

  /**
   * An option with an unsupported value.
   *
   * @param option - The option's name.
   * @param value - The value given.
   * @param allowed - The accepted values, if they can be listed.
   */
  constructor(option: string, value: unknown, allowed?: readonly unknown[]) {
    super(
      'UNKNOWN_OPTION',
      `unknown value ${JSON.stringify(value)} for option '${option}'${
        allowed ? `; expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}` : ''
      }`,
    );
    this.option = option;
  }

  /**
   * An option name the function does not know, e.g. a typo.
   *
   * @param where - What the options belong to, e.g. `'loadMnist options'`.
   * @param key - The unknown key.
   * @param allowed - The keys the function accepts.
   */
  static forKey(where: string, key: string, allowed: readonly string[]): UnknownOptionError {
    const error = new UnknownOptionError(key, key);
    error.message = `unknown option ${JSON.stringify(key)} in ${where}; known options: ${
      allowed.length > 0 ? allowed.map((a) => JSON.stringify(a)).join(', ') : 'none'
    }`;
    return error;
  }
}
