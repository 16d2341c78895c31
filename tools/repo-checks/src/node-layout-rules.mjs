// The one layout for Node-only code (ARCHITECTURE.md, "Public API conventions"): a package
// source that imports a Node built-in lives in the package's `src/node/` folder (exported from
// its `./node` entry), except `@latentkit/tensor`'s per-platform `src/platform/*.node.ts` (the
// `#platform` import map) and test helpers.

/** Test files, test helpers and test-case tables (never in a published entry's graph). */
const TEST_ONLY = /\.test\.ts$|\.testutil\.ts$|\.cases\.ts$|\/testing\/|test-support\.ts$/;

/**
 * Whether `file` (a repository path) is a package source file subject to the rule.
 *
 * @param {string} file
 */
export function isLayoutChecked(file) {
  return /^packages\/[^/]+\/src\/.*\.ts$/.test(file) && !TEST_ONLY.test(file);
}

/**
 * The Node built-ins `text` imports or requires (`node:fs`, `worker_threads`, …).
 *
 * @param {string} text
 * @returns {string[]}
 */
export function nodeImports(text) {
  const found = new Set();
  const pattern =
    /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](node:[\w/]+|fs|path|os|child_process|worker_threads|zlib|url|crypto)['"]/g;
  for (const m of text.matchAll(pattern)) found.add(m[1]);
  return [...found];
}

/**
 * Whether a Node built-in may be imported from `file`.
 *
 * @param {string} file
 */
export function mayImportNode(file) {
  return (
    /^packages\/[^/]+\/src\/node\//.test(file) ||
    /^packages\/tensor\/src\/platform\/[^/]+\.node\.ts$/.test(file)
  );
}
