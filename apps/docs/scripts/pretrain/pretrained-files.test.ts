/**
 * The committed pretrained files: each loads with @latentkit/models (or, for the classifier,
 * the demos' tensor-layer MLP), matches its manifest entry, and reproduces the scores recorded
 * when it was trained — recomputed here with the library's own functions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDsprites } from '@latentkit/datasets';
import { loadMnistSync } from '@latentkit/datasets/node';
import {
  computeMig,
  dspritesFactorSource,
  evaluateElbo,
  type ModelData,
  sampleModel,
} from '@latentkit/models';
import { floatVaeFromModel } from '@latentkit/quantize';
import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, MODEL_FILES } from '../../demos/common/asset-files.js';
import { classifierFromBytes, classifyImages } from '../../demos/common/mnist-classifier.js';
import type { ModelManifest } from '../../demos/common/model-manifest.js';
import { pretrainedFromBytes } from '../../demos/common/pretrained-model.js';
import { reconstructionErrors } from '../../demos/hardware/hardware-model.js';
import { irisRows } from '../../demos/hardware/iris-setup.js';
import { DSPRITES_RESOLUTION, dspritesSplitIndices, renderSpriteRows } from './beta-vae-job.js';
import { sha256Hex } from './save-pretrained.js';

const MODELS = join(import.meta.dirname, '../../assets/models');
const manifest = JSON.parse(readFileSync(join(MODELS, MANIFEST_FILE), 'utf8')) as ModelManifest;
const bytesOf = (file: string) => new Uint8Array(readFileSync(join(MODELS, file)));
const mnist = loadMnistSync();
const test = (labels: boolean, n = mnist.test.count): ModelData => ({
  x: mnist.test.images.subarray(0, n * 784),
  n,
  ...(labels ? { labels: mnist.test.labels.subarray(0, n) } : {}),
});

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('pretrained files', () => {
  it('every model of MODEL_FILES is in the manifest, with the right size, hash and record', () => {
    for (const [id, file] of Object.entries(MODEL_FILES)) {
      const entry = manifest.models[id];
      expect(entry, id).toBeDefined();
      const bytes = bytesOf(file);
      expect(entry!.file).toBe(file);
      expect(entry!.bytes).toBe(bytes.length);
      expect(entry!.sha256).toBe(sha256Hex(bytes));
    }
    // The models ship in the repository and the site: 5 MiB in all (4 MiB before the 96-filter
    // prior, 1.5 MiB at F16, which the VQ-VAE page loads after its first output).
    const total = Object.values(manifest.models).reduce((s, m) => s + m.bytes, 0);
    expect(total).toBeLessThan(5 * 1024 * 1024);
  });

  it('latent2d and cvae reproduce their test −ELBO (full test set and shipped subset)', () => {
    for (const id of ['latent2d', 'cvae'] as const) {
      const { model, training } = pretrainedFromBytes(bytesOf(MODEL_FILES[id]));
      expect(training).toEqual(manifest.models[id]!.training);
      const cond = id === 'cvae';
      const full = evaluateElbo(model, test(cond), { seed: 0 });
      const subset = evaluateElbo(model, test(cond, 2000), { seed: 0 });
      expect(full.negElbo).toBeCloseTo(training.scores.testNegElbo!, 2);
      expect(subset.negElbo).toBeCloseTo(training.scores.subsetTestNegElbo!, 2);
      model.dispose();
    }
  });

  it('the classifier reproduces its test accuracy; the CVAE its sample accuracy', () => {
    const { classifier, training } = classifierFromBytes(bytesOf(MODEL_FILES.classifier));
    const { labels } = classifyImages(classifier, mnist.test.images, mnist.test.count);
    const acc = labels.filter((l, i) => l === mnist.test.labels[i]).length / mnist.test.count;
    expect(acc).toBeCloseTo(training.scores.testAccuracy!, 3);
    expect(acc).toBeGreaterThan(0.95);
    const cvae = pretrainedFromBytes(bytesOf(MODEL_FILES.cvae));
    let agree = 0;
    for (let d = 0; d < 10; d++) {
      const t = sampleModel(cvae.model, 100, { seed: 1000 + d, label: d });
      const imgs = t.dataSync() as Float32Array;
      t.dispose();
      agree += classifyImages(classifier, imgs, 100).labels.filter((l) => l === d).length;
    }
    expect(agree / 1000).toBeCloseTo(cvae.training.scores.sampleAccuracy!, 3);
    expect(agree).toBeGreaterThanOrEqual(800); // what the browser test asks of 10 samples
    cvae.model.dispose();
    classifier.dispose();
  });

  it('the β-VAE reproduces its MIG and test −ELBO on the procedural sprites', async () => {
    const { model, training } = pretrainedFromBytes(bytesOf(MODEL_FILES.betaVae));
    const mig = await computeMig(
      dspritesFactorSource(model, { renderDsprites, resolution: DSPRITES_RESOLUTION }),
      { seed: 0 },
    );
    expect(mig.mig).toBeCloseTo(training.scores.mig!, 3);
    const indices = dspritesSplitIndices().test;
    const e = evaluateElbo(model, { x: renderSpriteRows(indices), n: indices.length }, { seed: 0 });
    expect(e.negElbo).toBeCloseTo(training.scores.testNegElbo!, 2);
    model.dispose();
  });

  it('the Iris VAE reproduces its −ELBO and quantized reconstruction errors', () => {
    const { model, training } = pretrainedFromBytes(bytesOf(MODEL_FILES.irisVae));
    const rows = irisRows();
    const e = evaluateElbo(model, { x: rows.test }, { seed: 0 });
    expect(e.negElbo).toBeCloseTo(training.scores.testNegElbo!, 3);
    const report = reconstructionErrors(
      floatVaeFromModel(model.config, model.store.toRecord()),
      rows,
      [8, 12, 16],
    );
    expect(report.float.mse).toBeCloseTo(training.scores.testMseFloat!, 5);
    for (const entry of report.entries) {
      expect(entry.mse).toBeCloseTo(training.scores[`testMse${entry.bits}bit`]!, 5);
    }
    model.dispose();
  });
});
