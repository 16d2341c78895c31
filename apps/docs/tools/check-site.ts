// After `vitepress build`: dead links and anchors, anything loaded from another origin, formulas
// that failed to render, the wasm binaries and the demos' assets in place; prints the site's size.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkSite } from './lib/check-site.js';
import { ASSETS_DIR, DIST_DIR, tfjsWasmDir, WASM_URL } from './lib/paths.js';
import { siteFilesFromDir } from './lib/site-files.js';
import { listFiles } from './lib/static-mounts.js';

/** Bytes of the built site by kind of file. */
export function sizeReport(dir: string): {
  total: number;
  files: number;
  byKind: Record<string, number>;
} {
  const byKind: Record<string, number> = {};
  let total = 0;
  const files = listFiles(dir);
  for (const f of files) {
    const size = statSync(join(dir, f)).size;
    total += size;
    const kind = f.startsWith('assets/models/')
      ? 'models'
      : f.startsWith('assets/data/')
        ? 'data'
        : f.endsWith('.wasm')
          ? 'wasm'
          : /\.(woff2?|ttf)$/.test(f)
            ? 'fonts'
            : (/\.([a-z0-9]+)$/.exec(f)?.[1] ?? 'other');
    byKind[kind] = (byKind[kind] ?? 0) + size;
  }
  return { total, files: files.length, byKind };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const site = siteFilesFromDir(DIST_DIR);
  const problems = checkSite(site).map((p) => `${p.file}: ${p.message}`);
  for (const wasm of listFiles(tfjsWasmDir()).filter(
    (f) => f.endsWith('.wasm') && !f.includes('/'),
  )) {
    if (!site.paths.has(`${WASM_URL}${wasm}`)) problems.push(`missing ${WASM_URL}${wasm}`);
  }
  for (const asset of listFiles(ASSETS_DIR).filter((f) => !f.endsWith('.ts'))) {
    if (!site.paths.has(`/assets/${asset}`)) problems.push(`missing /assets/${asset}`);
  }
  const size = sizeReport(DIST_DIR);
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  console.log(
    `Site: ${size.files} files, ${mb(size.total)} (` +
      Object.entries(size.byKind)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${mb(v)}`)
        .join(', ') +
      ')',
  );
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s) in the built site:`);
    for (const p of problems.slice(0, 200)) console.error(`  ✗ ${p}`);
    process.exit(1);
  }
  console.log(
    `Checked ${[...site.paths].filter((p) => p.endsWith('.html')).length} pages: no dead links, nothing from another origin.`,
  );
}
