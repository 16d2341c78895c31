import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes `files` (name → text) into `dir` (created if needed), or into a fresh folder under the
 * OS temp directory when `dir` is not given. Returns the folder.
 */
export function writeFiles(files: Record<string, string>, dir?: string): string {
  const d = dir ?? mkdtempSync(join(tmpdir(), 'latentkit-verilog-'));
  mkdirSync(d, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}
