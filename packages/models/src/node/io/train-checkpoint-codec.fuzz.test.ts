import { LatentkitError } from '@latentkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, reportFuzz } from '../../../../../vitest.fuzz.js';
import { decodeSafetensors } from '../../io/decode-safetensors.js';
import { encodeSafetensors } from '../../io/encode-safetensors.js';
import { SafetensorsError } from '../../io/safetensors-error.js';
import { type ModelConfig, resolveModelConfig } from '../../model/model-config.js';
import type { TrainCheckpoint } from '../../training/train-checkpoint.js';
import { decodeTrainCheckpoint, encodeTrainCheckpoint } from './train-checkpoint-codec.js';

// Fuzzing the training-checkpoint codec (seeded): valid checkpoints of a few model kinds are
// mutated at the byte level (flips, truncation, appended bytes) and at the JSON level (a value
// anywhere in `__metadata__.checkpoint` or `__metadata__.config` replaced, deleted or added, the
// file then re-encoded so that the checkpoint's own checks are reached; some values nest deeper
// than the 32 levels allowed). Every mutated file must decode to the original checkpoint or throw
// a SafetensorsError — never another error, never a slow call.

const BYTE_RUNS = 3_000;
const JSON_RUNS = 3_000;
const SLOW_MS = 1_000;

const rec = (shape: number[], values: number[]) => ({
  shape,
  dtype: 'float32' as const,
  data: Float32Array.from(values),
});

const CONFIGS: ModelConfig[] = [
  { kind: 'vae', inputShape: [4], latentDim: 2, encoder: { type: 'mlp', hidden: [3] } },
  {
    kind: 'cvae',
    inputShape: [4],
    latentDim: 2,
    numClasses: 3,
    likelihood: 'gaussian',
    outputStd: 0.5,
    encoder: { type: 'mlp', hidden: [3, 2] },
  },
  {
    kind: 'vqvae',
    inputShape: [28, 28, 1],
    latentDim: 4,
    encoder: { type: 'conv', channels: [4, 8] },
    quantizer: { type: 'vq', numCodes: 16, initRange: 0.5 },
  },
  {
    kind: 'vqvae',
    inputShape: [12],
    latentDim: 2,
    groups: 3,
    encoder: { type: 'mlp', hidden: [8] },
    quantizer: { type: 'vq', numCodes: 5, initRange: 1 },
  },
];

function stateFor(config: ModelConfig, withVq: boolean): TrainCheckpoint {
  return {
    format: 'latentkit.train-checkpoint',
    version: 1,
    modelConfig: resolveModelConfig(config),
    seed: 7,
    batchSize: 16,
    epoch: 2,
    batch: 1,
    step: 9,
    totals: {
      count: 32,
      loss: 1.25,
      recon: 1,
      kl: 0.25,
      ...(withVq && {
        vq: {
          codebook: 0.5,
          commitment: 0.25,
          perplexity: 3,
          usage: 4,
          restarted: 1,
          counts: [1, 2],
        },
      }),
    },
    params: { w: rec([2, 2], [1, -2, 0.5, 3]), b: rec([2], [0.1, -0.1]) },
    optimizer: {
      kind: 'adam',
      learningRate: 0.001,
      params: {
        w: { step: 9, slots: { m: rec([2, 2], [0, 1, 2, 3]), v: rec([2, 2], [1, 1, 1, 1]) } },
      },
    },
  };
}

const STATES = CONFIGS.flatMap((c) => [stateFor(c, false), stateFor(c, true)]);
const FILES = STATES.map(encodeTrainCheckpoint);

/** Decodes, returning the checkpoint or the SafetensorsError; anything else fails the case. */
function decodeOrRefuse(bytes: Uint8Array): TrainCheckpoint | SafetensorsError {
  const t0 = performance.now();
  let result: TrainCheckpoint | SafetensorsError;
  try {
    result = decodeTrainCheckpoint(bytes);
  } catch (error) {
    if (!(error instanceof SafetensorsError)) throw error;
    result = error;
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) throw new Error(`decode took ${ms.toFixed(0)} ms`);
  return result;
}

const fileIndex = fc.nat(FILES.length - 1);

const byteMutation = fc.oneof(
  fc
    .tuple(
      fileIndex,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([i, flips]) => {
      const out = FILES[i]!.slice();
      for (const [at, value] of flips) out[at % out.length] = value;
      return { i, bytes: out };
    }),
  fc
    .tuple(fileIndex, fc.nat())
    .map(([i, cut]) => ({ i, bytes: FILES[i]!.subarray(0, cut % FILES[i]!.length) })),
  fc
    .tuple(fileIndex, fc.uint8Array({ minLength: 1, maxLength: 8 }))
    .map(([i, extra]) => ({ i, bytes: Uint8Array.from([...FILES[i]!, ...extra]) })),
);

const weirdValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    -1,
    0,
    0.5,
    1e308,
    2 ** 53,
    2 ** 32,
    '',
    'x',
    null,
    [],
    {},
    [0],
    true,
    '__proto__',
    'constructor',
  ),
  fc.integer({ min: 1, max: 64 }).map(nest),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `depth` arrays or objects nested in each other. */
function nest(depth: number): Json {
  let value: Json = 0;
  for (let d = 0; d < depth; d++) value = d % 3 === 0 ? { a: value } : [value];
  return value;
}

/** How deeply a JSON value nests arrays and objects (a number is 0, `[]` is 1). */
function depthOf(value: Json): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

/** Replaces, deletes or adds the value at a random path of a JSON value (a copy). */
function mutateJson(root: Json, picks: number[], op: 'set' | 'delete' | 'add', value: Json): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  if (typeof copy !== 'object' || copy === null) return value;
  let node: Json[] | { [key: string]: Json } = copy;
  for (const [depth, pick] of picks.entries()) {
    const keys = Array.isArray(node) ? node.map((_, k) => k) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length]!;
    const child: Json = (node as Record<string | number, Json>)[key]!;
    const last = depth === picks.length - 1 || typeof child !== 'object' || child === null;
    if (last) {
      if (op === 'delete') {
        if (Array.isArray(node)) node.splice(key as number, 1);
        else delete node[key as string];
      } else if (op === 'add' && !Array.isArray(node)) node[`extra${pick % 3}`] = value;
      else (node as Record<string | number, Json>)[key] = value;
      break;
    }
    node = child as Json[] | { [key: string]: Json };
  }
  return copy;
}

const jsonMutation = fc
  .record({
    i: fileIndex,
    key: fc.constantFrom('checkpoint', 'config', 'format'),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    op: fc.constantFrom('set', 'delete', 'add'),
    value: weirdValue,
  })
  .map(({ i, key, picks, op, value }) => {
    const { tensors, metadata } = decodeSafetensors(FILES[i]!);
    const text =
      key === 'format'
        ? JSON.stringify(value)
        : JSON.stringify(mutateJson(JSON.parse(metadata[key]!) as Json, picks, op, value as Json));
    const edited = key === 'format' && typeof value === 'string' ? value : text;
    const tooDeep = key !== 'format' && depthOf(JSON.parse(text) as Json) > 32;
    return { i, tooDeep, bytes: encodeSafetensors(tensors, { ...metadata, [key]: edited }) };
  });

describe('training checkpoint fuzzing', () => {
  it(`${BYTE_RUNS} byte-mutated checkpoints: the original or a SafetensorsError`, () => {
    const outcomes = { unchanged: 0, refused: 0 };
    const details = fc.check(
      fc.property(byteMutation, ({ i, bytes }) => {
        const result = decodeOrRefuse(bytes);
        if (result instanceof SafetensorsError) outcomes.refused++;
        else {
          // Only harmless edits (e.g. of the header's padding) may pass.
          expect(result).toEqual(STATES[i]);
          outcomes.unchanged++;
        }
      }),
      { numRuns: BYTE_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('checkpoint bytes', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.refused).toBeGreaterThan(BYTE_RUNS / 2);
  });

  it(`${JSON_RUNS} checkpoints with edited metadata JSON: the original or a SafetensorsError`, () => {
    const outcomes = { unchanged: 0, refused: 0, tooDeep: 0 };
    const details = fc.check(
      fc.property(jsonMutation, ({ i, tooDeep, bytes }) => {
        const result = decodeOrRefuse(bytes);
        if (tooDeep) {
          // Refused before JSON.parse could build a deep structure.
          expect(result).toBeInstanceOf(SafetensorsError);
          expect((result as Error).message).toMatch(/nests deeper than 32 levels/);
          outcomes.tooDeep++;
        } else if (result instanceof SafetensorsError) {
          expect(result).toBeInstanceOf(LatentkitError);
          outcomes.refused++;
        } else {
          expect(result).toEqual(STATES[i]);
          outcomes.unchanged++;
        }
      }),
      { numRuns: JSON_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('checkpoint metadata', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.refused).toBeGreaterThan(JSON_RUNS / 2);
    expect(outcomes.tooDeep).toBeGreaterThan(JSON_RUNS / 100);
  });
});
