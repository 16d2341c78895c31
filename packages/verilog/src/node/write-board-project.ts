import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { requireKnownOptions } from '@latentkit/core';
import type { VivadoBuildInput } from '../board/vivado-files.js';
import { type VivadoProjectOptions, vivadoProjectFiles } from '../board/vivado-project-files.js';
import { writeFiles } from './work-dir.js';

/** What {@link writeBoardProject} wrote. */
export interface BoardProject {
  /** The folder, absolute. */
  dir: string;
  /** The file names written into it, sorted. */
  files: string[];
  /** Absolute path of `build.tcl` (`vivado -mode batch -source <buildScript>`). */
  buildScript: string;
  /** Absolute path of `program.tcl`. */
  programScript: string;
}

/**
 * Writes a complete board folder for Vivado into `dir` (created if needed): the design's Verilog
 * sources, `$readmemh` ROM images and XDC, `build.tcl`, `program.tcl` and `README.txt` — the
 * files of `vivadoProjectFiles(design, options)`. Each file is replaced safely: all are first
 * written (with `writeFiles`) into a fresh hidden folder inside `dir`, then each is renamed over
 * its final name, so a reader never sees a half-written file and a failure leaves every earlier
 * version whole. Files already in `dir` that the design does not name are left alone (the
 * scripts read only the files they list).
 *
 * @param design - A board design: `nexysTop`'s `BoardDesign` or any `{ top, files, sources, xdc? }`.
 * @param dir - The board folder.
 * @returns The folder, the names written and the two scripts' paths.
 * @throws `VerilogError` (`bad-option`) as `vivadoProjectFiles` does (checked before anything
 *   is written).
 * @throws `UnknownOptionError` for an unknown option key.
 * @throws The file system's error (`code` such as `EACCES`, `ENOSPC`) when writing fails; the
 *   hidden temporary folder is removed.
 *
 * @example
 * ```ts
 * import { nexysTop } from '@latentkit/verilog';
 * import { writeBoardProject } from '@latentkit/verilog/node';
 *
 * const project = writeBoardProject(nexysTop(design), 'board/vae');
 * project.buildScript; // → 'board/vae/build.tcl': run `vivado -mode batch -source build.tcl` there
 * ```
 */
export function writeBoardProject(
  design: VivadoBuildInput,
  dir: string,
  options: VivadoProjectOptions = {},
): BoardProject {
  requireKnownOptions(options, ['part', 'outDir'], 'writeBoardProject options');
  const files = vivadoProjectFiles(design, options);
  const target = resolve(dir);
  mkdirSync(target, { recursive: true });
  const temp = join(target, `.latentkit-board-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFiles(files, temp);
    for (const name of Object.keys(files)) renameSync(join(temp, name), join(target, name));
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return {
    dir: target,
    files: Object.keys(files).sort(),
    buildScript: join(target, 'build.tcl'),
    programScript: join(target, 'program.tcl'),
  };
}
