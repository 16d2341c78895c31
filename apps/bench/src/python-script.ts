import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Python of the baselines: Debian's, where `apt-get install python3-torch python3-sklearn` put them. */
export const PYTHON = '/usr/bin/python3';

/**
 * The path of a script shipped in `apps/bench/python/`, from `dist/cli.js` (the built CLI) or
 * from a module under `src/` (tests).
 *
 * @param name - File name, e.g. `'torch_vae.py'`.
 * @throws {Error} when the script is not found.
 */
export function pythonScriptPath(name: string): string {
  for (const rel of [`../python/${name}`, `../../python/${name}`, `../../../python/${name}`]) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`python/${name} not found next to the bench app`);
}
