import { execFileSync } from 'node:child_process';

/**
 * The commit checked out in `dir`: `git describe --always --dirty --abbrev=40`, i.e. the full
 * hash, with `-dirty` appended when tracked files have uncommitted changes; `undefined` outside a
 * repository or without git.
 */
export function gitCommit(dir: string): string | undefined {
  try {
    const out = execFileSync('git', ['-C', dir, 'describe', '--always', '--dirty', '--abbrev=40'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out === '' ? undefined : out;
  } catch {
    return undefined;
  }
}
