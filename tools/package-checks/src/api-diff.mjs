// The API diff between a git revision and the working tree's reports, as markdown for a
// changeset:   pnpm api:diff <base>     (e.g. `pnpm api:diff main`, or a release tag)
// Run `pnpm run build && pnpm run api:update` first so the reports describe the current code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffApiReports, renderApiDiff } from './lib/api-diff.mjs';
import { REPO_ROOT } from './lib/workspace.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: pnpm api:diff <git revision>');
  process.exit(2);
}
const dir = join(REPO_ROOT, 'api');
const atBase = (/** @type {string} */ file) => {
  try {
    return execFileSync('git', ['show', `${base}:api/${file}`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return ''; // not there at the base: a new package
  }
};
const listed = execFileSync('git', ['ls-tree', '--name-only', `${base}:api`], {
  cwd: REPO_ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f.endsWith('.api.md'));
const files = [...new Set([...listed, ...readdirSync(dir).filter((f) => f.endsWith('.api.md'))])];
let any = false;
for (const file of files.sort()) {
  const now = existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : '';
  const changes = diffApiReports(atBase(file), now);
  if (changes.length === 0) continue;
  any = true;
  console.log(renderApiDiff(changes));
}
if (!any) console.log(`No change to the public API since ${base}.`);
