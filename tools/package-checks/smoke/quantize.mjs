// ESM consumer smoke test of @latentkit/quantize: fixed-point codes with hand-computed answers.
import {
  fixedFormat,
  QuantizationError,
  quantize,
  requantize,
  runQuantizedMlp,
} from '@latentkit/quantize';
import { checkCode } from '@latentkit/quantize/internal';

const q84 = fixedFormat(8, 4); // 8-bit signed, 4 fraction bits: code = value · 16
const checks = [
  [quantize(0.75, q84), 12], // 0.75 · 16 = 12 exactly
  [quantize(-1.03125, q84, { rounding: 'half-even' }), -16], // −16.5 → even −16
  [quantize(-1.03125, q84, { rounding: 'truncate' }), -17], // floor(−16.5)
  [quantize(100, q84), 127], // saturates at 2^7 − 1
  [quantize(9, q84, { overflow: 'wrap' }), -112], // 144 − 256
  [requantize(27, q84, fixedFormat(8, 2), { rounding: 'half-up' }), 7], // 27/4 = 6.75 → 7
];
for (const [got, want] of checks) {
  if (got !== want) throw new Error(`quantize.mjs: got ${got}, expected ${want}`);
}
// A one-neuron layer: y = relu(2·x + 1) with x = 1.5 in s8.4 → 4.0 → code 64.
const f = fixedFormat(8, 4);
const acc = fixedFormat(16, 8);
const model = {
  format: 'latentkit.quantized-mlp',
  version: 1,
  layers: [
    {
      name: 'fc',
      inFeatures: 1,
      outFeatures: 1,
      input: f,
      weightFormat: f,
      weights: [32],
      biasFormat: f,
      biases: [16],
      accumulator: acc,
      activationInput: f,
      activation: { kind: 'relu' },
      floatActivation: 'relu',
      activationOutput: f,
      output: f,
      rounding: 'half-even',
      overflow: 'saturate',
    },
  ],
};
const y = runQuantizedMlp(model, [24]).output[0];
if (y !== 64) throw new Error(`quantize.mjs: golden model gave ${y}, expected 64`);
// The internal entry shares the main entry's classes (one chunk), so `instanceof` holds across them.
let crossEntry = false;
try {
  checkCode(128, q84); // s8.4 codes stop at 127
} catch (e) {
  crossEntry = e instanceof QuantizationError && e.problem === 'bad-code';
}
if (!crossEntry) throw new Error('quantize.mjs: checkCode should throw the main QuantizationError');
console.log('quantize.mjs ok (main and ./internal entries)');
