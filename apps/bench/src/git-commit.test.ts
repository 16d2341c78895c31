import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitCommit } from './git-commit.js';

describe('gitCommit', () => {
  it('gives the checked-out commit of this repository as a full hash', () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(gitCommit(process.cwd())).toMatch(new RegExp(`^${head}(-dirty)?$`));
  });

  it('gives undefined outside a repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lk-no-git-'));
    try {
      expect(gitCommit(dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
