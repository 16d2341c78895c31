import { bernoulliNllFromLogits, initBackend, klStandardNormal, tf } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safetensorsToRecord } from './safetensors-to-record.js';
import {
  mnistTestPixels,
  REFERENCE_VAE_SHAPES,
  readReferenceBytes,
  readReferenceJson,
} from './testing/reference-files.js';
import { torchVaeNameMap, torchVaeTransposed } from './torch-vae-name-map.js';

// The pytorch/examples VAE trained by PyTorch 1.13 (see test/fixtures/README.md),
// loaded through the name map, must reproduce PyTorch's own outputs. The forward pass is written
// here with plain tf ops (784-400 ReLU, 400-20 ×2, 20-400 ReLU, 400-784), independent of the
// model classes.

interface TorchVaeReference {
  mu_first5: number[][];
  logvar_first5: number[][];
  decoder_logits_at_mu_first5_first20_pixels_from_150: number[][];
  first1000_bce_sum_per_image_at_z_eq_mu_nats: number;
  first1000_kl_per_image_nats: number;
}

// latentkit layout: dense weights [in, out].
const EXPECTED_SHAPES = REFERENCE_VAE_SHAPES;

// float32 tolerance for values from sums of up to 784 float32 products (summed in another
// order than PyTorch's): |actual − expected| ≤ ATOL + RTOL·|expected|.
const ATOL = 1e-5;
const RTOL = 1e-5;

interface Comparison {
  /** Largest |actual − expected|. */
  abs: number;
  /** Largest |actual − expected| / |expected|. */
  rel: number;
  /** Whether every element is within ATOL + RTOL·|expected|. */
  withinTolerance: boolean;
}

function compare(actual: ArrayLike<number>, expected: ArrayLike<number>): Comparison {
  expect(actual.length).toBe(expected.length);
  let abs = 0;
  let rel = 0;
  let withinTolerance = true;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    abs = Math.max(abs, d);
    rel = Math.max(rel, d / Math.abs(expected[i]!));
    if (!(d <= ATOL + RTOL * Math.abs(expected[i]!))) withinTolerance = false;
  }
  return { abs, rel, withinTolerance };
}

const ref = readReferenceJson<TorchVaeReference>('torch-vae-mnist.json');
const params: Record<string, tf.Tensor> = {};

function forward(x: tf.Tensor): { mu: tf.Tensor; logVar: tf.Tensor; logits: tf.Tensor } {
  const p = (name: string): tf.Tensor => params[name]!;
  const linear = (h: tf.Tensor, layer: string): tf.Tensor =>
    tf.add(tf.matMul(h, p(`${layer}.weight`)), p(`${layer}.bias`));
  const h1 = tf.relu(linear(x, 'encoder.fc1'));
  const mu = linear(h1, 'encoder.mu');
  const logVar = linear(h1, 'encoder.logVar');
  const logits = linear(tf.relu(linear(mu, 'decoder.fc1')), 'decoder.out');
  return { mu, logVar, logits };
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  const { record, metadata } = safetensorsToRecord(
    readReferenceBytes('torch-vae-mnist.safetensors'),
    {
      nameMap: torchVaeNameMap,
      transpose: torchVaeTransposed,
      expectedShapes: EXPECTED_SHAPES,
    },
  );
  expect(metadata.format).toBe('pt');
  expect(Object.keys(record).sort()).toEqual(Object.keys(EXPECTED_SHAPES).sort());
  for (const [name, rec] of Object.entries(record)) params[name] = tf.tensor(rec.data, rec.shape);
});

afterAll(() => {
  tf.dispose(Object.values(params));
});

describe('pytorch/examples VAE loaded from safetensors', () => {
  it('transposes torch [out, in] weights into latentkit [in, out]', () => {
    const { record } = safetensorsToRecord(readReferenceBytes('torch-vae-mnist.safetensors'), {
      strict: false,
    });
    const torchW = record['fc1.weight']!; // [400, 784]
    const ours = params['encoder.fc1.weight']!.dataSync(); // [784, 400]
    for (const [o, i] of [
      [0, 0],
      [399, 783],
      [17, 300],
      [250, 5],
    ] as const) {
      expect(ours[i * 400 + o]).toBe(torchW.data[o * 784 + i]);
    }
  });

  it('reproduces μ, log σ² and decoder logits for the first 5 test images', () => {
    const x = tf.tensor(mnistTestPixels(5), [5, 784]);
    const { mu, logVar, logits } = forward(x);
    const logitSlice = tf.slice(logits, [0, 150], [5, 20]);
    const errors = {
      mu: compare(mu.dataSync(), ref.mu_first5.flat()),
      logVar: compare(logVar.dataSync(), ref.logvar_first5.flat()),
      logits: compare(
        logitSlice.dataSync(),
        ref.decoder_logits_at_mu_first5_first20_pixels_from_150.flat(),
      ),
    };
    console.log('max errors vs PyTorch (first 5 images):', JSON.stringify(errors));
    tf.dispose([x, mu, logVar, logits, logitSlice]);
    for (const e of Object.values(errors)) expect(e.withinTolerance).toBe(true);
  });

  it('reproduces the mean BCE (summed per image) and KL at z = μ over the first 1000 test images', () => {
    const x = tf.tensor(mnistTestPixels(1000), [1000, 784]);
    const { mu, logVar, logits } = forward(x);
    const bce = bernoulliNllFromLogits(logits, x); // mean over images of the per-image sum, nats
    const kl = klStandardNormal(mu, logVar);
    const [bceValue, klValue] = [bce.dataSync()[0]!, kl.dataSync()[0]!];
    const relBce =
      Math.abs(bceValue - ref.first1000_bce_sum_per_image_at_z_eq_mu_nats) /
      ref.first1000_bce_sum_per_image_at_z_eq_mu_nats;
    const relKl =
      Math.abs(klValue - ref.first1000_kl_per_image_nats) / ref.first1000_kl_per_image_nats;
    console.log(
      `BCE ${bceValue} vs ${ref.first1000_bce_sum_per_image_at_z_eq_mu_nats} (rel ${relBce}); KL ${klValue} vs ${ref.first1000_kl_per_image_nats} (rel ${relKl})`,
    );
    tf.dispose([x, mu, logVar, logits, bce, kl]);
    expect(relBce).toBeLessThan(1e-5);
    expect(relKl).toBeLessThan(1e-5);
  });
});
