import { createModel } from '@latentkit/models';
import { runFloatVae } from '@latentkit/quantize';
import { initBackend, tf } from '@latentkit/tensor';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_SEED, reportFuzz } from '../../../vitest.fuzz.js';
import { type ImportedOnnxModel, importOnnxModel } from './import-onnx-model.js';
import { OnnxImportError } from './onnx-import-error.js';
import { fixtureBytes } from './testing/fixtures.js';

// Fuzzing the importer (seeded): the small fixtures' bytes mutated (byte flips, truncation,
// inserted and deleted runs, random bytes) as the encoder or the decoder of a pair. Every call
// either imports a consistent model (record shapes match their data, `createModel(config)` loads
// the record, the float description — MLPs — runs and has the imported shapes) or throws an
// OnnxImportError — never another error type.

const RUNS = 800;

const PAIRS = [
  ['iris-vae-encoder.onnx', 'iris-vae-decoder.onnx'],
  ['sliced-vae-encoder.onnx', 'tanh-ae-decoder.onnx'],
  ['tanh-ae-encoder.onnx', 'tanh-ae-decoder.onnx'],
  ['rgb-conv-vae-encoder.onnx', 'rgb-conv-vae-decoder.onnx'],
].map(([e, d]) => [fixtureBytes(e!), fixtureBytes(d!)] as const);

type Mutation =
  | { kind: 'flip'; at: number[]; values: number[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'random'; bytes: number[] };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    values: fc.array(fc.nat(255), { minLength: 8, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('random' as const),
    bytes: fc.array(fc.nat(255), { maxLength: 64 }),
  }),
);

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = bytes.length;
  switch (m.kind) {
    case 'flip': {
      const out = bytes.slice();
      m.at.forEach((at, i) => {
        out[at % n] = m.values[i]!;
      });
      return out;
    }
    case 'truncate':
      return bytes.slice(0, m.at % n);
    case 'insert': {
      const at = m.at % n;
      return Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    }
    case 'delete': {
      const at = m.at % n;
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
    }
    case 'random':
      return Uint8Array.from(m.bytes);
  }
}

function checkImported(model: ImportedOnnxModel): void {
  for (const [name, t] of Object.entries(model.record)) {
    expect(t.data.length, name).toBe(t.shape.reduce((a, b) => a * b, 1));
  }
  // The config builds a model whose parameters are exactly the record's names and shapes.
  const built = createModel(model.config);
  try {
    built.store.loadRecord(model.record);
  } finally {
    built.dispose();
  }
  const features = model.config.inputShape.reduce((a, b) => a * b, 1);
  if (model.config.encoder.type === 'conv') {
    expect(model.float).toBeUndefined();
    return;
  }
  const float = model.float!;
  expect(float.encoder.layers[0]!.inFeatures).toBe(features);
  if (model.config.kind === 'vae') {
    const run = runFloatVae(float, new Float64Array(features).fill(0.5));
    expect(run.mu.length).toBe(model.config.latentDim);
  }
}

describe('ONNX import fuzzing', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it(`${RUNS} mutated fixtures: a consistent model or an OnnxImportError, nothing else`, () => {
    const outcomes = { imported: 0, refused: 0, convImported: 0 };
    const details = fc.check(
      fc.property(fc.nat(PAIRS.length - 1), fc.boolean(), mutation, (pair, encoderSide, m) => {
        const [encoder, decoder] = PAIRS[pair]!;
        const files = encoderSide
          ? { encoder: apply(encoder, m), decoder }
          : { encoder, decoder: apply(decoder, m) };
        let model: ImportedOnnxModel;
        try {
          model = importOnnxModel(files);
        } catch (error) {
          if (!(error instanceof OnnxImportError)) throw error;
          outcomes.refused++;
          return;
        }
        outcomes.imported++;
        if (model.config.encoder.type === 'conv') outcomes.convImported++;
        checkImported(model);
      }),
      { numRuns: RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('onnx import', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.imported + outcomes.refused).toBe(RUNS);
    expect(tf.memory().numTensors).toBe(0);
    // Both outcomes occur: the mutations are neither all fatal nor all harmless.
    expect(outcomes.imported).toBeGreaterThan(0);
    // The conv path (Conv / ConvTranspose weights and attributes) is among the imported ones.
    expect(outcomes.convImported).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 4);
  });
});
