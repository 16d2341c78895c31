/**
 * Node-only entry of `@latentkit/models`: atomic saving and loading of safetensors files with
 * `node:fs`. Everything else, including the pure `encodeSafetensors` / `decodeSafetensors`, lives
 * in the browser-safe main entry `@latentkit/models`.
 *
 * @packageDocumentation
 */
export type { LoadSafetensorsFileOptions } from './io/node/load-safetensors-file.js';
export { loadSafetensorsFile } from './io/node/load-safetensors-file.js';
export type { SaveSafetensorsFileOptions } from './io/node/save-safetensors-file.js';
export { saveSafetensorsFile } from './io/node/save-safetensors-file.js';
