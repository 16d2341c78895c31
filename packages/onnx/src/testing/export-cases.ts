import type { ModelConfig } from '@latentkit/models';

/** A model to export in the tests: its config and a readable name. */
export interface ExportCase {
  name: string;
  config: ModelConfig;
}

/** The models the export tests run through onnxruntime and the importer. */
export const EXPORT_CASES: readonly ExportCase[] = [
  {
    name: 'MLP VAE, MNIST shapes 784-400-20, ReLU, Bernoulli',
    config: {
      kind: 'vae',
      inputShape: [784],
      latentDim: 20,
      encoder: { type: 'mlp', hidden: [400] },
    },
  },
  {
    name: 'autoencoder 64-32-16-4, Tanh, Gaussian',
    config: {
      kind: 'ae',
      inputShape: [64],
      latentDim: 4,
      encoder: { type: 'mlp', hidden: [32, 16], activation: 'tanh' },
      likelihood: 'gaussian',
    },
  },
  {
    name: 'Iris VAE 4-16-2, LeakyReLU, Gaussian',
    config: {
      kind: 'vae',
      inputShape: [4],
      latentDim: 2,
      encoder: { type: 'mlp', hidden: [16], activation: 'leakyRelu' },
      likelihood: 'gaussian',
    },
  },
  {
    name: 'VAE [3, 4] (Flatten / Reshape), ELU encoder, Softplus decoder, learned σ',
    config: {
      kind: 'vae',
      inputShape: [3, 4],
      latentDim: 3,
      encoder: { type: 'mlp', hidden: [10], activation: 'elu' },
      decoder: { type: 'mlp', hidden: [7, 9], activation: 'softplus' },
      likelihood: 'gaussian-learned',
    },
  },
  {
    name: 'VAE 6-8-2, Sigmoid hidden layers, no decoder hidden layer',
    config: {
      kind: 'vae',
      inputShape: [6],
      latentDim: 2,
      encoder: { type: 'mlp', hidden: [8], activation: 'sigmoid' },
      decoder: { type: 'mlp', hidden: [] },
    },
  },
  {
    name: 'CVAE 12-16-3, 5 classes, ReLU, Bernoulli',
    config: {
      kind: 'cvae',
      inputShape: [12],
      latentDim: 3,
      numClasses: 5,
      encoder: { type: 'mlp', hidden: [16] },
    },
  },
  {
    name: 'conv VAE 28×28×1, channels [8, 16], dense [32], sub-pixel upsampling',
    config: {
      kind: 'vae',
      inputShape: [28, 28, 1],
      latentDim: 4,
      encoder: { type: 'conv', channels: [8, 16], hidden: [32] },
    },
  },
  {
    name: 'conv AE 12×8×3, channels [4, 6], kernel 4, transposed upsampling, LeakyReLU',
    config: {
      kind: 'ae',
      inputShape: [12, 8, 3],
      latentDim: 5,
      encoder: { type: 'conv', channels: [4, 6], kernel: 4, activation: 'leakyRelu' },
      decoder: {
        type: 'conv',
        channels: [6, 4],
        kernel: 4,
        activation: 'leakyRelu',
        upsample: 'transpose',
      },
      likelihood: 'gaussian',
    },
  },
  {
    name: 'conv CVAE 9×9×2, 3 classes: odd input, encoder stride 2, decoder kernel 2 < stride 3',
    config: {
      kind: 'cvae',
      inputShape: [9, 9, 2],
      latentDim: 2,
      numClasses: 3,
      encoder: { type: 'conv', channels: [3], stride: 2, kernel: 3, hidden: [6] },
      decoder: { type: 'conv', channels: [5], stride: 3, kernel: 2, upsample: 'transpose' },
    },
  },
];

/** Seeded uniform numbers in [lo, hi) (mulberry32), for fixed test inputs. */
export function seededUniform(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
  }
  return out;
}

/** `[N, H, W, C]` row-major data as `[N, C, H, W]`. */
export function nhwcToNchw(data: ArrayLike<number>, n: number, h: number, w: number, c: number) {
  const out = new Float32Array(n * h * w * c);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let k = 0; k < c; k++) {
          out[((b * c + k) * h + y) * w + x] = data[((b * h + y) * w + x) * c + k]!;
        }
      }
    }
  }
  return out;
}
