// What a release tarball may and must contain, checked after `changeset version` + `pnpm pack`.
import semver from 'semver';
import { checkPackedDependencySpecs } from './manifest-rules.mjs';

/**
 * Files a published latentkit package may contain: the build, the docs npm shows, the licence,
 * the changelog and the manifest. Anything else (sources, tests, fixtures, configs) is a leak.
 */
const ALLOWED_FILE = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;

/** Test-only or private material that must not ship even inside `dist/`. */
const FORBIDDEN_FILE =
  /(^|\/)(test|tests|__tests__|fixtures|testing)(\/|$)|\.(test|spec)\.[cm]?[jt]s(\.map)?$|\.tsbuildinfo$|(^|\/)\.env|(^|\/)\.npmrc$/;

/** Files every release tarball must have. */
const REQUIRED_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/**
 * Every file path a manifest's `main`, `module`, `types` and `exports` point at (patterns with
 * `*` are skipped: publint checks those).
 *
 * @param {Record<string, any>} manifest
 * @returns {string[]} Paths without a leading `./`.
 */
export function entryFiles(manifest) {
  /** @type {Set<string>} */
  const found = new Set();
  /** @param {unknown} value */
  const visit = (value) => {
    if (typeof value === 'string') {
      if (!value.includes('*')) found.add(value.replace(/^\.\//, ''));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const field of ['main', 'module', 'types', 'typings', 'exports']) visit(manifest[field]);
  return [...found].sort();
}

/**
 * Checks one packed release tarball.
 *
 * @param {object} packed
 * @param {string} packed.name The workspace package's name.
 * @param {string} packed.version The version `changeset version` gave it.
 * @param {Record<string, any>} packed.manifest The package.json inside the tarball.
 * @param {string[]} packed.files Paths inside the tarball, relative to `package/`.
 * @param {string} packed.changelog The tarball's CHANGELOG.md (empty if absent).
 * @param {Map<string, string>} versions Every publishable package's new version, by name.
 * @returns {string[]} One message per problem (empty when the tarball is fit to publish).
 */
export function checkReleaseTarball(packed, versions) {
  const { name, version, manifest, files, changelog } = packed;
  /** @type {string[]} */
  const problems = [];
  if (manifest.name !== name) problems.push(`packed name is ${manifest.name}, expected ${name}`);
  if (manifest.version !== version) {
    problems.push(`packed version is ${manifest.version}, expected ${version}`);
  }
  if (manifest.private === true) problems.push('the packed package.json says "private": true');
  if (manifest.publishConfig?.access !== 'public') {
    problems.push('publishConfig.access is not "public" (a scoped package would publish private)');
  }
  problems.push(...checkPackedDependencySpecs(manifest));
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, spec] of Object.entries(manifest[field] ?? {})) {
      const sibling = versions.get(dep);
      if (sibling !== undefined && !semver.satisfies(sibling, String(spec))) {
        problems.push(`${field}["${dep}"] is "${spec}", which ${dep}@${sibling} does not satisfy`);
      }
    }
  }
  for (const file of files) {
    if (!ALLOWED_FILE.test(file) || FORBIDDEN_FILE.test(file)) {
      problems.push(
        `${file} should not be published (not the build, README, LICENSE or CHANGELOG)`,
      );
    }
  }
  const present = new Set(files);
  for (const file of [...REQUIRED_FILES, ...entryFiles(manifest)]) {
    if (!present.has(file)) problems.push(`${file} is missing from the tarball`);
  }
  if (
    present.has('CHANGELOG.md') &&
    !new RegExp(`^## ${escapeRegExp(version)}$`, 'm').test(changelog)
  ) {
    problems.push(`CHANGELOG.md has no "## ${version}" section`);
  }
  return problems;
}

/**
 * Reads `pnpm publish --dry-run`'s output: the `+ name@version` line npm prints for each package
 * it would publish, and the tarball file name from its notices (which go to stderr, so the two
 * streams may arrive in either order).
 *
 * @param {string} output stdout and stderr of the dry run.
 * @returns {{name: string, version: string, filename?: string}[]} In publishing order.
 */
export function parsePublishDryRun(output) {
  const lines = output.split('\n');
  /** @type {Map<string, string>} */
  const filenames = new Map();
  let current = '';
  for (const line of lines) {
    const box = /📦\s+(@?[^@\s]+)@(\S+)/u.exec(line);
    if (box) current = `${box[1]}@${box[2]}`;
    const file = /filename:\s+(\S+\.tgz)/.exec(line);
    if (file && current) filenames.set(current, /** @type {string} */ (file[1]));
  }
  /** @type {{name: string, version: string, filename?: string}[]} */
  const published = [];
  for (const line of lines) {
    const plus = /^\+ (@?[^@\s]+)@(\S+)$/.exec(line.trim());
    if (plus) {
      const [, name, version] = /** @type {[string, string, string]} */ (plus);
      published.push({ name, version, filename: filenames.get(`${name}@${version}`) });
    }
  }
  return published;
}

/**
 * @param {string} text
 * @returns {string} `text` with RegExp metacharacters escaped.
 */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
