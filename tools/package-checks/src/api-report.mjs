// API reports of the publishable packages, committed under api/ at the repository root.
//   node src/api-report.mjs          check: fail if a report differs from the built packages
//   node src/api-report.mjs --update write the reports
// `pnpm run api:check` / `pnpm run api:update` at the root (after `pnpm run build`). The diff of a
// report is the API diff a changeset describes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiReport } from './lib/api-surface.mjs';
import { listPublishablePackages, REPO_ROOT } from './lib/workspace.mjs';

const update = process.argv.includes('--update');
const dir = join(REPO_ROOT, 'api');
mkdirSync(dir, { recursive: true });
const stale = [];
for (const pkg of listPublishablePackages()) {
  const file = join(dir, `${pkg.shortName}.api.md`);
  const report = apiReport(pkg);
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // no report yet
  }
  if (committed === report) continue;
  if (update) {
    writeFileSync(file, report);
    console.log(`wrote api/${pkg.shortName}.api.md`);
  } else stale.push(pkg.name);
}
if (stale.length > 0) {
  console.error(
    `The public API changed (${stale.join(', ')}): run \`pnpm run api:update\`, review the diff of api/*.api.md and describe it in a changeset.`,
  );
  process.exitCode = 1;
} else if (!update) console.log('API reports match the built packages');
