// A throw-away npm project outside the workspace that installs the packed tarballs and runs each
// package's smoke snippets through `import` (ESM) and `require` (CommonJS).
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { run } from './run.mjs';
import { TOOL_ROOT } from './workspace.mjs';

/** Folder of the per-package smoke snippets: `smoke/<short-name>.mjs` and `.cjs`. */
export const SMOKE_DIR = join(TOOL_ROOT, 'smoke');

/** Packages that must be installed exactly once in the scratch tree (a second tfjs-core would be
 * a second engine with its own backends and kernel registry). */
const SINGLETONS = ['@tensorflow/tfjs-core'];

/**
 * Writes the scratch project's package.json with every tarball as a `file:` dependency.
 *
 * Inter-package dependencies (e.g. `@latentkit/datasets` → `@latentkit/tensor@^0.1.0`, the range
 * `pnpm pack` wrote for `workspace:^`) are satisfied by the root-level install of the local
 * tarball, which npm reuses when the version matches the range. npm `overrides` are deliberately
 * NOT used: they would force the local tarball even when a dependent's range does not match it,
 * hiding exactly the publish bug this check exists to find. A mismatch instead makes npm go to the
 * registry (a 404 before first publication), and {@link checkInstalledTree} rejects any latentkit
 * package that did not come from a local tarball.
 *
 * @param {string} dir Scratch project directory (exists, empty).
 * @param {Map<string, string>} tarballs Package name → absolute tarball path.
 */
export function writeScratchManifest(dir, tarballs) {
  /** @type {Record<string, string>} */
  const dependencies = {};
  for (const [name, tarball] of tarballs) dependencies[name] = `file:${tarball}`;
  const manifest = {
    name: 'latentkit-package-checks-consumer',
    version: '0.0.0',
    private: true,
    description: 'Scratch consumer created by tools/package-checks; deleted after the run.',
    dependencies,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Installs the scratch project with npm (`--prefer-offline` reuses npm's cache between runs).
 *
 * @param {string} dir Scratch project directory.
 * @returns {Promise<string | undefined>} An error message, or undefined on success.
 */
export async function npmInstall(dir) {
  const result = await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--no-update-notifier',
      '--loglevel=error',
    ],
    { cwd: dir, timeoutMs: 15 * 60_000 },
  );
  if (result.code !== 0) {
    const hint = /E404[\s\S]*@latentkit/.test(result.stderr)
      ? '\nHint: a latentkit package depends on a latentkit version that is not the local one ' +
        '(check its dependency ranges), so npm looked for it on the registry.'
      : '';
    return `npm install exited ${result.code}:\n${result.stderr.trim()}${hint}`;
  }
  console.log(`npm install took ${(result.ms / 1000).toFixed(1)} s`);
  return undefined;
}

/**
 * Verifies the installed tree from package-lock.json: every copy of a latentkit package came from
 * a local tarball (not the registry), and singleton packages (tfjs-core) are installed once.
 *
 * @param {string} dir Scratch project directory.
 * @param {Iterable<string>} names Names of the packed latentkit packages.
 * @returns {string[]} Problems (empty when fine).
 */
export function checkInstalledTree(dir, names) {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const packages = /** @type {Record<string, {resolved?: string, version?: string}>} */ (
    lock.packages ?? {}
  );
  const scope = new Set([...names].map((name) => name.split('/')[0]));
  /** @type {string[]} */
  const problems = [];
  /** @type {Map<string, string[]>} */
  const copies = new Map();
  for (const [path, entry] of Object.entries(packages)) {
    const at = path.lastIndexOf('node_modules/');
    if (at === -1) continue;
    const name = path.slice(at + 'node_modules/'.length);
    copies.set(name, [...(copies.get(name) ?? []), path]);
    if (scope.has(name.split('/')[0]) && !String(entry.resolved ?? '').startsWith('file:')) {
      problems.push(
        `${path} (${entry.version}) was not installed from a local tarball (resolved: ${entry.resolved ?? 'registry'}); ` +
          'a latentkit package depends on a latentkit package or version that was not packed',
      );
    }
  }
  for (const name of SINGLETONS) {
    const paths = copies.get(name) ?? [];
    if (paths.length > 1)
      problems.push(`${name} is installed ${paths.length} times: ${paths.join(', ')}`);
  }
  return problems;
}

/**
 * Checks that `import` and `require` of each package resolve inside the scratch project's
 * node_modules (never back into the workspace), and prints which files they pick.
 *
 * @param {string} dir Scratch project directory.
 * @param {string[]} names Package names to resolve.
 * @returns {Promise<string[]>} Problems (empty when fine).
 */
export async function checkResolution(dir, names) {
  const script = join(dir, 'resolve-check.mjs');
  writeFileSync(
    script,
    [
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      `for (const name of ${JSON.stringify(names)}) {`,
      '  const esm = new URL(import.meta.resolve(name)).pathname;',
      '  const cjs = require.resolve(name);',
      '  console.log(JSON.stringify({ name, esm, cjs }));',
      '}',
      '',
    ].join('\n'),
  );
  const result = await run(process.execPath, [script], { cwd: dir, echo: false });
  if (result.code !== 0) return [`resolving the packages failed:\n${result.stderr.trim()}`];
  /** @type {string[]} */
  const problems = [];
  const inside = join(dir, 'node_modules') + sep;
  for (const line of result.stdout.trim().split('\n')) {
    const { name, esm, cjs } = JSON.parse(line);
    for (const [kind, file] of [
      ['import', esm],
      ['require', cjs],
    ]) {
      if (!String(file).startsWith(inside))
        problems.push(`${kind}('${name}') resolved outside the scratch project: ${file}`);
      else console.log(`${kind}('${name}') → ${relative(dir, file)}`);
    }
  }
  return problems;
}

/**
 * Paths of a package's smoke snippets.
 *
 * @param {string} shortName Package name without scope, e.g. `tensor`.
 * @returns {{esm: string, cjs: string}}
 */
export function smokeSnippets(shortName) {
  return { esm: join(SMOKE_DIR, `${shortName}.mjs`), cjs: join(SMOKE_DIR, `${shortName}.cjs`) };
}

/**
 * Copies the shared smoke helpers (`smoke/*.checks.cjs`, the checks a package's `.mjs` and `.cjs`
 * snippets both run) into the scratch project under the same names, so that a snippet's
 * `./<name>.checks.cjs` import resolves there as it does in `smoke/`.
 *
 * @param {string} dir Scratch project directory.
 */
export function copySmokeHelpers(dir) {
  for (const file of readdirSync(SMOKE_DIR)) {
    if (file.endsWith('.checks.cjs')) copyFileSync(join(SMOKE_DIR, file), join(dir, file));
  }
}

/**
 * Copies a package's ESM and CommonJS smoke snippets (and the shared helpers, see
 * {@link copySmokeHelpers}) into the scratch project and runs each with `node`; a snippet
 * signals failure by throwing (non-zero exit).
 *
 * @param {string} dir Scratch project directory.
 * @param {import('./workspace.mjs').WorkspacePackage} pkg
 * @returns {Promise<{kind: string, error?: string, ms: number}[]>} One entry per snippet.
 */
export async function runSmokeSnippets(dir, pkg) {
  const snippets = smokeSnippets(pkg.shortName);
  copySmokeHelpers(dir);
  /** @type {{kind: string, error?: string, ms: number}[]} */
  const results = [];
  for (const [kind, source] of [
    ['esm', snippets.esm],
    ['cjs', snippets.cjs],
  ]) {
    if (!existsSync(source)) {
      results.push({
        kind,
        ms: 0,
        error:
          `no smoke snippet ${relative(TOOL_ROOT, source)}: add one (see tools/package-checks/smoke/README.md) ` +
          `that ${kind === 'esm' ? 'imports' : 'requires'} ${pkg.name} and checks a small computation`,
      });
      continue;
    }
    const target = join(dir, `smoke-${pkg.shortName}${kind === 'esm' ? '.mjs' : '.cjs'}`);
    copyFileSync(source, target);
    const result = await run(process.execPath, [target], { cwd: dir, timeoutMs: 5 * 60_000 });
    results.push(
      result.code === 0
        ? { kind, ms: result.ms }
        : {
            kind,
            ms: result.ms,
            error: `node ${target} exited ${result.code}:\n${result.stderr.trim()}`,
          },
    );
  }
  return results;
}
