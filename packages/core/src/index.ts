/**
 * The tfjs-free core of latentkit: the typed errors every package throws, a seeded splittable
 * random generator, option and number validation, plain tensor records and a small WebAssembly
 * assembler. Packages that never touch a tensor (`@latentkit/quantize`, `@latentkit/verilog`)
 * depend on this and not on tfjs.
 *
 * @packageDocumentation
 */
export { BackendError } from './errors/backend-error.js';
export { InvalidArgumentError } from './errors/invalid-argument-error.js';
export { LatentkitError } from './errors/latentkit-error.js';
export { NonFiniteError } from './errors/non-finite-error.js';
export { NumericalError } from './errors/numerical-error.js';
export { ShapeError } from './errors/shape-error.js';
export { UnknownOptionError } from './errors/unknown-option-error.js';
export { WorkerError } from './errors/worker-error.js';
export { permutation } from './random/permutation.js';
export type { Rng, SeedLike } from './random/rng.js';
export { createRng, toRng } from './random/rng.js';
export { isSeedLike, seedOption } from './random/seed-option.js';
export type { TensorRecord } from './records/tensor-record.js';
export { describeValue } from './validation/describe-value.js';
export { jsonNestingExceeds } from './validation/json-nesting-exceeds.js';
export { quoteForMessage } from './validation/quote-for-message.js';
export { renamedOption } from './validation/renamed-option.js';
export { requireFiniteNumber } from './validation/require-finite-number.js';
export { requireKnownOptions } from './validation/require-known-options.js';
export type { MemoryImport } from './wasm/wasm-assembler.js';
export { assembleModule, FunctionAssembler, Simd, WasmType } from './wasm/wasm-assembler.js';
