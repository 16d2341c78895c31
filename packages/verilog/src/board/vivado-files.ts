import { quoteForMessage } from '@latentkit/core';
import { VerilogError } from '../errors/verilog-error.js';
import { checkFileName } from '../hdl/file-name.js';

/**
 * What a Vivado build of a board design needs: the shape shared by `nexysTop`'s `BoardDesign`
 * and any other board top (e.g. a VGA top). Only these fields are read.
 */
export interface VivadoBuildInput {
  /** Top module name (the `synth_design -top` argument and the bitstream's name). */
  top: string;
  /** Every file of the design by plain file name: `.v` sources, `.hex` ROM images, `.xdc`. */
  files: Record<string, string>;
  /** The `.v` files to compile, in order (each must be in `files`). */
  sources: readonly string[];
  /**
   * XDC text, used only when `files` holds no `.xdc` file: it is then written as `<top>.xdc`
   * (`nexysTop` puts its XDC in both places).
   */
  xdc?: string;
}

/** The files of a board build, classified (all plain file names, checked). */
export interface VivadoFilePlan {
  /** Verilog sources in compile order. */
  sources: string[];
  /** Memory images the sources read with `$readmemh` / `$readmemb`, sorted. */
  memories: string[];
  /** XDC constraint files, sorted. */
  constraints: string[];
  /** Every file to write (`files`, plus `<top>.xdc` when the XDC came from `xdc`). */
  files: Record<string, string>;
}

/** `$readmemh("name"` / `$readmemb("name"` in Verilog text (generated names have no `"` or `\`). */
const READMEM = /\$readmem[hb]\s*\(\s*"([^"\\]*)"/g;

/**
 * Classifies and checks the files of a board design for a Vivado build: every name is a plain
 * file name, every source is in `files`, there is at least one XDC, and every memory file a
 * source reads by a literal name (`$readmemh("w.hex", …)`) is in `files` — so a missing ROM image
 * is an error here and not a silently zeroed block RAM on the board.
 *
 * @param where - The calling function, for messages.
 * @throws {@link VerilogError} (`bad-option`) for a bad name, a missing source or memory file, or
 *   no constraints.
 */
export function planVivadoFiles(design: VivadoBuildInput, where: string): VivadoFilePlan {
  if (design === null || typeof design !== 'object' || typeof design.files !== 'object') {
    throw new VerilogError('bad-option', `${where}: design must have 'files' and 'sources'`);
  }
  if (typeof design.top !== 'string' || design.top === '') {
    throw new VerilogError('bad-option', `${where}: design.top must be a non-empty string`);
  }
  const files: Record<string, string> = { ...design.files };
  for (const name of Object.keys(files)) checkFileName(name, `${where}: design.files`);
  if (!Array.isArray(design.sources) || design.sources.length === 0) {
    throw new VerilogError('bad-option', `${where}: design.sources must list at least one file`);
  }
  const sources = design.sources.map((s, i) => checkFileName(s, `${where}: design.sources[${i}]`));
  for (const s of sources) {
    if (typeof files[s] !== 'string') {
      throw new VerilogError(
        'bad-option',
        `${where}: source ${quoteForMessage(s)} is not in design.files`,
      );
    }
  }
  let constraints = Object.keys(files)
    .filter((f) => f.toLowerCase().endsWith('.xdc'))
    .sort();
  if (constraints.length === 0 && typeof design.xdc === 'string') {
    const name = checkFileName(`${design.top}.xdc`, `${where}: the XDC file name`);
    files[name] = design.xdc;
    constraints = [name];
  }
  if (constraints.length === 0) {
    throw new VerilogError(
      'bad-option',
      `${where}: the design has no constraints (no .xdc file and no 'xdc' text)`,
    );
  }
  const memories = new Set<string>();
  for (const s of sources) {
    for (const m of files[s]!.matchAll(READMEM)) {
      const name = m[1]!;
      checkFileName(name, `${where}: the memory file read by ${s}`);
      if (typeof files[name] !== 'string') {
        throw new VerilogError(
          'bad-option',
          `${where}: ${s} reads ${quoteForMessage(name)} with $readmem, but design.files has no such file`,
        );
      }
      memories.add(name);
    }
  }
  return { sources, memories: [...memories].sort(), constraints, files };
}
