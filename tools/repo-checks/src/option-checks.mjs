// Checks that every public function taking an options object refuses unknown keys through core's
// `requireKnownOptions` (see option-check-rules.mjs). The public entries are each package's
// `exports` (their `src/` sources). Run it after the build: packages import each other's `dist/`
// types, and a parameter typed from an unbuilt sibling is not recognised as options.
//
// Usage: node src/option-checks.mjs. Exits 1 and lists every function that does not check.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { uncheckedOptionFunctions } from './option-check-rules.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKAGES = join(ROOT, 'packages');

/** The `src/` file of each `exports` entry of a package (`./dist/node.js` → `src/node.ts`). */
function entriesOf(/** @type {string} */ dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const targets = new Set();
  /** @param {unknown} value */
  const collect = (value) => {
    if (typeof value === 'string') {
      const match = /^\.\/dist\/(.+)\.(?:js|cjs|mjs|d\.ts|d\.cts)$/.exec(value);
      if (match) targets.add(join(dir, 'src', `${match[1]}.ts`));
    } else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  return [...targets];
}

const entries = readdirSync(PACKAGES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => entriesOf(join(PACKAGES, d.name)))
  .sort();
const config = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
const program = ts.createProgram(entries, { ...options, noEmit: true });
const isOwnSource = (/** @type {string} */ file) => {
  const path = relative(ROOT, file).split('\\').join('/');
  return /^packages\/[^/]+\/src\//.test(path) && !path.endsWith('.d.ts');
};

const found = uncheckedOptionFunctions(program, entries, isOwnSource);
for (const f of found) {
  console.error(
    `${relative(ROOT, f.file)}:${f.line}: ${f.name} takes ${f.param} but does not refuse unknown keys; call requireKnownOptions(${f.param}, [...keys], '<name> options') first`,
  );
}
console.log(
  `${found.length === 0 ? 'Every public options object is checked' : `${found.length} public function(s) take options without checking their keys`}: ${entries.length} entries scanned`,
);
process.exitCode = found.length === 0 ? 0 : 1;
