import { quoteForMessage } from '@latentkit/core';
import { VerilogError } from '../errors/verilog-error.js';

/**
 * One word of a Yosys script (`yosys -p`), checked rather than escaped: Yosys splits commands at
 * `;` and newlines, starts comments at `#`, runs `!…` in a shell and has no quoting that is
 * reliable across versions, so a word must consist of `[A-Za-z0-9_.,:/+=@-]` only (file names,
 * identifiers, options such as `-abc9` or `-run begin:map_dsp`).
 *
 * @param word - The word.
 * @param where - What it is, for the message.
 * @returns `word`.
 * @throws {@link VerilogError} (`bad-option`) for any other character or an empty word.
 */
export function yosysWord(word: string, where: string): string {
  if (typeof word !== 'string' || !/^[A-Za-z0-9_.,:/+=@-]+$/.test(word)) {
    throw new VerilogError(
      'bad-option',
      `${where}: ${quoteForMessage(word)} is not a plain Yosys word ([A-Za-z0-9_.,:/+=@-] only)`,
    );
  }
  return word;
}
