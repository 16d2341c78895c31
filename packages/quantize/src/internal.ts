/**
 * `@latentkit/quantize/internal`: building blocks shared between latentkit packages (the LUT
 * builder, the code check and the tanh-unit formats that `@latentkit/verilog` reuses so its
 * circuits match the golden model); not covered by semver — any release may change or remove
 * them. Use `@latentkit/quantize` instead.
 *
 * @packageDocumentation
 * @internal
 */
export type { BuildLutOptions } from './activations/lut-unit.js';
export { buildLutUnit } from './activations/lut-unit.js';
export { tanhInnerFormats } from './activations/tanh-via-sigmoid.js';
export { checkCode } from './fixed/fixed-format.js';
