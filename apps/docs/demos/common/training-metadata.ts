import { InvalidArgumentError } from '@latentkit/tensor';

/**
 * `__metadata__` key of the training record in the pretrained safetensors files (beside the
 * model configuration under `config`).
 */
export const TRAINING_METADATA_KEY = 'latentkit.training';

/** How a pretrained model was made and what it scored; stored as JSON in its file. */
export interface TrainingMetadata {
  /** Id of the model (a key of `MODEL_FILES`). */
  id: string;
  /** Human-readable description. */
  title: string;
  /** Data it was trained on, e.g. `'MNIST train[0:55000], grey levels / 255'`. */
  data: string;
  /** Seed of initialization, shuffling and ε. */
  seed: number;
  /** Epochs trained. */
  epochs: number;
  /** Examples per step. */
  batchSize: number;
  /** Adam's learning rate. */
  lr: number;
  /** Objective options (β, capacity …), if any. */
  objective?: Record<string, unknown>;
  /** Optimizer steps. */
  steps: number;
  /** Wall-clock seconds of training (evaluation excluded). */
  trainSeconds: number;
  /** Train loss (objective, nats per example) after each epoch. */
  lossPerEpoch: number[];
  /** Storage dtype of the weights (`'F16'`: rounded from the float32 training result). */
  weightDtype: 'F16' | 'F32';
  /**
   * Scores of the stored (rounded) weights, by name: e.g. `testNegElbo` (nats per example),
   * `mig`, `testAccuracy`. Every score says what it was computed on in `scoreNotes`.
   */
  scores: Record<string, number>;
  /** What each score was computed on, by score name. */
  scoreNotes: Record<string, string>;
  /** Extra data a demo needs (e.g. KL per latent dimension), JSON-serializable. */
  extra?: Record<string, unknown>;
  /** Versions: Node, backend. */
  environment: { node: string; backend: string; latentkit: string };
}

/**
 * Reads the {@link TrainingMetadata} of a pretrained file's `__metadata__`.
 *
 * @param metadata - The file's metadata strings (from `safetensorsToRecord`).
 * @returns The parsed record.
 * @throws {@link InvalidArgumentError} when the key is missing or does not hold a JSON object
 *   with an `id`, a numeric `seed` and a `scores` object.
 */
export function parseTrainingMetadata(metadata: Record<string, string>): TrainingMetadata {
  const text = Object.hasOwn(metadata, TRAINING_METADATA_KEY)
    ? metadata[TRAINING_METADATA_KEY]
    : undefined;
  if (text === undefined) {
    throw new InvalidArgumentError('metadata', `has no '${TRAINING_METADATA_KEY}' entry`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError('metadata', `'${TRAINING_METADATA_KEY}' is not valid JSON`);
  }
  const v = value as Partial<TrainingMetadata> | null;
  if (
    v === null ||
    typeof v !== 'object' ||
    typeof v.id !== 'string' ||
    typeof v.seed !== 'number' ||
    typeof v.scores !== 'object' ||
    v.scores === null
  ) {
    throw new InvalidArgumentError(
      'metadata',
      `'${TRAINING_METADATA_KEY}' must be an object with id, seed and scores`,
    );
  }
  return v as TrainingMetadata;
}
