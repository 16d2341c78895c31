import { describe, expect, it } from 'vitest';
import { isModelManifest, type ModelManifest, renderPretrainedBody } from './pretrained-page.js';

const manifest: ModelManifest = {
  version: 1,
  command: 'npx tsx apps/docs/scripts/pretrain/main.ts',
  jobSeconds: { classifier: 40 },
  machine: { cores: 2, node: 'v20.20.2', platform: 'linux-x64' },
  models: {
    classifier: {
      file: 'mnist-classifier.safetensors',
      bytes: 204_676,
      sha256: 'ab',
      parameters: 101_770,
      training: {
        id: 'classifier',
        title: 'MNIST digit classifier',
        data: 'MNIST train | grey levels',
        seed: 3,
        epochs: 6,
        batchSize: 128,
        lr: 0.001,
        steps: 2814,
        trainSeconds: 38.5,
        lossPerEpoch: [0.4, 0.2],
        weightDtype: 'F16',
        scores: { testAccuracy: 0.9735 },
        scoreNotes: { testAccuracy: 'fraction of the 10000 test images' },
        environment: { node: 'v20.20.2', backend: 'wasm', latentkit: '0.1.0' },
      },
    },
  },
  data: {
    trainImages: { file: 'train.gz', bytes: 2048, sha256: 'cd', description: 'images 0–1999' },
  },
  extras: {},
};

describe('renderPretrainedBody', () => {
  it('says so when there is no manifest', () => {
    expect(renderPretrainedBody(undefined)).toContain('No pretrained models in this build');
  });

  it('lists every model with its training record and scores, and the data files', () => {
    const md = renderPretrainedBody(manifest);
    expect(md).toContain('npx tsx apps/docs/scripts/pretrain/main.ts');
    expect(md).toContain('### MNIST digit classifier');
    expect(md).toContain(
      '`models/mnist-classifier.safetensors` · 199.9 KiB · 101,770 parameters (F16) · seed 3 · ' +
        '6 epochs (2814 steps of 128, Adam lr 0.001) · trained in 39 s',
    );
    expect(md).toContain('| `testAccuracy` | 0.9735 | fraction of the 10000 test images |');
    expect(md).toContain('Data: MNIST train | grey levels.');
    expect(md).toContain('| `data/train.gz` | 2.0 KiB | images 0–1999 |');
  });

  it('recognises manifests', () => {
    expect(isModelManifest(manifest)).toBe(true);
    expect(isModelManifest({ models: {} })).toBe(false);
    expect(isModelManifest(null)).toBe(false);
  });
});
