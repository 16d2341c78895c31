// The release, rehearsed: what `changeset version` and then `changeset publish` would do, without
// publishing (`pnpm run release:dry-run` at the repository root; CI runs it).
//
// In a fresh clone of HEAD in a temporary folder (so this checkout is never modified):
//   1. pnpm install (offline when the store has everything), `changeset version`;
//   2. build the publishable packages;
//   3. `pnpm -r publish --dry-run` — npm prints each tarball it would upload, with its version;
//   4. `pnpm pack` each package and check the tarball (release-rules.mjs): its new version, the
//      `workspace:` ranges rewritten to versions its siblings satisfy, nothing but the build,
//      README, LICENSE and CHANGELOG inside, every entry point present, a changelog section for
//      the version, public access.
// Only committed work is rehearsed: uncommitted changes are not in the clone.
//
// Usage: node src/release-dry-run.mjs [--keep-temp]. Exits 1 if anything failed.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReleaseTarball, parsePublishDryRun } from './lib/release-rules.mjs';
import { cleanEnv, heading, Report, run } from './lib/run.mjs';
import { listPublishablePackages, REPO_ROOT } from './lib/workspace.mjs';

/**
 * Runs a step in the clone and fails the whole rehearsal if it fails.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<string>} The step's stdout and stderr.
 */
async function step(command, args, cwd) {
  const env = { ...cleanEnv(), TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
  const result = await run(command, args, { cwd, env, timeoutMs: 20 * 60_000 });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}`);
  return `${result.stdout}\n${result.stderr}`;
}

/**
 * Lists a tarball's files and reads two of them with the system's tar.
 *
 * @param {string} tarball
 * @param {string} cwd
 * @returns {Promise<{files: string[], manifest: Record<string, any>, changelog: string}>}
 */
async function readTarball(tarball, cwd) {
  const quiet = { cwd, echo: false };
  const list = await run('tar', ['-tzf', tarball], quiet);
  const files = list.stdout
    .split('\n')
    .filter((line) => line && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
  const manifest = JSON.parse(
    (await run('tar', ['-xzOf', tarball, 'package/package.json'], quiet)).stdout,
  );
  const changelog = (await run('tar', ['-xzOf', tarball, 'package/CHANGELOG.md'], quiet)).stdout;
  return { files, manifest, changelog };
}

async function main() {
  const keepTemp = process.argv.includes('--keep-temp');
  const report = new Report();
  const temp = mkdtempSync(join(tmpdir(), 'latentkit-release-'));
  const clone = join(temp, 'latentkit');
  try {
    heading('a fresh clone of HEAD');
    await step('git', ['clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone], temp);
    const install = ['install', '--frozen-lockfile', '--prefer-offline'];
    await step('pnpm', install, clone);
    const before = new Map(listPublishablePackages(clone).map((p) => [p.name, p.manifest.version]));

    heading('changeset version');
    await step('pnpm', ['exec', 'changeset', 'version'], clone);
    const packages = listPublishablePackages(clone);
    const versions = new Map(packages.map((p) => [p.name, String(p.manifest.version)]));
    for (const pkg of packages) {
      console.log(`${pkg.name}: ${before.get(pkg.name)} → ${versions.get(pkg.name)}`);
    }

    heading('build the packages');
    await step('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=./packages/*'], clone);

    heading('pnpm -r publish --dry-run');
    const output = await step(
      'pnpm',
      ['-r', '--filter=./packages/*', 'publish', '--dry-run', '--no-git-checks'],
      clone,
    );
    const published = parsePublishDryRun(output);
    for (const pkg of packages) {
      const entry = published.find((p) => p.name === pkg.name);
      const version = versions.get(pkg.name);
      if (!entry)
        report.fail(pkg.name, 'publish dry run', 'not among the packages it would publish');
      else if (entry.version !== version) {
        report.fail(pkg.name, 'publish dry run', `would publish ${entry.version}, not ${version}`);
      } else report.pass(pkg.name, 'publish dry run', `${entry.filename ?? '?'} (${version})`);
    }
    const strays = published.filter((p) => !versions.has(p.name));
    if (strays.length > 0) {
      report.fail(
        '*',
        'publish dry run',
        `would also publish ${strays.map((p) => p.name).join(', ')}`,
      );
    }

    heading('the tarballs');
    for (const pkg of packages) {
      const destination = join(temp, 'tarballs', pkg.shortName);
      mkdirSync(destination, { recursive: true });
      await step('pnpm', ['pack', '--pack-destination', destination], pkg.dir);
      const tarball = join(destination, /** @type {string} */ (readdirSync(destination)[0]));
      const contents = await readTarball(tarball, temp);
      const version = /** @type {string} */ (versions.get(pkg.name));
      const problems = checkReleaseTarball({ name: pkg.name, version, ...contents }, versions);
      const deps = Object.entries(contents.manifest.dependencies ?? {})
        .filter(([dep]) => versions.has(dep))
        .map(([dep, spec]) => `${dep.replace('@latentkit/', '')} ${spec}`);
      const detail = `${contents.files.length} files${deps.length ? `; needs ${deps.join(', ')}` : ''}`;
      if (problems.length === 0) report.pass(pkg.name, 'tarball', detail);
      else report.fail(pkg.name, 'tarball', problems.join('\n'));
    }
  } catch (error) {
    report.fail('*', 'rehearsal', error instanceof Error ? error.message : String(error));
  } finally {
    if (keepTemp) console.log(`Kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true });
  }
  report.print();
  console.log(`\n${report.ok ? 'Release dry run passed' : 'Release dry run FAILED'}`);
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
