import { quoteForMessage } from '@latentkit/core';
import { VerilogError } from '../errors/verilog-error.js';

/**
 * The file names generated designs use and the file writers accept: 1–128 characters from
 * `[A-Za-z0-9_.-]`, the first a letter, a digit or `_` — so no path separator, no `..` path, no
 * hidden file, nothing a shell, a Yosys script or a Tcl word would read specially.
 */
export const SAFE_FILE_NAME: RegExp = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Checks that `name` is a plain file name ({@link SAFE_FILE_NAME}) before it is written into a
 * folder or a tool's script.
 *
 * @param name - The file name.
 * @param where - What it is, for the message (e.g. `'design.sources[2]'`).
 * @returns `name`.
 * @throws {@link VerilogError} (`bad-option`) naming `where` and quoting the name with
 *   `JSON.stringify`.
 */
export function checkFileName(name: unknown, where: string): string {
  if (typeof name !== 'string' || !SAFE_FILE_NAME.test(name) || name.includes('..')) {
    throw new VerilogError(
      'bad-option',
      `${where}: ${quoteForMessage(name)} is not a plain file name ` +
        '(1–128 characters from [A-Za-z0-9_.-], first a letter, digit or underscore, no "..")',
    );
  }
  return name;
}
