import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../demos/common/model-manifest.js';
import type { TrainingMetadata } from '../../demos/common/training-metadata.js';
import { renderModelsReadme } from './render-models-readme.js';

const training = (id: string, scores: Record<string, number>): TrainingMetadata => ({
  id,
  title: `${id} title`,
  data: 'some data',
  seed: 1,
  epochs: 2,
  batchSize: 128,
  lr: 0.001,
  steps: 10,
  trainSeconds: 12.5,
  lossPerEpoch: [3, 2],
  weightDtype: 'F16',
  scores,
  scoreNotes: Object.fromEntries(Object.keys(scores).map((k) => [k, `note of ${k}`])),
  environment: { node: 'v20', backend: 'wasm', latentkit: 'x' },
});

const manifest: ModelManifest = {
  version: 1,
  command: 'pnpm --filter @latentkit/docs exec tsx scripts/pretrain/main.ts',
  jobSeconds: { classifier: 40, betaVae: 100.4 },
  machine: { cores: 2, node: 'v20.19.0', platform: 'linux-x64' },
  models: {
    classifier: {
      file: 'c.safetensors',
      bytes: 2048,
      sha256: 'ab',
      parameters: 101770,
      training: training('classifier', { testAccuracy: 0.9735 }),
    },
    betaVae: {
      file: 'b.safetensors',
      bytes: 4096,
      sha256: 'cd',
      parameters: 5,
      training: training('betaVae', { testNegElbo: 60.1234, mig: 0.0571 }),
    },
  },
  data: {
    testImages: { file: 't.gz', bytes: 1024 * 300, sha256: 'ef', description: 'test images' },
  },
  extras: {
    irisVae: { synthesis: [{ bits: 8, luts: 500, ffs: 600, dsp: 7, bram36: 5, seconds: 20 }] },
  },
};

describe('renderModelsReadme', () => {
  const text = renderModelsReadme(manifest);

  it('says how to regenerate, and a single job', () => {
    expect(text).toContain(manifest.command);
    expect(text).toContain(`${manifest.command} --only cvae`);
    expect(text).toContain('took 140 s in total on 2 cores');
    expect(text).not.toContain('load average');
    const loaded = renderModelsReadme({
      ...manifest,
      machine: { ...manifest.machine, loadAverage: 10.9 },
    });
    expect(loaded).toContain('load average 10.9 at the end');
  });

  it('lists each model with its headline score and every score with its note', () => {
    expect(text).toContain(
      '| `classifier` | `c.safetensors` | 2 KiB | 101,770 | 1 | 2 | 12.5 | test accuracy 97.35 % |',
    );
    expect(text).toContain('MIG 0.0571');
    expect(
      renderModelsReadme({
        ...manifest,
        models: {
          x: { ...manifest.models.classifier!, training: training('x', { testNegElbo: 136.5614 }) },
        },
      }),
    ).toContain('test −ELBO 136.56 nats');
    expect(text).toContain('| testNegElbo | 60.1234 | note of testNegElbo |');
    expect(text).toContain('| `t.gz` | 300 KiB | test images |');
    expect(text).toContain('Total with the data files: 0.30 MiB.');
  });

  it('renders synthesis extras only for the job that has them', () => {
    const withIris = renderModelsReadme({
      ...manifest,
      models: {
        ...manifest.models,
        irisVae: {
          ...manifest.models.classifier!,
          training: training('irisVae', { testMseFloat: 0.05 }),
        },
      },
    });
    expect(withIris).toContain('| 8 | 500 | 600 | 7 | 5 | 20 |');
    expect(text).not.toContain('| 8 | 500 |');
  });
});
