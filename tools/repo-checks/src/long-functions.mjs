// Checks that no function in the packages' sources runs over 120 lines unless a comment right
// before it says why (`// long: <reason>`; see long-function-rules.mjs). Tests, test helpers,
// test-case tables and test/ folders are not checked.
//
// Usage: node src/long-functions.mjs [--all]. Exits 1 and lists every unexplained long function;
// --all also lists the explained ones.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCheckedSource, longFunctions, MAX_LINES } from './long-function-rules.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const all = process.argv.includes('--all');

const files = readdirSync(join(ROOT, 'packages'), { recursive: true, encoding: 'utf8' })
  .map((file) => `packages/${file.split('\\').join('/')}`)
  .filter((file) => !file.includes('/node_modules/') && isCheckedSource(file))
  .sort();
let problems = 0;
let explained = 0;
for (const file of files) {
  for (const found of longFunctions(file, readFileSync(join(ROOT, file), 'utf8'))) {
    const where = `${file}:${found.line}: ${found.name} is ${found.lines} lines`;
    if (found.explained) {
      explained++;
      if (all) console.log(`${where} (explained)`);
    } else {
      problems++;
      console.error(
        `${where} (over ${MAX_LINES}); split it, or say why in a "// long: <reason>" comment right before it`,
      );
    }
  }
}
console.log(
  `${problems === 0 ? 'No unexplained long function' : `${problems} unexplained long function(s)`}: ${files.length} package source files scanned, ${explained} long function(s) explained`,
);
process.exitCode = problems === 0 ? 0 : 1;
