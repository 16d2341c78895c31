/**
 * Node-only entry of `@latentkit/report`: reading a folder of saved benchmark results
 * (`node:fs`), writing a report folder (`report.html` and PNGs of the image grids), and a
 * `node:zlib` compressor for the PNGs. Everything else lives in the browser-safe main entry
 * `@latentkit/report`.
 *
 * @packageDocumentation
 */
export type { LoadSavedResultsOptions } from './node/load-saved-results.js';
export { loadSavedResults } from './node/load-saved-results.js';
export type { WrittenReport } from './node/write-report.js';
export { writeReport } from './node/write-report.js';
export { zlibDeflate } from './node/zlib-deflate.js';
