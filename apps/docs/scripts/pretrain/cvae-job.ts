import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Model, sampleModel } from '@latentkit/models';
import { MODEL_FILES } from '../../demos/common/asset-files.js';
import { classifierFromBytes, classifyImages } from '../../demos/common/mnist-classifier.js';
import { fullMnist, subsetElbo } from './mnist-model-data.js';
import { modelJob, round } from './model-job.js';
import type { PretrainContext } from './pretrain-job.js';

/** Samples per digit in the CVAE's recognition score. */
const PER_DIGIT = 100;

/**
 * Generates {@link PER_DIGIT} samples of each digit (z ~ N(0, I) with seed 1000 + digit, decoded
 * to E[x|z, digit]) and returns the fraction the pretrained classifier labels as the digit asked
 * for, overall and per digit.
 */
export function cvaeSampleAccuracy(
  context: PretrainContext,
  model: Model,
): { overall: number; perDigit: number[] } {
  const bytes = readFileSync(join(context.modelsDir, MODEL_FILES.classifier));
  const { classifier } = classifierFromBytes(new Uint8Array(bytes));
  try {
    const perDigit: number[] = [];
    for (let digit = 0; digit < 10; digit++) {
      const t = sampleModel(model, PER_DIGIT, { seed: 1000 + digit, label: digit });
      const images = t.dataSync() as Float32Array;
      t.dispose();
      const { labels } = classifyImages(classifier, images, PER_DIGIT);
      perDigit.push(labels.filter((l) => l === digit).length / PER_DIGIT);
    }
    return { overall: perDigit.reduce((a, b) => a + b, 0) / 10, perDigit };
  } finally {
    classifier.dispose();
  }
}

/**
 * The CVAE demo's model: (784 + one-hot label) → 256 ReLU → 2-D latent; (2 + label) → 256 ReLU
 * → 784. A 2-D code leaves the digit's identity to the label (see apps/bench's cvae suite).
 */
export const cvaeJob = modelJob({
  id: 'cvae',
  file: MODEL_FILES.cvae,
  title: 'Conditional VAE on MNIST (MLP (784+10)-256-2, Bernoulli decoder)',
  config: {
    kind: 'cvae',
    inputShape: [784],
    latentDim: 2,
    numClasses: 10,
    encoder: { type: 'mlp', hidden: [256], activation: 'relu' },
  },
  seed: 2,
  epochs: 6,
  batchSize: 128,
  lr: 1e-3,
  dependsOn: ['classifier'],
  data: (context) => fullMnist(context, true),
  async score(context, model) {
    const subset = subsetElbo(context, model, true);
    const acc = cvaeSampleAccuracy(context, model);
    context.log(
      `cvae: classifier agrees with the label on ${(100 * acc.overall).toFixed(1)} % of samples`,
    );
    return {
      scores: { ...subset.scores, sampleAccuracy: round(acc.overall, 4) },
      notes: {
        ...subset.notes,
        sampleAccuracy: `fraction of ${10 * PER_DIGIT} generated digits (${PER_DIGIT} per label, z ~ N(0, I) with seed 1000 + label) that the pretrained classifier labels as the requested digit`,
      },
      extra: { sampleAccuracyPerDigit: acc.perDigit.map((v) => round(v, 3)) },
    };
  },
});
