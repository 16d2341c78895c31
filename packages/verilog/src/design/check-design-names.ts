import { checkFileName } from '../hdl/file-name.js';
import { checkIdentifier } from '../hdl/identifier.js';
import type { VerilogDesign } from './verilog-design.js';

/**
 * Checks the names of a {@link VerilogDesign} before they are written into more generated text
 * (testbenches, board tops, Yosys scripts) or into a folder: `top` must be a simple identifier,
 * every key of `files` and every entry of `sources` a plain file name (`checkFileName`). The
 * generators only produce such names; this refuses a hand-made or edited design.
 *
 * @param design - The design.
 * @param where - The caller's name, for messages.
 * @throws `VerilogError` (`bad-option`) naming the field and quoting the name.
 */
export function checkDesignNames(design: VerilogDesign, where: string): void {
  checkIdentifier(design?.top, `${where}: design.top`);
  for (const name of Object.keys(design.files ?? {})) checkFileName(name, `${where}: design.files`);
  (design.sources ?? []).forEach((s, i) => {
    checkFileName(s, `${where}: design.sources[${i}]`);
  });
}
