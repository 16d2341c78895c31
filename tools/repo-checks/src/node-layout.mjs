// Checks the one layout for Node-only code (see node-layout-rules.mjs): a package source that
// imports a Node built-in must live in `src/node/`.
//
// Usage: node src/node-layout.mjs. Exits 1 and lists every file out of place.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLayoutChecked, mayImportNode, nodeImports } from './node-layout-rules.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const files = readdirSync(join(ROOT, 'packages'), { recursive: true, encoding: 'utf8' })
  .map((file) => `packages/${file.split('\\').join('/')}`)
  .filter((file) => !file.includes('/node_modules/') && isLayoutChecked(file))
  .sort();
let problems = 0;
for (const file of files) {
  const used = nodeImports(readFileSync(join(ROOT, file), 'utf8'));
  if (used.length > 0 && !mayImportNode(file)) {
    problems++;
    console.error(
      `${file} imports ${used.join(', ')}: Node-only code belongs in the package's src/node/ folder (exported from ./node)`,
    );
  }
}
console.log(
  `${problems === 0 ? 'Node-only code is in src/node/' : `${problems} file(s) out of place`}: ${files.length} package source files scanned`,
);
process.exitCode = problems === 0 ? 0 : 1;
