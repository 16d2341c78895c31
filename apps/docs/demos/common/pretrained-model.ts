import { createModel, type Model, type ModelConfig, safetensorsToRecord } from '@latentkit/models';
import { InvalidArgumentError } from '@latentkit/tensor';
import { parseTrainingMetadata, type TrainingMetadata } from './training-metadata.js';

/** A model of `@latentkit/models` loaded from a pretrained safetensors file. */
export interface PretrainedModel {
  /** The model, with the file's weights (the caller disposes it). */
  model: Model;
  /** How it was trained and what it scored. */
  training: TrainingMetadata;
}

/**
 * Builds a model from the bytes of a pretrained file: the configuration in
 * `__metadata__.config` makes the model (`createModel`), the tensors (F16 or F32) become its
 * parameters, and the training record is parsed.
 *
 * @param bytes - The file's contents.
 * @returns The model and its training record.
 * @throws `SafetensorsError` for a corrupt file; {@link InvalidArgumentError} when the file has
 *   no config or training record; `ShapeError` / `InvalidArgumentError` when its tensors do not
 *   match the model the config describes.
 */
export function pretrainedFromBytes(bytes: Uint8Array): PretrainedModel {
  const { record, metadata, config } = safetensorsToRecord(bytes);
  if (config === undefined || config === null || typeof config !== 'object') {
    throw new InvalidArgumentError('file', 'has no model config in __metadata__.config');
  }
  const training = parseTrainingMetadata(metadata);
  const model = createModel(config as ModelConfig, { seed: 0 });
  try {
    model.store.loadRecord(record);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, training };
}
