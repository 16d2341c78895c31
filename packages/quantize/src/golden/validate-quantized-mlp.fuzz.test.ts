import { LatentkitError } from '@latentkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED, reportFuzz } from '../../../../vitest.fuzz.js';
import { quantizeMlp } from '../calibrate/quantize-mlp.js';
import { quantizeVae } from '../calibrate/quantize-vae.js';
import type { FloatLayer } from '../float/float-mlp.js';
import type { QuantizedMlp } from './quantized-mlp.js';
import { type QuantizedVae, runQuantizedVae, validateQuantizedVae } from './quantized-vae.js';
import { runQuantizedMlp } from './run-quantized-mlp.js';
import { parseQuantizedMlp } from './validate-quantized-mlp.js';

// Fuzzing the quantized-model JSON (seeded): valid QuantizedMlp / QuantizedVae objects of several
// activations are mutated — a value anywhere replaced, deleted or added, or the JSON text spliced
// or cut — and read back with parseQuantizedMlp (text and object) and validateQuantizedVae. Each
// must either validate or throw a LatentkitError (never a TypeError, a SyntaxError or a hang), and
// a model that validates must also run through the golden model without any other error.

const MLP_RUNS = 3_000;
const TEXT_RUNS = 2_000;
const VAE_RUNS = 1_500;
const SLOW_MS = 1_000;

const layer = (
  inFeatures: number,
  outFeatures: number,
  activation: FloatLayer['activation'],
  name: string,
): FloatLayer => ({
  inFeatures,
  outFeatures,
  activation,
  name,
  weight: Float64Array.from({ length: inFeatures * outFeatures }, (_, i) => Math.sin(i + 1) * 0.6),
  bias: Float64Array.from({ length: outFeatures }, (_, i) => Math.cos(i) * 0.1),
});

const calibration = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i * 0.7) * 1.5);

const MLPS: QuantizedMlp[] = [
  quantizeMlp(
    { layers: [layer(3, 4, 'relu', 'fc1'), layer(4, 2, 'sigmoid', 'fc2')] },
    { calibration, bits: 10 },
  ),
  quantizeMlp(
    { layers: [layer(3, 3, 'tanh', 'enc.fc1'), layer(3, 2, 'linear', 'out')] },
    { calibration, bits: 12 },
  ),
  quantizeMlp(
    { layers: [layer(3, 2, 'sigmoid', 'lut'), layer(2, 2, 'tanh', 'lut2')] },
    {
      calibration,
      bits: 8,
      activations: { sigmoid: 'lutInterpolated', lutAddressBits: 3 },
    },
  ),
  quantizeMlp(
    { layers: [layer(3, 2, 'leakyRelu', 'leaky')] },
    { calibration, bits: 8, activations: { leakySlopeFrac: 4 } },
  ),
];

const VAE: QuantizedVae = quantizeVae(
  {
    encoder: { layers: [layer(3, 4, 'linear', 'encoder.mu_logvar')] },
    decoder: { layers: [layer(2, 3, 'sigmoid', 'decoder.out')] },
  },
  { calibration, bits: 12 },
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const weirdValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    -1,
    0,
    1,
    0.5,
    64,
    65,
    2 ** 31,
    2 ** 53,
    1e308,
    -1e308,
    '',
    'x',
    'relu',
    'lut',
    'nearest-even',
    'saturate',
    null,
    [],
    {},
    [0],
    [null],
    true,
    { width: 8, frac: 4 },
    { width: 0, frac: 0 },
    { width: 64, frac: -64 },
  ),
);

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

const mutation = (root: Json) =>
  fc
    .record({
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
      op: fc.constantFrom('set', 'set', 'delete', 'add'),
      value: weirdValue,
      twice: fc.boolean(),
    })
    .map(({ picks, op, value, twice }) => {
      const once = mutateJson(root, picks, op, value);
      return twice ? mutateJson(once, picks.slice(1), 'set', value) : once;
    });

const mlpMutation = fc
  .nat(MLPS.length - 1)
  .chain((i) => mutation(JSON.parse(JSON.stringify(MLPS[i])) as Json));

/** JSON text of a model with a piece cut out, a few characters inserted, or cut short. */
const textMutation = fc
  .tuple(fc.nat(MLPS.length - 1), fc.nat(), fc.nat(8), fc.string({ maxLength: 3 }), fc.boolean())
  .map(([i, at, remove, insert, cut]) => {
    const text = JSON.stringify(MLPS[i]);
    const k = at % (text.length + 1);
    return cut ? text.slice(0, k) : text.slice(0, k) + insert + text.slice(k + remove);
  });

/** Runs `fn`; returns 'ok' or the LatentkitError, rethrows anything else; fails a slow call. */
function settle(fn: () => void): 'ok' | LatentkitError {
  const t0 = performance.now();
  let result: 'ok' | LatentkitError = 'ok';
  try {
    fn();
  } catch (error) {
    if (!(error instanceof LatentkitError)) throw error;
    result = error;
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) throw new Error(`took ${ms.toFixed(0)} ms`);
  return result;
}

/** A validated MLP must run: zero input codes are in every input format. */
function runsWhenValid(q: QuantizedMlp): void {
  const result = settle(() => {
    runQuantizedMlp(q, new Array(q.layers[0]!.inFeatures).fill(0));
  });
  expect(result).toBe('ok');
}

describe('quantized model JSON fuzzing', () => {
  it(`${MLP_RUNS} mutated QuantizedMlp objects: valid (and runnable) or a LatentkitError`, () => {
    const outcomes = { valid: 0, refused: 0 };
    const details = fc.check(
      fc.property(mlpMutation, (object) => {
        let parsed: QuantizedMlp | undefined;
        const result = settle(() => {
          parsed = parseQuantizedMlp(object);
        });
        if (result === 'ok') {
          runsWhenValid(parsed!);
          outcomes.valid++;
        } else outcomes.refused++;
      }),
      { numRuns: MLP_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('quantized mlp', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.refused).toBeGreaterThan(MLP_RUNS / 4);
    expect(outcomes.valid).toBeGreaterThan(MLP_RUNS / 50);
  });

  it(`${TEXT_RUNS} damaged QuantizedMlp JSON texts: valid or a LatentkitError`, () => {
    const outcomes = { valid: 0, refused: 0 };
    const details = fc.check(
      fc.property(textMutation, (text) => {
        let parsed: QuantizedMlp | undefined;
        const result = settle(() => {
          parsed = parseQuantizedMlp(text);
        });
        if (result === 'ok') {
          runsWhenValid(parsed!);
          outcomes.valid++;
        } else outcomes.refused++;
      }),
      { numRuns: TEXT_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('quantized mlp text', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.refused).toBeGreaterThan(TEXT_RUNS / 4);
    expect(outcomes.valid).toBeGreaterThan(TEXT_RUNS / 50);
  });

  it(`${VAE_RUNS} mutated QuantizedVae objects: valid (and runnable) or a LatentkitError`, () => {
    const outcomes = { valid: 0, refused: 0 };
    const root = JSON.parse(JSON.stringify(VAE)) as Json;
    const details = fc.check(
      fc.property(mutation(root), (object) => {
        const q = object as unknown as QuantizedVae;
        if (settle(() => validateQuantizedVae(q)) !== 'ok') {
          outcomes.refused++;
          return;
        }
        const run = settle(() => {
          runQuantizedVae(q, new Array(q.encoder.layers[0]!.inFeatures).fill(0));
        });
        expect(run).toBe('ok');
        outcomes.valid++;
      }),
      { numRuns: VAE_RUNS, seed: FUZZ_SEED },
    );
    reportFuzz('quantized vae', details, fc.defaultReportMessage(details), outcomes);
    expect(outcomes.refused).toBeGreaterThan(VAE_RUNS / 4);
    expect(outcomes.valid).toBeGreaterThan(VAE_RUNS / 50);
  });
});
