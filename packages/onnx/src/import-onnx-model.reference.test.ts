import { createModel } from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { importOnnxModel } from './import-onnx-model.js';
import {
  fixtureBytes,
  maxAbsError,
  type ReferenceTensor,
  referenceFor,
} from './testing/fixtures.js';

// Models exported by PyTorch 1.13 (test/fixtures/make-onnx-fixtures.py), imported and run by
// latentkit's own model classes, must reproduce PyTorch's outputs to 1e-5 (float32).
const TOLERANCE = 1e-5;

const PAIRS = [
  {
    name: 'MNIST VAE 784-32-8, two Gemm heads, Flatten, Sigmoid out',
    encoder: 'mnist-vae-encoder.onnx',
    decoder: 'mnist-vae-decoder.onnx',
    kind: 'vae',
    likelihood: 'bernoulli',
  },
  {
    name: 'Iris VAE 4-16-2, LeakyRelu, Gemm + Split heads (Shape arithmetic), linear out',
    encoder: 'iris-vae-encoder.onnx',
    decoder: 'iris-vae-decoder.onnx',
    kind: 'vae',
    likelihood: 'gaussian',
  },
  {
    name: 'VAE 6-12-3, Tanh, MatMul + Add, Slice heads',
    encoder: 'sliced-vae-encoder.onnx',
    decoder: 'tanh-ae-decoder.onnx',
    kind: 'vae',
    likelihood: 'bernoulli',
  },
  {
    name: 'autoencoder 6-12-3, Tanh, MatMul + Add',
    encoder: 'tanh-ae-encoder.onnx',
    decoder: 'tanh-ae-decoder.onnx',
    kind: 'ae',
    likelihood: 'bernoulli',
  },
  {
    name: 'conv VAE [1,28,28]: Conv k4 s2 p1 ×2, Flatten; Linear, view, ConvTranspose k4 s2 p1 ×2, Sigmoid',
    encoder: 'conv-vae-encoder.onnx',
    decoder: 'conv-vae-decoder.onnx',
    kind: 'vae',
    likelihood: 'bernoulli',
  },
  {
    name: 'conv VAE [3,8,8]: Conv k3 s1 p1 ×2, LeakyRelu, hidden dense; reshape (Shape arithmetic), ConvTranspose, linear out',
    encoder: 'rgb-conv-vae-encoder.onnx',
    decoder: 'rgb-conv-vae-decoder.onnx',
    kind: 'vae',
    likelihood: 'gaussian',
  },
  {
    name: 'MLP CVAE 784+10 → 32 → 8, 8+10 → 32 → 784: Concat of two graph inputs',
    encoder: 'cvae-encoder.onnx',
    decoder: 'cvae-decoder.onnx',
    kind: 'cvae',
    likelihood: 'bernoulli',
  },
] as const;

/** A PyTorch tensor, for a conv model in latentkit's NHWC layout (`[N, C, H, W]` → `[N, H, W, C]`). */
function tensorFor(t: ReferenceTensor, conv: boolean): tf.Tensor {
  const x = tf.tensor(t.values, t.shape);
  return conv ? tf.transpose(x, [0, 2, 3, 1]) : x;
}

function errorsOn(pair: (typeof PAIRS)[number]): Record<string, number> {
  const imported = importOnnxModel({
    encoder: fixtureBytes(pair.encoder),
    decoder: fixtureBytes(pair.decoder),
  });
  expect(imported.config.kind).toBe(pair.kind);
  expect(imported.config.likelihood).toBe(pair.likelihood);
  // The hardware path's float description exists for the MLP VAEs and AEs only.
  const conv = imported.config.encoder.type === 'conv';
  expect(imported.float === undefined).toBe(conv || pair.kind === 'cvae');
  const model = createModel(imported.config);
  model.store.loadRecord(imported.record);
  const encRef = referenceFor(pair.encoder);
  const decRef = referenceFor(pair.decoder);
  const errors: Record<string, number> = {};
  tf.tidy(() => {
    const posterior = model.encode(tensorFor(encRef.input, conv), encRef.labels);
    const heads = pair.kind === 'ae' ? ['z'] : ['mu', 'logvar'];
    errors.mu = maxAbsError(posterior.mu.dataSync(), encRef.outputs[heads[0]!]!.values);
    if (pair.kind !== 'ae') {
      errors.logVar = maxAbsError(posterior.logVar!.dataSync(), encRef.outputs.logvar!.values);
    }
    const z = tf.tensor(decRef.input.values, decRef.input.shape);
    const mean = model.decodeMean(z, decRef.labels);
    errors.decoderMean = maxAbsError(
      mean.dataSync(),
      tensorFor(decRef.outputs.x_mean!, conv).dataSync(),
    );
  });
  model.dispose();
  return errors;
}

describe.each(['wasm', 'cpu'] as const)('ONNX models exported by PyTorch, on %s', (backend) => {
  it.each(PAIRS)('$name: μ, log σ² and decoder means within 1e-5', async (pair) => {
    await initBackend({ backend });
    const before = tf.memory().numTensors;
    const errors = errorsOn(pair);
    console.log(
      `${backend} ${pair.encoder} + ${pair.decoder}: max abs error ${JSON.stringify(errors)}`,
    );
    for (const e of Object.values(errors)) expect(e).toBeLessThanOrEqual(TOLERANCE);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the NCHW → NHWC conversion is needed (the tolerance above is not loose)', () => {
  it('the RGB conv VAE on the images not transposed (NCHW values read as NHWC) misses PyTorch by > 1e-3', async () => {
    await initBackend({ backend: 'cpu' });
    const imported = importOnnxModel({
      encoder: fixtureBytes('rgb-conv-vae-encoder.onnx'),
      decoder: fixtureBytes('rgb-conv-vae-decoder.onnx'),
    });
    const model = createModel(imported.config);
    model.store.loadRecord(imported.record);
    const ref = referenceFor('rgb-conv-vae-encoder.onnx');
    const error = tf.tidy(() => {
      const raw = tf.tensor(ref.input.values, [ref.input.shape[0]!, 8, 8, 3]);
      return maxAbsError(model.encode(raw).mu.dataSync(), ref.outputs.mu!.values);
    });
    model.dispose();
    console.log(`RGB conv VAE, images not transposed: μ max abs error ${error}`);
    expect(error).toBeGreaterThan(1e-3);
  });
});
