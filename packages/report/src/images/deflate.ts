/**
 * A zlib compressor: takes bytes and returns them as a zlib stream (RFC 1950: header, deflate
 * data, Adler-32). {@link encodeGreyPng} uses one for a PNG's image data. `@latentkit/report/node`
 * has `zlibDeflate` (node:zlib, compressed); {@link storedDeflate} works everywhere.
 */
export type Deflate = (data: Uint8Array) => Uint8Array;
