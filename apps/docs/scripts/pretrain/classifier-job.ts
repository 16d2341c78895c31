import { outlierImages } from '@latentkit/datasets';
import {
  categoricalCrossEntropy,
  createAdam,
  createRng,
  runTrainingLoopSync,
  tf,
  valueAndParamGrads,
} from '@latentkit/tensor';
import { MODEL_FILES } from '../../demos/common/asset-files.js';
import {
  type ClassifierConfig,
  classifyImages,
  createMnistClassifier,
  type MnistClassifier,
} from '../../demos/common/mnist-classifier.js';
import { MNIST_SUBSET_SIZE } from '../../demos/common/mnist-subset.js';
import type { TrainingMetadata } from '../../demos/common/training-metadata.js';
import { roundStoreToHalf } from './half-precision-weights.js';
import { round } from './model-job.js';
import type { PretrainJob } from './pretrain-job.js';
import { environment, savePretrained } from './save-pretrained.js';

/** The classifier: 784 → 128 ReLU → 10. */
export const CLASSIFIER_CONFIG: ClassifierConfig = {
  kind: 'mlp-classifier',
  inputSize: 784,
  hidden: [128],
  numClasses: 10,
};

const SEED = 3;
const EPOCHS = 6;
const BATCH = 128;
const LR = 1e-3;
/**
 * Weight of the outlier-exposure term (as the bench's `vqvae` judge): each batch also gets as many
 * non-digits (see `outlierImages`), pushed towards the uniform distribution, so that a high
 * top-class probability means "reads as a digit" (without it the classifier rated decoded grids of
 * random VQ-VAE codes 0.86, above the prior's samples).
 */
export const OUTLIER_WEIGHT = 0.5;

/** Fraction of `images` the classifier labels as `labels` (batches of 1000). */
export function accuracy(
  classifier: MnistClassifier,
  images: Uint8Array,
  labels: Uint8Array,
  n: number,
): number {
  let correct = 0;
  for (let start = 0; start < n; start += 1000) {
    const m = Math.min(1000, n - start);
    const { labels: predicted } = classifyImages(
      classifier,
      images.subarray(start * 784, (start + m) * 784),
      m,
    );
    for (let i = 0; i < m; i++) if (predicted[i] === labels[start + i]) correct++;
  }
  return correct / n;
}

/**
 * The digit classifier the CVAE demo and the browser tests use to recognise generated digits:
 * an MLP of `@latentkit/tensor` dense layers trained with cross-entropy and Adam on the 60000
 * MNIST training images (grey levels / 255), seeded shuffles, plus an outlier-exposure term
 * ({@link OUTLIER_WEIGHT}) on seeded non-digits built from training digits.
 */
export const classifierJob: PretrainJob = {
  id: 'classifier',
  description: 'MNIST digit classifier, MLP 784-128-10 (recognises generated digits)',
  async run(context) {
    const { train, test } = context.mnist();
    const classifier = createMnistClassifier(CLASSIFIER_CONFIG, SEED);
    const optimizer = createAdam({ learningRate: LR });
    const lossPerEpoch: number[] = [];
    const outlierRng = createRng(SEED).fork('outliers');
    const t0 = performance.now();
    try {
      const { steps } = runTrainingLoopSync({
        numRows: train.count,
        batchSize: BATCH,
        epochs: EPOCHS,
        seed: SEED,
        step({ indices: idx }) {
          const x = new Float32Array(idx.length * 784);
          const y = new Int32Array(idx.length);
          idx.forEach((row, i) => {
            for (let j = 0; j < 784; j++) x[i * 784 + j] = train.images[row * 784 + j]! / 255;
            y[i] = train.labels[row]!;
          });
          const outliers = outlierImages(train.images, train.count, idx.length, outlierRng);
          const { value, grads } = valueAndParamGrads(classifier.store, () =>
            tf.tidy(() => {
              const digits = categoricalCrossEntropy(
                classifier.logits(tf.tensor2d(x, [idx.length, 784])),
                y,
              );
              const exposure = categoricalCrossEntropy(
                classifier.logits(tf.tensor2d(outliers, [idx.length, 784])),
                tf.fill([idx.length, 10], 0.1),
              );
              return tf.add(digits, tf.mul(exposure, OUTLIER_WEIGHT)) as tf.Scalar;
            }),
          );
          optimizer.step(grads, classifier.store);
          tf.dispose(grads);
          const loss = value.dataSync()[0]!;
          value.dispose();
          return [loss];
        },
        valueName: 'classifier loss',
        onEpoch({ epoch, means }) {
          lossPerEpoch.push(round(means[0]!, 4));
          context.log(
            `classifier: epoch ${epoch + 1}/${EPOCHS} loss ${means[0]!.toFixed(4)} nats ` +
              `(cross-entropy + ${OUTLIER_WEIGHT} × outlier term)`,
          );
        },
      });
      const trainSeconds = (performance.now() - t0) / 1000;
      roundStoreToHalf(classifier.store);
      const testAccuracy = accuracy(classifier, test.images, test.labels, test.count);
      const subsetAccuracy = accuracy(classifier, test.images, test.labels, MNIST_SUBSET_SIZE);
      context.log(`classifier: test accuracy ${(100 * testAccuracy).toFixed(2)} %`);
      const training: TrainingMetadata = {
        id: 'classifier',
        title: 'MNIST digit classifier (MLP 784-128-10, ReLU)',
        data:
          'MNIST training images 0–59999, grey levels / 255, cross-entropy, Adam; outlier ' +
          `exposure (weight ${OUTLIER_WEIGHT}): as many non-digits per batch (shuffled pixels of a ` +
          'digit, or the pixelwise max of two) trained towards the uniform distribution',
        seed: SEED,
        epochs: EPOCHS,
        batchSize: BATCH,
        lr: LR,
        steps,
        trainSeconds: round(trainSeconds, 1),
        lossPerEpoch,
        weightDtype: 'F16',
        scores: {
          testAccuracy: round(testAccuracy, 4),
          subsetTestAccuracy: round(subsetAccuracy, 4),
        },
        scoreNotes: {
          testAccuracy: 'fraction of the 10000 MNIST test images classified correctly',
          subsetTestAccuracy: `the same on the shipped subset (test images 0–${MNIST_SUBSET_SIZE - 1})`,
        },
        environment: environment(context.backend.name),
      };
      const entry = await savePretrained(context, {
        file: MODEL_FILES.classifier,
        store: classifier.store,
        config: CLASSIFIER_CONFIG,
        training,
      });
      return { models: { classifier: entry } };
    } finally {
      optimizer.dispose();
      classifier.dispose();
    }
  },
};
