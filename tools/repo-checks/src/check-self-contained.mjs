// Checks that the repository stands alone: every tracked text file is scanned for relative paths
// that climb above the repository root, absolute paths of a particular machine, and issue-tracker
// numbers (see self-contained-rules.mjs). A user's clone has nothing beside it, so anything that
// reaches outside works only on the machine where it was written.
//
// Usage: node src/check-self-contained.mjs. Exits 1 and lists every finding if there is one.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueNumbers, machinePaths, pathsAboveRoot } from './self-contained-rules.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Generated or third-party files the rules do not apply to. */
const SKIPPED = /(^|\/)(pnpm-lock\.yaml|CHANGELOG\.md)$/;

/** Files larger than this are data (weights, fixtures), not text anyone writes paths into. */
const MAX_BYTES = 1 << 20;

const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
  .split('\0')
  .filter((file) => file && !SKIPPED.test(file));
/** @type {string[]} */
const problems = [];
let scanned = 0;
for (const file of files) {
  const path = join(ROOT, file);
  let size;
  try {
    size = statSync(path).size;
  } catch {
    continue; // deleted in the work tree, not yet in the index
  }
  if (size > MAX_BYTES) continue;
  const bytes = readFileSync(path);
  if (bytes.includes(0)) continue; // binary
  const text = bytes.toString('utf8');
  scanned++;
  problems.push(
    ...pathsAboveRoot(file, text),
    ...machinePaths(file, text),
    ...issueNumbers(file, text),
  );
}
for (const problem of problems) console.error(problem);
console.log(
  `${problems.length === 0 ? 'The repository stands alone' : `${problems.length} problem(s)`}: ${scanned} tracked text files scanned`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
