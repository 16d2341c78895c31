import { LatentkitError } from './latentkit-error.js';

/** Thrown when an option object has an unknown key or an option has an unsupported value. */
export class UnknownOptionError extends LatentkitError {
  /** The option's name. */
  readonly option: string;

  /**
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
}
