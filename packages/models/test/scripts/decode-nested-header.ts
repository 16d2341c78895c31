// Run by safetensors-nesting.test.ts in a child process with a small heap: builds a safetensors
// file whose header is `{"x":[[[…]]]}` nested to fill `MB` megabytes, decodes it, and prints
// the error code and the extra heap and external memory the refusal cost, as JSON.
import { decodeSafetensors } from '../../src/io/decode-safetensors.js';

const mb = Number(process.argv[2] ?? '100');
const depth = Math.floor((mb * 1024 * 1024 - 8) / 2);
const header = new Uint8Array(6 + 2 * depth + 1);
header.set([0x7b, 0x22, 0x78, 0x22, 0x3a], 0); // {"x":
header.fill(0x5b, 5, 5 + depth); // [[[[…
header.fill(0x5d, 5 + depth, 5 + 2 * depth); // …]]]]
header[5 + 2 * depth] = 0x7d; // }
const file = new Uint8Array(8 + header.length);
new DataView(file.buffer).setUint32(0, header.length, true);
file.set(header, 8);
global.gc?.();
const before = process.memoryUsage();
let code = 'none';
try {
  decodeSafetensors(file, { maxHeaderBytes: file.length });
} catch (error) {
  code = (error as { code?: string }).code ?? String(error);
}
const after = process.memoryUsage();
console.log(
  JSON.stringify({
    code,
    headerBytes: header.length,
    extraHeapMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
    extraExternalMB:
      (after.external + after.arrayBuffers - before.external - before.arrayBuffers) / 2 ** 20,
  }),
);
