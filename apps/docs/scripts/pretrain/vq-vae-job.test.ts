/**
 * The VQ-VAE job's helpers, and its committed files: the codebook and EMA state stored as F32,
 * the rest as F16, and the recorded scores reproduced from the files on the shipped subset.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMnistSync } from '@latentkit/datasets/node';
import { createModel, priorNll } from '@latentkit/models';
import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, MODEL_FILES } from '../../demos/common/asset-files.js';
import { MNIST_SUBSET_SIZE } from '../../demos/common/mnist-subset.js';
import type { ModelManifest } from '../../demos/common/model-manifest.js';
import { pretrainedFromBytes } from '../../demos/common/pretrained-model.js';
import { priorFromBytes } from '../../demos/vq-vae/code-prior.js';
import { codeUsage, normalizedMse, reconstructThroughCodes } from '../../demos/vq-vae/vq-codes.js';
import { quantizerStateNames, VQ_VAE_TRAINING, vqVaeJob } from './vq-vae-job.js';
import { seesWholePast, VQ_VAE_PRIOR_TRAINING, vqVaePriorJob } from './vq-vae-prior-job.js';

const MODELS = join(import.meta.dirname, '../../assets/models');
const bytesOf = (file: string) => new Uint8Array(readFileSync(join(MODELS, file)));

/** The dtypes in a safetensors header, read by hand (8-byte length, then JSON). */
function headerDtypes(bytes: Uint8Array): Record<string, string> {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Record<
    string,
    { dtype: string }
  >;
  return Object.fromEntries(
    Object.entries(header)
      .filter(([k]) => k !== '__metadata__')
      .map(([k, v]) => [k, v.dtype]),
  );
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('VQ-VAE pretraining job', () => {
  it('the prior job reads the VQ-VAE and classifier files; quantizer state names are the codebook and EMA tensors', () => {
    expect(vqVaeJob.dependsOn).toBeUndefined();
    expect(vqVaePriorJob.dependsOn).toEqual(['classifier', 'vqVae']);
    // The receptive field on the 7 × 7 grid (checked on the network in @latentkit/models).
    const shape = { filters: 64, kernelSize: 3, kernelWidth: 13, residualBlocks: 5 };
    expect(seesWholePast(shape)).toBe(true);
    expect(seesWholePast({ ...shape, residualBlocks: 4 })).toBe(false);
    expect(seesWholePast({ ...shape, kernelWidth: 11 })).toBe(false);
    expect(seesWholePast({ filters: 64, kernelSize: 5, residualBlocks: 2 })).toBe(false);
    const model = createModel(
      {
        kind: 'vqvae',
        inputShape: [28, 28, 1],
        latentDim: 4,
        encoder: { type: 'conv', channels: [4, 8] },
        outputStd: 0.3,
        quantizer: { type: 'ema', numCodes: 8 },
      },
      { seed: 0 },
    );
    const names = quantizerStateNames(model);
    const all = Object.keys(model.store.toRecord());
    model.dispose();
    expect(names.some((n) => n.endsWith('.codebook'))).toBe(true);
    expect(names.some((n) => n.endsWith('.ema_cluster_size'))).toBe(true);
    expect(names.some((n) => n.endsWith('.ema_embed_sum'))).toBe(true);
    expect(names.length).toBe(3);
    expect(all.filter((n) => !names.includes(n)).every((n) => !/codebook|ema_/.test(n))).toBe(true);
  });

  it('the committed files: F32 quantizer state, F16 weights, scores reproduced on the subset', async () => {
    const manifest = JSON.parse(readFileSync(join(MODELS, MANIFEST_FILE), 'utf8')) as ModelManifest;
    const vqBytes = bytesOf(MODEL_FILES.vqVae);
    const { model, training } = pretrainedFromBytes(vqBytes);
    expect(training).toEqual(manifest.models.vqVae!.training);
    const kept = (training.extra as { f32Params: string[] }).f32Params;
    expect(kept).toEqual(quantizerStateNames(model));
    for (const [name, dtype] of Object.entries(headerDtypes(vqBytes))) {
      expect(dtype, name).toBe(kept.includes(name) ? 'F32' : 'F16');
    }
    expect(training.epochs).toBe(VQ_VAE_TRAINING.epochs);

    const { test } = loadMnistSync();
    const n = MNIST_SUBSET_SIZE;
    const images = test.images.subarray(0, n * 784);
    const r = await reconstructThroughCodes(model, images, n);
    const variance = (training.extra as { variance: number }).variance;
    expect(normalizedMse(images, r.images, variance)).toBeCloseTo(
      training.scores.subsetTestNmse!,
      4,
    );
    const usage = codeUsage(r.codes, 128);
    expect(usage.usage).toBeCloseTo(training.scores.subsetTestUsage!, 4);
    expect(usage.perplexity).toBeCloseTo(training.scores.subsetTestPerplexity!, 2);
    model.dispose();

    const { prior, training: priorTraining } = priorFromBytes(bytesOf(MODEL_FILES.vqVaePrior));
    expect(priorTraining).toEqual(manifest.models.vqVaePrior!.training);
    expect(priorTraining.epochs).toBe(VQ_VAE_PRIOR_TRAINING.epochs);
    expect(prior.config).toMatchObject(VQ_VAE_PRIOR_TRAINING.config);
    // The subset is 1/5 of the test grids: its NLL is close to the recorded full-test figure.
    const bits = priorNll(prior, r.codes).bitsPerCode;
    expect(Math.abs(bits - priorTraining.scores.testBitsPerCode!)).toBeLessThan(0.15);
    expect(bits).toBeLessThan(6); // uniform codes: 7 bits
    prior.dispose();
  });
});
