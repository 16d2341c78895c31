// #region sample
import {
  dequantize,
  fixedFormat,
  formatRange,
  formatToString,
  quantize,
  requantize,
  resolution,
} from '@latentkit/quantize';

const q8_4 = fixedFormat(8, 4); // signed, 8 bits, 4 fraction bits: s8.4
// range −8 … 7.9375, LSB 1/16
console.log(formatToString(q8_4), formatRange(q8_4), resolution(q8_4));

quantize(0.75, q8_4); // 12 (= 0.75 · 16)
quantize(100, q8_4); // 127: saturated (the default overflow mode)
quantize(0.03, q8_4, { rounding: 'truncate' }); // 0: floor(0.48)
dequantize(12, q8_4); // 0.75

// Change format: shift, round (half-even by default), saturate — equal
// to
// quantizing the value.
requantize(12, q8_4, fixedFormat(6, 2)); // 3 (0.75 in s6.2)
// #endregion sample
