// Package checks run by CI after `pnpm run build` (`pnpm run check:packages`).
//
// For every publishable package (packages/*/package.json without "private": true):
//   1. its dist/ must exist (build first);
//   2. `pnpm pack` it into a temp dir (rewrites workspace: ranges, like publish);
//   3. publint (strict, every message fails) + condition-order rules on the tarball;
//   4. attw --profile strict on the tarball (node10, node16-cjs, node16-esm, bundler);
//   5. install ALL tarballs with npm into a scratch project in os.tmpdir(); check from the lockfile
//      that every latentkit package came from a local tarball (not the registry) and that there is
//      one tfjs-core; check import/require resolve inside that project;
//   6. run smoke/<short-name>.mjs (import) and smoke/<short-name>.cjs (require) there;
//   7. bundle the package for the browser with esbuild and reject Node built-ins.
//
// Usage: node src/check-packages.mjs [--keep-temp] [@latentkit/name ...]
// Package names restrict the run (their workspace dependencies are still packed and installed).
// Exits 1 if anything failed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBrowserBundle } from './lib/browser-bundle.mjs';
import {
  checkInstalledTree,
  checkResolution,
  npmInstall,
  runSmokeSnippets,
  writeScratchManifest,
} from './lib/consumer.mjs';
import {
  lintWithAttw,
  lintWithPublint,
  missingRecommendedFiles,
  packPackage,
} from './lib/pack-and-lint.mjs';
import { heading, Report } from './lib/run.mjs';
import { hasBuiltDist, listPublishablePackages, withWorkspaceDeps } from './lib/workspace.mjs';

/**
 * Parses the command line.
 *
 * @param {string[]} argv Arguments after the script path.
 * @returns {{names: string[], keepTemp: boolean}}
 */
function parseArgs(argv) {
  const names = [];
  let keepTemp = false;
  for (const arg of argv) {
    if (arg === '--') continue; // `pnpm run check -- @latentkit/x` may forward a literal `--`
    if (arg === '--keep-temp') keepTemp = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node src/check-packages.mjs [--keep-temp] [@latentkit/name ...]');
      process.exit(0);
    } else if (arg.startsWith('-')) {
      console.error(`Unknown option ${arg}`);
      process.exit(2);
    } else names.push(arg);
  }
  return { names, keepTemp };
}

/**
 * Runs every check and returns the process exit code.
 *
 * @returns {Promise<number>} 0 when everything passed, 1 otherwise.
 */
async function main() {
  const started = Date.now();
  const { names, keepTemp } = parseArgs(process.argv.slice(2));
  const report = new Report();
  const all = listPublishablePackages();
  const unknown = names.filter((name) => !all.some((pkg) => pkg.name === name));
  if (unknown.length > 0) {
    console.error(
      `Not a publishable workspace package: ${unknown.join(', ')} (known: ${all.map((p) => p.name).join(', ')})`,
    );
    return 1;
  }
  const selected = names.length > 0 ? all.filter((pkg) => names.includes(pkg.name)) : all;
  const toPack = withWorkspaceDeps(all, selected);
  const isSelected = (/** @type {string} */ name) => selected.some((pkg) => pkg.name === name);
  console.log(`Checking: ${selected.map((pkg) => pkg.name).join(', ')}`);
  if (toPack.length > selected.length) {
    console.log(
      `Also packing their workspace dependencies: ${toPack
        .filter((p) => !isSelected(p.name))
        .map((p) => p.name)
        .join(', ')}`,
    );
  }

  const tempRoot = mkdtempSync(join(tmpdir(), 'latentkit-package-checks-'));
  const cleanup = () => {
    if (keepTemp) console.log(`Kept temp dir ${tempRoot}`);
    else rmSync(tempRoot, { recursive: true, force: true });
  };
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }

  try {
    /** @type {Map<string, string>} */
    const tarballs = new Map();
    for (const pkg of toPack) {
      heading(`${pkg.name}: pack, publint, attw`);
      if (!hasBuiltDist(pkg)) {
        report.fail(
          pkg.name,
          'dist',
          `${pkg.dir}/dist is missing or empty — run \`pnpm run build\` first`,
        );
        continue;
      }
      const destination = join(tempRoot, 'tarballs', pkg.shortName);
      mkdirSync(destination, { recursive: true });
      const packed = await packPackage(pkg, destination);
      if (!packed.tarball) {
        report.fail(pkg.name, 'pack', packed.error ?? 'unknown error');
        continue;
      }
      tarballs.set(pkg.name, packed.tarball);
      if (!isSelected(pkg.name)) continue; // packed only so dependents can install it
      for (const notice of missingRecommendedFiles(packed.files ?? [])) {
        report.warn(pkg.name, 'contents', notice);
      }
      const publintProblems = await lintWithPublint(packed.tarball);
      if (publintProblems.length === 0) report.pass(pkg.name, 'publint');
      else report.fail(pkg.name, 'publint', publintProblems.join('\n'));
      const attwProblems = await lintWithAttw(packed.tarball);
      if (attwProblems.length === 0) report.pass(pkg.name, 'attw', 'profile strict');
      else report.fail(pkg.name, 'attw', attwProblems.join('\n'));
    }

    // A package can only be installed if it and all its workspace dependencies were packed.
    const installable = selected.filter((pkg) =>
      withWorkspaceDeps(all, [pkg]).every((dep) => tarballs.has(dep.name)),
    );
    for (const pkg of selected) {
      if (!installable.includes(pkg)) {
        const missing = withWorkspaceDeps(all, [pkg]).filter((dep) => !tarballs.has(dep.name));
        report.fail(
          pkg.name,
          'consumer',
          `not installable: ${missing.map((dep) => dep.name).join(', ')} was not packed (see above)`,
        );
      }
    }
    if (installable.length > 0) {
      const scratch = join(tempRoot, 'consumer');
      mkdirSync(scratch);
      /** @type {Map<string, string>} */
      const installSet = new Map();
      for (const pkg of withWorkspaceDeps(all, installable)) {
        installSet.set(pkg.name, /** @type {string} */ (tarballs.get(pkg.name)));
      }
      heading(`consumer project ${scratch}`);
      writeScratchManifest(scratch, installSet);
      const installError = await npmInstall(scratch);
      if (installError) {
        for (const pkg of installable) report.fail(pkg.name, 'npm install', installError);
      } else {
        const treeProblems = checkInstalledTree(scratch, installSet.keys());
        if (treeProblems.length === 0)
          report.pass(
            '*',
            'installed tree',
            'latentkit packages from local tarballs, one tfjs-core',
          );
        else report.fail('*', 'installed tree', treeProblems.join('\n'));
        const resolutionProblems = await checkResolution(
          scratch,
          installable.map((pkg) => pkg.name),
        );
        if (resolutionProblems.length === 0)
          report.pass('*', 'resolution', 'import/require resolve inside the scratch project');
        else report.fail('*', 'resolution', resolutionProblems.join('\n'));

        for (const pkg of installable) {
          heading(`${pkg.name}: smoke (ESM + CJS), browser bundle`);
          for (const smoke of await runSmokeSnippets(scratch, pkg)) {
            const check = `smoke ${smoke.kind}`;
            if (smoke.error) report.fail(pkg.name, check, smoke.error);
            else report.pass(pkg.name, check, `${(smoke.ms / 1000).toFixed(1)} s`);
          }
          const browser = await checkBrowserBundle(pkg.name, scratch);
          if (browser.problems.length === 0)
            report.pass(pkg.name, 'browser bundle', 'no Node built-ins');
          else report.fail(pkg.name, 'browser bundle', browser.problems.join('\n'));
        }
      }
    }
  } finally {
    cleanup();
  }

  report.print();
  console.log(
    `\n${report.ok ? 'All package checks passed' : 'Package checks FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
