import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  CONFIG_METADATA_KEY,
  encodeSafetensors,
  type SafetensorsTensor,
  safetensorsToRecord,
} from '@latentkit/models';
import { saveSafetensorsFile } from '@latentkit/models/node';
import type { ParamStore } from '@latentkit/tensor';
import type { ManifestModelEntry } from '../../demos/common/model-manifest.js';
import {
  TRAINING_METADATA_KEY,
  type TrainingMetadata,
} from '../../demos/common/training-metadata.js';
import type { PretrainContext } from './pretrain-job.js';

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Versions recorded with every model. */
export function environment(backend: string): TrainingMetadata['environment'] {
  const require = createRequire(import.meta.url);
  const models = require('@latentkit/models/package.json') as { version: string };
  return { node: process.version, backend, latentkit: `@latentkit/models ${models.version}` };
}

/** What {@link savePretrained} needs. */
export interface SavePretrainedOptions {
  /** File name in the models folder. */
  file: string;
  /** The parameters, already rounded with `roundStoreToHalf` (stored as F16). */
  store: ParamStore;
  /** Names of parameters stored as F32 instead (not rounded; e.g. a codebook). Default none. */
  keepF32?: readonly string[];
  /** The configuration written to `__metadata__.config` (JSON). */
  config: unknown;
  /** The training record written to `__metadata__["latentkit.training"]`. */
  training: TrainingMetadata;
}

/**
 * Writes a pretrained model as safetensors with `@latentkit/models`' encoder and atomic file
 * writer: every parameter as F16 (or F32 if named in `keepF32`) under its `ParamStore` name, the config and the training
 * record as metadata. The bytes are decoded again before writing and must give back exactly the
 * store's (F16-rounded) values.
 *
 * @returns The manifest entry of the file.
 * @throws {Error} if the round trip changes a value (the store was not rounded to F16).
 */
export async function savePretrained(
  context: PretrainContext,
  options: SavePretrainedOptions,
): Promise<ManifestModelEntry> {
  const record = options.store.toRecord();
  const tensors: Record<string, SafetensorsTensor> = {};
  let parameters = 0;
  for (const [name, rec] of Object.entries(record)) {
    const dtype = options.keepF32?.includes(name) ? 'F32' : 'F16';
    tensors[name] = { dtype, shape: [...rec.shape], data: rec.data as Float32Array };
    parameters += rec.data.length;
  }
  const bytes = encodeSafetensors(tensors, {
    [CONFIG_METADATA_KEY]: JSON.stringify(options.config),
    [TRAINING_METADATA_KEY]: JSON.stringify(options.training),
  });
  const back = safetensorsToRecord(bytes).record;
  for (const [name, rec] of Object.entries(record)) {
    const a = rec.data as Float32Array;
    const b = back[name]?.data as Float32Array | undefined;
    if (!b || b.length !== a.length || a.some((v, i) => !Object.is(v, b[i]))) {
      throw new Error(`${options.file}: ${name} does not survive the F16 round trip`);
    }
  }
  await saveSafetensorsFile(join(context.modelsDir, options.file), bytes);
  context.log(`wrote ${options.file} (${(bytes.length / 1024).toFixed(0)} KiB)`);
  return {
    file: options.file,
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    parameters,
    training: options.training,
  };
}
