// Browser safety: bundle a package's entry the way a browser bundler would and reject Node built-ins.
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

/** Node built-in module names (`fs`, `fs/promises`, `worker_threads`, …), without `node:`. */
const BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

/**
 * Whether an import specifier names a Node built-in (`fs`, `fs/promises`, `node:anything`).
 *
 * @param {string} specifier
 * @returns {boolean}
 */
export function isNodeBuiltin(specifier) {
  if (specifier.startsWith('node:')) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0] ?? '');
}

/**
 * @typedef {object} BrowserBundleResult
 * @property {string[]} problems Failures: Node built-ins the bundle would need, and any other
 *   resolution/build error.
 * @property {string[]} notes Informational lines (bundle size, built-ins that dependencies'
 *   `browser` fields replace with empty modules, built-in names satisfied by npm polyfills).
 */

/**
 * Bundles `import * as m from '<name>'` (and, separately, `require('<name>')`) from the scratch
 * project with esbuild for the browser — `platform: 'browser'`, `conditions: ['browser']`, so
 * package `imports`/`exports` maps take their non-`node` branches and `browser` fields apply —
 * with every dependency bundled (tfjs included: a consumer's bundler sees the same graph).
 *
 * A Node built-in that a dependency's `browser` field maps to `false` is fine (it becomes an empty
 * module). A built-in esbuild cannot resolve — an error, or a warning for a `require()` inside
 * `try` that esbuild leaves in the output — is a failure, as is any `node:` import.
 *
 * @param {string} name Package name.
 * @param {string} resolveDir Scratch project directory to resolve from.
 * @returns {Promise<BrowserBundleResult>}
 */
export async function checkBrowserBundle(name, resolveDir) {
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const notes = [];
  const entries = [
    {
      kind: 'import',
      format: /** @type {const} */ ('esm'),
      contents: `import * as m from '${name}';\nglobalThis.__m = m;\n`,
    },
    {
      kind: 'require',
      format: /** @type {const} */ ('cjs'),
      contents: `globalThis.__m = require('${name}');\n`,
    },
  ];
  for (const entry of entries) {
    console.log(
      `$ esbuild.build({ stdin: "${entry.contents.split('\n')[0]}", bundle: true, platform: 'browser', conditions: ['browser'], format: '${entry.format}' })`,
    );
    /** @type {import('esbuild').Message[]} */
    let errors = [];
    /** @type {import('esbuild').Message[]} */
    let warnings = [];
    /** @type {import('esbuild').Metafile | undefined} */
    let metafile;
    let bytes = 0;
    try {
      const result = await build({
        stdin: {
          contents: entry.contents,
          resolveDir,
          sourcefile: `${entry.kind}-entry.js`,
          loader: 'js',
        },
        bundle: true,
        write: false,
        platform: 'browser',
        conditions: ['browser'],
        format: entry.format,
        target: 'es2022',
        metafile: true,
        logLevel: 'silent',
      });
      warnings = result.warnings;
      metafile = result.metafile;
      bytes = result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0);
    } catch (error) {
      const failure =
        /** @type {{errors?: import('esbuild').Message[], warnings?: import('esbuild').Message[]}} */ (
          error
        );
      if (!failure.errors) throw error;
      errors = failure.errors;
      warnings = failure.warnings ?? [];
    }
    for (const message of [...errors, ...warnings]) {
      const specifier = /Could not resolve "([^"]+)"/.exec(message.text)?.[1];
      const where = message.location
        ? `${message.location.file}:${message.location.line}`
        : '(no location)';
      if (specifier !== undefined && isNodeBuiltin(specifier)) {
        problems.push(
          `${entry.kind}: the browser bundle needs Node built-in "${specifier}" (imported by ${where})`,
        );
      } else if (errors.includes(message)) {
        problems.push(`${entry.kind}: esbuild error: ${message.text} (${where})`);
      } else {
        notes.push(`${entry.kind}: esbuild warning: ${message.text} (${where})`);
      }
    }
    if (metafile) {
      /** @type {Set<string>} */
      const stubbed = new Set();
      for (const [file, input] of Object.entries(metafile.inputs)) {
        for (const imported of input.imports) {
          const original = imported.original ?? imported.path;
          if (!isNodeBuiltin(original)) continue;
          if (imported.path.startsWith('(disabled):')) stubbed.add(original);
          else if (original.startsWith('node:') || imported.external) {
            problems.push(
              `${entry.kind}: the browser bundle needs Node built-in "${original}" (imported by ${file})`,
            );
          } else {
            notes.push(
              `${entry.kind}: "${original}" in ${file} resolves to the npm package ${imported.path}, not the Node built-in`,
            );
          }
        }
      }
      notes.push(
        `${entry.kind}: ${(bytes / 1024).toFixed(0)} KiB bundle from ${Object.keys(metafile.inputs).length} files` +
          (stubbed.size > 0
            ? `; built-ins stubbed by dependencies' "browser" fields: ${[...stubbed].sort().join(', ')}`
            : ''),
      );
    }
  }
  for (const note of notes) console.log(note);
  for (const problem of problems) console.error(problem);
  return { problems, notes };
}
