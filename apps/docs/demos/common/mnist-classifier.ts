import { safetensorsToRecord } from '@latentkit/models';
import {
  createParamStore,
  dense,
  InvalidArgumentError,
  type Layer,
  type ParamStore,
  type SeedLike,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { parseTrainingMetadata, type TrainingMetadata } from './training-metadata.js';

/** Plain-data description of the digit classifier (stored in its file as `config`). */
export interface ClassifierConfig {
  /** Always `'mlp-classifier'`. */
  kind: 'mlp-classifier';
  /** Input width (784 for MNIST). */
  inputSize: number;
  /** Hidden layer widths (ReLU). */
  hidden: number[];
  /** Number of classes (10). */
  numClasses: number;
}

/**
 * An MLP classifier made of `@latentkit/tensor` dense layers: `fc1 … fcK` (ReLU) then `out`
 * (logits). Inputs are intensities in [0, 1], `[n, inputSize]`.
 */
export interface MnistClassifier {
  /** Its configuration. */
  readonly config: ClassifierConfig;
  /** Its parameters. */
  readonly store: ParamStore;
  /** Logits `[n, numClasses]` (the caller disposes them). */
  logits(x: tf.Tensor): tf.Tensor;
  /** Frees the parameters. */
  dispose(): void;
}

/** What {@link classifyImages} returns. */
export interface Classification {
  /** Predicted class per image. */
  labels: Uint8Array;
  /** Softmax probability of the predicted class per image. */
  confidence: Float32Array;
}

function checkConfig(config: ClassifierConfig): void {
  const ok =
    config !== null &&
    typeof config === 'object' &&
    config.kind === 'mlp-classifier' &&
    Number.isInteger(config.inputSize) &&
    config.inputSize > 0 &&
    Number.isInteger(config.numClasses) &&
    config.numClasses > 1 &&
    Array.isArray(config.hidden) &&
    config.hidden.every((h) => Number.isInteger(h) && h > 0);
  if (!ok) {
    throw new InvalidArgumentError(
      'config',
      "must be { kind: 'mlp-classifier', inputSize, hidden: number[], numClasses > 1 }",
    );
  }
}

/**
 * Creates the classifier with PyTorch-default initialization drawn from `seed`.
 *
 * @param config - See {@link ClassifierConfig}.
 * @param seed - Seed of the initial weights.
 * @throws {@link InvalidArgumentError} for a bad config.
 */
export function createMnistClassifier(config: ClassifierConfig, seed: SeedLike): MnistClassifier {
  checkConfig(config);
  const store = createParamStore();
  const layers: Layer[] = [];
  let width = config.inputSize;
  config.hidden.forEach((h, i) => {
    layers.push(
      dense(store, `fc${i + 1}`, { inFeatures: width, outFeatures: h, activation: 'relu', seed }),
    );
    width = h;
  });
  layers.push(dense(store, 'out', { inFeatures: width, outFeatures: config.numClasses, seed }));
  return {
    config: { ...config, hidden: [...config.hidden] },
    store,
    logits(x: tf.Tensor): tf.Tensor {
      if (x.rank !== 2 || x.shape[1] !== config.inputSize) {
        throw new ShapeError(
          `classifier input must be [n, ${config.inputSize}], got [${x.shape.join(', ')}]`,
          [null, config.inputSize],
          x.shape,
        );
      }
      return tf.tidy(() => layers.reduce((h, layer) => layer.apply(h), x));
    },
    dispose: () => store.dispose(),
  };
}

/**
 * Loads the pretrained classifier from its safetensors bytes.
 *
 * @param bytes - The file `mnist-classifier.safetensors`.
 * @returns The classifier and its training record.
 * @throws `SafetensorsError` for a corrupt file; {@link InvalidArgumentError} for a file that
 *   does not hold a classifier; `ShapeError` for tensors of the wrong shape.
 */
export function classifierFromBytes(bytes: Uint8Array): {
  classifier: MnistClassifier;
  training: TrainingMetadata;
} {
  const { record, metadata, config } = safetensorsToRecord(bytes);
  const training = parseTrainingMetadata(metadata);
  const classifier = createMnistClassifier(config as ClassifierConfig, 0);
  try {
    classifier.store.loadRecord(record);
  } catch (error) {
    classifier.dispose();
    throw error;
  }
  return { classifier, training };
}

/**
 * Classifies `n` images.
 *
 * @param classifier - The classifier.
 * @param images - `n × inputSize` intensities in [0, 1] (Float32Array) or grey levels 0–255
 *   (Uint8Array, scaled by 1/255).
 * @param n - Number of images.
 * @throws {@link ShapeError} when `images` does not hold `n` rows.
 */
export function classifyImages(
  classifier: MnistClassifier,
  images: Float32Array | Uint8Array,
  n: number,
): Classification {
  const d = classifier.config.inputSize;
  if (!Number.isInteger(n) || n < 1 || images.length !== n * d) {
    throw new ShapeError(
      `expected ${n} rows of ${d} values, got ${images.length}`,
      [n, d],
      [images.length],
    );
  }
  const x = images instanceof Uint8Array ? Float32Array.from(images, (v) => v / 255) : images;
  const probs = tf.tidy(() => tf.softmax(classifier.logits(tf.tensor2d(x, [n, d]))));
  const p = probs.dataSync();
  probs.dispose();
  const k = classifier.config.numClasses;
  const labels = new Uint8Array(n);
  const confidence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + best]!) best = c;
    labels[i] = best;
    confidence[i] = p[i * k + best]!;
  }
  return { labels, confidence };
}
