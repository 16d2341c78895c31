// Finding the publishable packages of the monorepo.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the monorepo root (this file is tools/package-checks/src/lib/workspace.mjs). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Absolute path of tools/package-checks. */
export const TOOL_ROOT = resolve(REPO_ROOT, 'tools/package-checks');

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name Package name, e.g. `@latentkit/tensor`.
 * @property {string} shortName Name without the scope, e.g. `tensor` (names the smoke snippets).
 * @property {string} dir Absolute package directory.
 * @property {Record<string, any>} manifest Parsed package.json.
 * @property {string[]} workspaceDeps Names of other workspace packages in `dependencies`,
 *   `peerDependencies` or `optionalDependencies` (what a consumer install needs).
 */

/**
 * Reads every `packages/<name>/package.json` that is not `"private": true`.
 *
 * @param {string} [root] The monorepo root (default: this checkout's).
 * @returns {WorkspacePackage[]} Sorted by name.
 */
export function listPublishablePackages(root = REPO_ROOT) {
  const packagesDir = join(root, 'packages');
  /** @type {WorkspacePackage[]} */
  const found = [];
  for (const entry of readdirSync(packagesDir)) {
    const dir = join(packagesDir, entry);
    const manifestPath = join(dir, 'package.json');
    if (!statSync(dir).isDirectory() || !existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private === true) continue;
    const name = String(manifest.name);
    found.push({
      name,
      shortName: name.replace(/^@[^/]+\//, ''),
      dir,
      manifest,
      workspaceDeps: [],
    });
  }
  const names = new Set(found.map((pkg) => pkg.name));
  for (const pkg of found) {
    const specs = {
      ...pkg.manifest.dependencies,
      ...pkg.manifest.optionalDependencies,
      ...pkg.manifest.peerDependencies,
    };
    pkg.workspaceDeps = Object.keys(specs).filter((dep) => names.has(dep));
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The given packages plus, transitively, the workspace packages they depend on — everything that
 * must be packed for a consumer install of the selection to resolve locally.
 *
 * @param {WorkspacePackage[]} all Every publishable package.
 * @param {WorkspacePackage[]} selected The packages under test.
 * @returns {WorkspacePackage[]} Sorted by name.
 */
export function withWorkspaceDeps(all, selected) {
  const byName = new Map(all.map((pkg) => [pkg.name, pkg]));
  const result = new Map();
  const stack = [...selected];
  while (stack.length > 0) {
    const pkg = /** @type {WorkspacePackage} */ (stack.pop());
    if (result.has(pkg.name)) continue;
    result.set(pkg.name, pkg);
    for (const dep of pkg.workspaceDeps) {
      const depPkg = byName.get(dep);
      if (depPkg) stack.push(depPkg);
    }
  }
  return [...result.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Whether the package has a built `dist/` with at least one file.
 *
 * @param {WorkspacePackage} pkg
 * @returns {boolean}
 */
export function hasBuiltDist(pkg) {
  const dist = join(pkg.dir, 'dist');
  return existsSync(dist) && statSync(dist).isDirectory() && readdirSync(dist).length > 0;
}
