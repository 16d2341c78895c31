import { crc32 } from 'node:zlib';
import { jsonNestingExceeds } from '@latentkit/core';
import {
  InvalidArgumentError,
  LatentkitError,
  type OptimizerState,
  type TensorRecord,
} from '@latentkit/tensor';
import { type DecodeSafetensorsOptions, decodeSafetensors } from '../../io/decode-safetensors.js';
import { encodeSafetensors } from '../../io/encode-safetensors.js';
import { MAX_METADATA_JSON_DEPTH } from '../../io/json-nesting.js';
import { CONFIG_METADATA_KEY } from '../../io/model-config-key.js';
import { setOwn } from '../../io/parse-safetensors-header.js';
import { littleEndianBytes, type SafetensorsTensor } from '../../io/safetensors-dtype.js';
import { SafetensorsError } from '../../io/safetensors-error.js';
import { type ResolvedModelConfig, resolveModelConfig } from '../../model/model-config.js';
import type { DataFingerprint } from '../../training/data-fingerprint.js';
import type { EpochTotals, TrainCheckpoint } from '../../training/train-checkpoint.js';
import type { VqEpochTotals } from '../../training/vq-report.js';

/** `__metadata__.format` of a training checkpoint file. */
export const TRAIN_CHECKPOINT_FORMAT = 'latentkit.train-checkpoint';
/** `__metadata__` key holding the checkpoint's counters, optimizer layout and checksum (JSON). */
const STATE_KEY = 'checkpoint';
const slotTensor = (slot: string, param: string): string => `optimizer/${slot}/${param}`;

/** The JSON stored under `__metadata__.checkpoint`. */
interface StoredState {
  version: 1;
  seed: number;
  batchSize: number;
  /** The training data's fingerprint (absent in files written before it existed). */
  data?: DataFingerprint;
  epoch: number;
  batch: number;
  step: number;
  totals: EpochTotals;
  params: string[];
  optimizer: {
    kind: 'adam' | 'sgd';
    learningRate: number;
    params: Record<string, { step: number; slots: string[] }>;
  };
  /**
   * CRC-32 (hex) of every tensor's bytes (parameters in `params` order, then the slots in layout
   * order), then this object without `crc32` as JSON, then the `config` metadata text.
   */
  crc32: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function checksum(
  tensors: readonly Float32Array[],
  body: Omit<StoredState, 'crc32'>,
  config: string,
): string {
  let crc = 0;
  for (const data of tensors) crc = crc32(littleEndianBytes(data), crc);
  crc = crc32(JSON.stringify(body), crc);
  crc = crc32(config, crc);
  return crc.toString(16).padStart(8, '0');
}

function f32(name: string, record: TensorRecord | undefined): SafetensorsTensor {
  if (record?.dtype !== 'float32' || !(record.data instanceof Float32Array)) {
    throw new InvalidArgumentError(name, 'must be a float32 TensorRecord with a Float32Array');
  }
  return { dtype: 'F32', shape: [...record.shape], data: record.data };
}

/**
 * Encodes a {@link TrainCheckpoint} as one safetensors file: every parameter as an `F32` tensor
 * under its own name (so the file also loads as model weights, e.g. with `safetensorsToRecord`
 * and `strict: false`), every optimizer slot as `optimizer/<slot>/<param>`, the model
 * configuration as JSON in `__metadata__.config`, `__metadata__.format` =
 * `'latentkit.train-checkpoint'`, and the counters, epoch totals, optimizer kind, learning rate,
 * per-parameter steps and a CRC-32 (of all tensor bytes and this metadata) as JSON in
 * `__metadata__.checkpoint`.
 * Numbers round-trip exactly (float32 bits; JSON doubles), so resuming from the decoded state is
 * bit-identical. Node only (uses `node:zlib`'s CRC-32).
 *
 * @param state - The checkpoint, as `train` produces it.
 * @returns The file's bytes.
 * @throws {@link InvalidArgumentError} for a state that is not a version-1 checkpoint, holds
 *   non-float32 records, non-finite totals, or a parameter named like a slot tensor.
 *
 * @example
 * ```ts
 * import { decodeTrainCheckpoint, encodeTrainCheckpoint } from '@latentkit/models/node';
 *
 * const bytes = encodeTrainCheckpoint(state); // a TrainCheckpoint, e.g. from a CheckpointStore's load()
 * decodeTrainCheckpoint(bytes); // → the same state (validated)
 * ```
 */
export function encodeTrainCheckpoint(state: TrainCheckpoint): Uint8Array {
  if (state?.format !== TRAIN_CHECKPOINT_FORMAT || state.version !== 1) {
    throw new InvalidArgumentError('state', `must be a version-1 '${TRAIN_CHECKPOINT_FORMAT}'`);
  }
  const totals = state.totals;
  for (const key of ['count', 'loss', 'recon', 'kl'] as const) {
    if (!Number.isFinite(totals?.[key])) {
      throw new InvalidArgumentError(`state.totals.${key}`, `must be finite, got ${totals?.[key]}`);
    }
  }
  const vq = totals.vq;
  if (vq !== undefined) {
    const values = [...VQ_KEYS.map((key) => vq[key]), ...(vq.counts ?? [NaN])];
    if (!values.every(Number.isFinite)) {
      throw new InvalidArgumentError('state.totals.vq', 'must hold finite sums and counts');
    }
  }
  if (!isObject(state.params) || !isObject(state.optimizer) || !isObject(state.optimizer.params)) {
    throw new InvalidArgumentError('state', 'must have params and optimizer.params objects');
  }
  const tensors: Record<string, SafetensorsTensor> = {};
  const order: Float32Array[] = [];
  const params = Object.keys(state.params);
  for (const name of params) {
    const t = f32(`params['${name}']`, state.params[name]);
    setOwn(tensors, name, t);
    order.push(t.data as Float32Array);
  }
  const layout: StoredState['optimizer']['params'] = {};
  for (const [param, slotState] of Object.entries(state.optimizer.params)) {
    const slots = Object.keys(slotState.slots);
    setOwn(layout, param, { step: slotState.step, slots });
    for (const slot of slots) {
      const name = slotTensor(slot, param);
      if (Object.hasOwn(tensors, name)) {
        throw new InvalidArgumentError('state', `tensor name '${name}' is used twice`);
      }
      const t = f32(`optimizer.params['${param}'].slots.${slot}`, slotState.slots[slot]);
      setOwn(tensors, name, t);
      order.push(t.data as Float32Array);
    }
  }
  const body: Omit<StoredState, 'crc32'> = {
    version: 1,
    seed: state.seed,
    batchSize: state.batchSize,
    ...(state.data !== undefined && { data: checkFingerprint(state.data, bad64) }),
    epoch: state.epoch,
    batch: state.batch,
    step: state.step,
    totals: {
      count: totals.count,
      loss: totals.loss,
      recon: totals.recon,
      kl: totals.kl,
      ...(vq && {
        vq: {
          codebook: vq.codebook,
          commitment: vq.commitment,
          perplexity: vq.perplexity,
          usage: vq.usage,
          restarted: vq.restarted,
          counts: [...vq.counts],
        },
      }),
    },
    params,
    optimizer: {
      kind: state.optimizer.kind,
      learningRate: state.optimizer.learningRate,
      params: layout,
    },
  };
  const config = JSON.stringify(state.modelConfig);
  const stored: StoredState = { ...body, crc32: checksum(order, body, config) };
  return encodeSafetensors(tensors, {
    format: TRAIN_CHECKPOINT_FORMAT,
    [STATE_KEY]: JSON.stringify(stored),
    [CONFIG_METADATA_KEY]: config,
  });
}

// ── decoding ────────────────────────────────────────────────────────────────────────────────

const bad = (message: string, tensor?: string): SafetensorsError =>
  new SafetensorsError(`training checkpoint: ${message}`, tensor);

function parseJson(text: string | undefined, key: string): unknown {
  if (text === undefined) throw bad(`__metadata__.${key} is missing`);
  const deep = jsonNestingExceeds(text, MAX_METADATA_JSON_DEPTH);
  if (deep >= 0) {
    throw bad(
      `__metadata__.${key} nests deeper than ${MAX_METADATA_JSON_DEPTH} levels (at character ${deep})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bad(`__metadata__.${key} is not valid JSON`);
  }
}

function int(value: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw bad(`${what} must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return value;
}

function finite(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw bad(`${what} must be a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function strings(value: unknown, what: string): string[] {
  if (
    !Array.isArray(value) ||
    !value.every((s) => typeof s === 'string') ||
    new Set(value).size !== value.length
  ) {
    throw bad(`${what} must be an array of distinct strings`);
  }
  return value as string[];
}

/** The scalar sums of `VqEpochTotals`, in the order they are written. */
const VQ_KEYS = ['codebook', 'commitment', 'perplexity', 'usage', 'restarted'] as const;

function checkVqTotals(raw: unknown): VqEpochTotals | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw bad('totals.vq must be an object');
  const counts = raw.counts;
  if (!Array.isArray(counts) || counts.length === 0) {
    throw bad('totals.vq.counts must be a non-empty array');
  }
  return {
    codebook: finite(raw.codebook, 'totals.vq.codebook'),
    commitment: finite(raw.commitment, 'totals.vq.commitment'),
    perplexity: finite(raw.perplexity, 'totals.vq.perplexity'),
    usage: finite(raw.usage, 'totals.vq.usage'),
    restarted: int(raw.restarted, 'totals.vq.restarted'),
    counts: counts.map((c, i) => finite(c, `totals.vq.counts[${i}]`)),
  };
}

const bad64 = (message: string): InvalidArgumentError =>
  new InvalidArgumentError('state.data', message);

/** A validated copy of a stored {@link DataFingerprint} (`fail` makes the error for a bad one). */
function checkFingerprint(raw: unknown, fail: (message: string) => Error): DataFingerprint {
  const f = isObject(raw) ? raw : undefined;
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
  if (
    !f ||
    !count(f.rows) ||
    !count(f.rowSize) ||
    (f.dtype !== 'float32' && f.dtype !== 'uint8') ||
    typeof f.labels !== 'boolean' ||
    typeof f.sampleHash !== 'string' ||
    !/^[0-9a-f]{16}$/.test(f.sampleHash)
  ) {
    throw fail(
      "data must be { rows, rowSize (positive integers), dtype: 'float32' | 'uint8', labels: boolean, sampleHash: 16 hex digits }",
    );
  }
  return {
    rows: f.rows as number,
    rowSize: f.rowSize as number,
    dtype: f.dtype,
    labels: f.labels,
    sampleHash: f.sampleHash,
  };
}

function checkState(raw: unknown): StoredState {
  if (!isObject(raw) || raw.version !== 1) throw bad('unsupported checkpoint version');
  const totals = isObject(raw.totals) ? raw.totals : undefined;
  if (!totals) throw bad('totals must be an object');
  const opt = isObject(raw.optimizer) ? raw.optimizer : undefined;
  if (!opt || (opt.kind !== 'adam' && opt.kind !== 'sgd') || !isObject(opt.params)) {
    throw bad("optimizer must be { kind: 'adam' | 'sgd', learningRate, params }");
  }
  const layout: StoredState['optimizer']['params'] = {};
  for (const [param, entry] of Object.entries(opt.params)) {
    if (!isObject(entry)) throw bad(`optimizer.params['${param}'] must be an object`);
    setOwn(layout, param, {
      step: int(entry.step, `optimizer.params['${param}'].step`),
      slots: strings(entry.slots, `optimizer.params['${param}'].slots`),
    });
  }
  if (typeof raw.crc32 !== 'string' || !/^[0-9a-f]{8}$/.test(raw.crc32))
    throw bad('crc32 is malformed');
  return {
    version: 1,
    seed: int(raw.seed, 'seed', 0, 2 ** 32 - 1),
    batchSize: int(raw.batchSize, 'batchSize', 1),
    ...(raw.data !== undefined && { data: checkFingerprint(raw.data, bad) }),
    epoch: int(raw.epoch, 'epoch'),
    batch: int(raw.batch, 'batch'),
    step: int(raw.step, 'step'),
    totals: {
      count: int(totals.count, 'totals.count'),
      loss: finite(totals.loss, 'totals.loss'),
      recon: finite(totals.recon, 'totals.recon'),
      kl: finite(totals.kl, 'totals.kl'),
      ...(totals.vq !== undefined && { vq: checkVqTotals(totals.vq) }),
    },
    params: strings(raw.params, 'params'),
    optimizer: {
      kind: opt.kind,
      learningRate: finite(opt.learningRate, 'optimizer.learningRate'),
      params: layout,
    },
    crc32: raw.crc32,
  };
}

/**
 * Decodes and validates a file written by {@link encodeTrainCheckpoint}: the safetensors
 * structure (see `decodeSafetensors`), the format tag, the JSON metadata (every field typed and in
 * range), the model configuration (it must resolve), every listed tensor present as `F32` and no
 * other, optimizer slots shaped like their parameters, and the CRC-32 of all tensor bytes and of
 * the metadata (so a changed digit in a counter or a flipped bit in the data is caught too).
 *
 * @param bytes - The file's contents.
 * @param options - Passed to `decodeSafetensors` (e.g. `maxHeaderBytes`).
 * @returns The checkpoint, ready for `train`'s `resume`.
 * @throws {@link SafetensorsError} (code `'CORRUPT_FILE'`) for anything that is not an intact
 *   version-1 training checkpoint, naming the problem.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { decodeTrainCheckpoint } from '@latentkit/models/node';
 *
 * const state = decodeTrainCheckpoint(readFileSync('run/vae.ckpt.safetensors'));
 * state.modelConfig; // the model's resolved config; state.seed, state.batchSize: the run's settings
 * ```
 */
export function decodeTrainCheckpoint(
  bytes: Uint8Array,
  options: Pick<DecodeSafetensorsOptions, 'maxHeaderBytes'> = {},
): TrainCheckpoint {
  const { tensors, metadata } = decodeSafetensors(bytes, options);
  if (metadata.format !== TRAIN_CHECKPOINT_FORMAT) {
    throw bad(
      `__metadata__.format is ${JSON.stringify(metadata.format)}, not '${TRAIN_CHECKPOINT_FORMAT}'`,
    );
  }
  const stored = checkState(parseJson(metadata[STATE_KEY], STATE_KEY));
  let modelConfig: ResolvedModelConfig;
  try {
    modelConfig = resolveModelConfig(
      parseJson(metadata[CONFIG_METADATA_KEY], CONFIG_METADATA_KEY) as ResolvedModelConfig,
    );
  } catch (error) {
    if (error instanceof SafetensorsError || !(error instanceof LatentkitError)) throw error;
    throw bad(`the model config is invalid (${error.message})`, CONFIG_METADATA_KEY);
  }
  const used = new Set<string>();
  const order: Float32Array[] = [];
  const take = (name: string): TensorRecord => {
    const t = Object.hasOwn(tensors, name) ? tensors[name] : undefined;
    if (t === undefined) throw bad('tensor is missing', name);
    if (t.dtype !== 'F32') throw bad(`dtype is ${t.dtype}, not F32`, name);
    used.add(name);
    order.push(t.data as Float32Array);
    return { shape: t.shape, dtype: 'float32', data: t.data as Float32Array };
  };
  const params: Record<string, TensorRecord> = {};
  for (const name of stored.params) setOwn(params, name, take(name));
  const optimizer: OptimizerState = {
    kind: stored.optimizer.kind,
    learningRate: stored.optimizer.learningRate,
    params: {},
  };
  for (const [param, { step, slots }] of Object.entries(stored.optimizer.params)) {
    const shape = Object.hasOwn(params, param) ? params[param]!.shape : undefined;
    if (shape === undefined) throw bad(`optimizer state for unknown parameter '${param}'`);
    const records: Record<string, TensorRecord> = {};
    for (const slot of slots) {
      const name = slotTensor(slot, param);
      if (used.has(name)) throw bad('tensor is listed twice', name);
      const record = take(name);
      if (record.shape.join() !== shape.join()) {
        throw bad(`shape [${record.shape}] differs from the parameter's [${shape}]`, name);
      }
      setOwn(records, slot, record);
    }
    setOwn(optimizer.params, param, { step, slots: records });
  }
  const extra = Object.keys(tensors).filter((name) => !used.has(name));
  if (extra.length > 0) throw bad(`unexpected tensors: ${extra.slice(0, 5).join(', ')}`);
  const { crc32: want, ...body } = stored; // same key order as written: same JSON if unchanged
  if (checksum(order, body, metadata[CONFIG_METADATA_KEY]!) !== want) {
    throw bad('CRC-32 mismatch: the tensor data or the metadata is corrupt');
  }
  return {
    format: TRAIN_CHECKPOINT_FORMAT,
    version: 1,
    modelConfig,
    seed: stored.seed,
    batchSize: stored.batchSize,
    ...(stored.data !== undefined && { data: stored.data }),
    epoch: stored.epoch,
    batch: stored.batch,
    step: stored.step,
    totals: stored.totals,
    params,
    optimizer,
  };
}
