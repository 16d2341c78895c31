import { deflateSync } from 'node:zlib';
import type { Deflate } from '../images/deflate.js';

/**
 * A {@link Deflate} backed by `node:zlib` (level 9): compressed PNGs for reports written in Node.
 *
 * @example
 * ```ts
 * const png = encodeGreyPng(raster, { deflate: zlibDeflate });
 * ```
 */
export const zlibDeflate: Deflate = (data) => deflateSync(data, { level: 9 });
