import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFileName } from '../hdl/file-name.js';

/**
 * Writes `files` (name → text) into `dir` (created if needed), or into a fresh folder under the
 * OS temp directory when `dir` is not given. Returns the folder. Every name must be a plain file
 * name (`checkFileName`: no path separator, no `..`), checked before anything is written.
 *
 * @throws `VerilogError` (`bad-option`) for a name that is not a plain file name.
 *
 * @example
 * ```ts
 * import { writeFiles } from '@latentkit/verilog/node';
 *
 * const dir = writeFiles(design.files, 'out/vae'); // → 'out/vae', one file per entry
 * const tmp = writeFiles(design.files); // a fresh folder under the OS temp dir
 * ```
 */
export function writeFiles(files: Record<string, string>, dir?: string): string {
  for (const name of Object.keys(files)) checkFileName(name, 'writeFiles');
  const d = dir ?? mkdtempSync(join(tmpdir(), 'latentkit-verilog-'));
  mkdirSync(d, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}
