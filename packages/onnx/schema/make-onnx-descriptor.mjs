// Makes src/schema/onnx-descriptor.json, the ONNX schema as a protobufjs JSON descriptor, from
// schema/onnx.proto (copied unchanged from the ONNX project, Apache-2.0; version and commit in
// schema/README.md) with protobufjs' own reflection API: `loadSync` parses the .proto, `toJSON`
// writes the descriptor that `protobufjs/light`'s `Root.fromJSON` reads at run time, so the
// published package carries no .proto parser.
//
//   pnpm --filter @latentkit/onnx run schema
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = protobuf.loadSync(join(here, 'onnx.proto'));
root.resolveAll();
const out = join(here, '..', 'src', 'schema', 'onnx-descriptor.json');
writeFileSync(out, `${JSON.stringify(root.toJSON(), null, 2)}\n`);
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', out], { stdio: 'inherit' });
console.log(`wrote ${out}`);
