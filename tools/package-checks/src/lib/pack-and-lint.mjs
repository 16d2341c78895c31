// Packing a package with pnpm, then linting the tarball with publint and are-the-types-wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { checkConditionOrder, checkPackedDependencySpecs } from './manifest-rules.mjs';
import { run } from './run.mjs';
import { TOOL_ROOT } from './workspace.mjs';

/**
 * publint messages deliberately not treated as failures, with the reason. Everything else —
 * errors, warnings and suggestions — fails the check (`strict: true` also turns warnings into
 * errors inside publint).
 *
 * @type {Record<string, string>}
 */
const IGNORED_PUBLINT_CODES = {
  // none so far
};

/**
 * Packs a package with `pnpm pack`, which rewrites `workspace:` ranges to real versions exactly
 * as `pnpm publish` does.
 *
 * @param {import('./workspace.mjs').WorkspacePackage} pkg
 * @param {string} destination Directory that receives the tarball (created by the caller).
 * @returns {Promise<{tarball?: string, files?: string[], error?: string}>} Absolute tarball path
 *   and the packed file list, or why packing failed.
 */
export async function packPackage(pkg, destination) {
  const result = await run('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: pkg.dir,
    echo: false,
  });
  if (result.code !== 0)
    return { error: `pnpm pack exited ${result.code}\n${result.stderr}${result.stdout}` };
  const tarballs = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
  if (tarballs.length !== 1)
    return { error: `expected one .tgz in ${destination}, found ${tarballs.length}` };
  const tarball = join(destination, /** @type {string} */ (tarballs[0]));
  /** @type {string[]} */
  let files = [];
  try {
    const packed = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    files = (packed.files ?? []).map((/** @type {{path: string}} */ file) => file.path);
  } catch {
    // Older pnpm without --json output: the file-list notices are skipped.
  }
  console.log(`packed ${pkg.name} → ${tarball} (${files.length} files)`);
  return { tarball, files };
}

/**
 * Files every published package should contain but that publint does not require. Reported as
 * warnings (the run still passes): npm shows the README as the package page, and the MIT licence
 * asks for its text to ship with the code.
 *
 * @param {string[]} files Paths inside the tarball.
 * @returns {string[]} One notice per missing file.
 */
export function missingRecommendedFiles(files) {
  /** @type {string[]} */
  const notices = [];
  if (files.length === 0) return notices;
  if (!files.some((file) => /^readme(\.md)?$/i.test(file)))
    notices.push('no README.md in the tarball');
  if (!files.some((file) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(file)))
    notices.push('no LICENSE file in the tarball');
  return notices;
}

/**
 * Runs publint's Node API on the tarball (so it sees exactly the published files), plus the
 * condition-order and dependency-spec rules of manifest-rules.mjs on the packed package.json.
 *
 * @param {string} tarball Absolute path of the packed tarball.
 * @returns {Promise<string[]>} Problems (empty when clean).
 */
export async function lintWithPublint(tarball) {
  console.log(`$ publint({ pack: { tarball: '${tarball}' }, strict: true, level: 'suggestion' })`);
  const buffer = readFileSync(tarball);
  const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const { messages, pkg } = await publint({
    pack: { tarball: arrayBuffer },
    strict: true,
    level: 'suggestion',
  });
  /** @type {string[]} */
  const problems = [];
  for (const message of messages) {
    const text = formatMessage(message, pkg, { color: false }) ?? message.code;
    if (message.code in IGNORED_PUBLINT_CODES) {
      console.log(
        `publint ${message.type} ignored (${IGNORED_PUBLINT_CODES[message.code]}): ${text}`,
      );
      continue;
    }
    problems.push(`publint ${message.type} ${message.code}: ${text}`);
  }
  problems.push(...checkConditionOrder(pkg.exports, 'exports'));
  if (pkg.imports !== undefined) problems.push(...checkConditionOrder(pkg.imports, 'imports'));
  if (pkg.exports === undefined) problems.push('package.json has no "exports" map');
  problems.push(...checkPackedDependencySpecs(pkg));
  for (const problem of problems) console.error(problem);
  return problems;
}

/**
 * Runs `attw` on the tarball with the `strict` profile: node10, node16 from CJS, node16 from ESM
 * and bundler resolution must all resolve to correctly-typed entry points. `--no-definitely-typed`
 * keeps it offline (latentkit ships its own types, so there is no @types package to compare).
 *
 * @param {string} tarball Absolute path of the packed tarball.
 * @returns {Promise<string[]>} Problems (empty when clean); attw's table is printed either way.
 */
export async function lintWithAttw(tarball) {
  const require = createRequire(import.meta.url);
  const cliPackageJson = require.resolve('@arethetypeswrong/cli/package.json');
  const bin = join(cliPackageJson, '..', 'dist', 'index.js');
  const result = await run(
    process.execPath,
    [
      bin,
      tarball,
      '--profile',
      'strict',
      '--no-definitely-typed',
      '--format',
      'ascii',
      '--no-color',
      '--no-emoji',
    ],
    { cwd: TOOL_ROOT },
  );
  if (result.code === 0) return [];
  return [`attw exited ${result.code} (see its table above)`];
}
