import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FloatVae } from '@latentkit/quantize';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures');

/** A tensor PyTorch computed: shape and float32 values. */
export interface ReferenceTensor {
  shape: number[];
  values: number[];
}

/** One exported file with PyTorch's input and outputs on it. */
export interface ReferenceFile {
  /** A CVAE's labels (class indices), one per example of `input`. */
  labels?: number[];
  opset: number;
  bytes: number;
  input: ReferenceTensor;
  outputs: Record<string, ReferenceTensor>;
}

/** The fixture bytes (test/fixtures/<name>); a missing fixture fails the test. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** PyTorch's outputs (test/fixtures/reference.json) for one fixture file. */
export function referenceFor(name: string): ReferenceFile {
  const all = JSON.parse(readFileSync(join(FIXTURES, 'reference.json'), 'utf8')) as {
    files: Record<string, ReferenceFile>;
  };
  const file = all.files[name];
  if (file === undefined) throw new Error(`no reference for ${name}`);
  return file;
}

/** Every fixture file name. */
export const FIXTURE_FILES = [
  'mnist-vae-encoder.onnx',
  'mnist-vae-decoder.onnx',
  'iris-vae-encoder.onnx',
  'iris-vae-decoder.onnx',
  'sliced-vae-encoder.onnx',
  'tanh-ae-encoder.onnx',
  'tanh-ae-decoder.onnx',
  'conv-vae-encoder.onnx',
  'conv-vae-decoder.onnx',
  'rgb-conv-vae-encoder.onnx',
  'rgb-conv-vae-decoder.onnx',
  'cvae-encoder.onnx',
  'cvae-decoder.onnx',
] as const;

/** The float description of an imported MLP VAE or AE (fails the test when there is none). */
export function requireFloat(imported: { float: FloatVae | undefined }): FloatVae {
  if (imported.float === undefined) throw new Error('the import has no float description');
  return imported.float;
}

/** Largest |a − b| over two equal-length lists. */
export function maxAbsError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new Error(`lengths differ: ${actual.length} vs ${expected.length}`);
  }
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst;
}
