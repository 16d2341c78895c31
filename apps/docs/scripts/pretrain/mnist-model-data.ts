import type { MnistSplit } from '@latentkit/datasets';
import { evaluateElbo, type Model, type ModelData } from '@latentkit/models';
import { MNIST_SUBSET_SIZE } from '../../demos/common/mnist-subset.js';
import type { ExtraScores, ModelJobData } from './model-job.js';
import { round } from './model-job.js';
import type { PretrainContext } from './pretrain-job.js';

/** Images `start … start + count − 1` of a split as model data (views, no copy). */
export function mnistRows(
  split: MnistSplit,
  start: number,
  count: number,
  labels: boolean,
): ModelData {
  return {
    x: split.images.subarray(start * 784, (start + count) * 784),
    n: count,
    ...(labels ? { labels: split.labels.subarray(start, start + count) } : {}),
  };
}

/** All 60000 training images for training, the 10000 test images for the test score. */
export function fullMnist(context: PretrainContext, labels: boolean): ModelJobData {
  const { train, test } = context.mnist();
  return {
    train: mnistRows(train, 0, train.count, labels),
    test: mnistRows(test, 0, test.count, labels),
    trainNote: `MNIST training images 0–${train.count - 1}, grey levels / 255 (not binarized)`,
    testNote: `the ${test.count} MNIST test images`,
  };
}

/**
 * The test negative ELBO on the shipped subset (test images 0–1999), which the demos' tests can
 * reproduce without the full data set.
 */
export function subsetElbo(context: PretrainContext, model: Model, labels: boolean): ExtraScores {
  const e = evaluateElbo(model, mnistRows(context.mnist().test, 0, MNIST_SUBSET_SIZE, labels), {
    seed: 0,
  });
  return {
    scores: { subsetTestNegElbo: round(e.negElbo, 4) },
    notes: {
      subsetTestNegElbo: `negative ELBO on the shipped subset (MNIST test images 0–${MNIST_SUBSET_SIZE - 1}), seed 0`,
    },
  };
}
