// CommonJS consumer smoke test of @latentkit/quantize: fixed-point codes with hand-computed answers.
const { fixedFormat, quantize, dequantize, QuantizationError } = require('@latentkit/quantize');
const { checkCode } = require('@latentkit/quantize/internal');
const { assertNoTfjs } = require('./no-tfjs.checks.cjs');

assertNoTfjs('@latentkit/quantize and @latentkit/quantize/internal'); // they never use a tensor

const q1612 = fixedFormat(16, 12); // code = value · 4096
const checks = [
  [quantize(Math.PI, q1612), 12868], // π·4096 = 12867.96… → 12868
  [quantize(-0.5 / 4096, q1612, { rounding: 'half-up' }), 0], // tie toward +∞
  [quantize(-0.5 / 4096, q1612, { rounding: 'half-even' }), 0], // tie to even
  [quantize(-0.5 / 4096, q1612, { rounding: 'truncate' }), -1], // floor
  [quantize(-9, q1612), -32768], // saturates at −2^15
  [dequantize(12868, q1612), 12868 / 4096],
];
for (const [got, want] of checks) {
  if (got !== want) throw new Error(`quantize.cjs: got ${got}, expected ${want}`);
}
let threw = false;
try {
  fixedFormat(64, 0);
} catch (e) {
  threw = e instanceof QuantizationError && e.code === 'QUANTIZATION';
}
if (!threw) throw new Error('quantize.cjs: a 64-bit format should throw QuantizationError');
// The internal entry shares the main entry's classes (one chunk), so `instanceof` holds across them.
let crossEntry = false;
try {
  checkCode(0.5, q1612); // not an integer code
} catch (e) {
  crossEntry = e instanceof QuantizationError && e.problem === 'bad-code';
}
if (!crossEntry) throw new Error('quantize.cjs: checkCode should throw the main QuantizationError');
console.log('quantize.cjs ok (main and ./internal entries)');
