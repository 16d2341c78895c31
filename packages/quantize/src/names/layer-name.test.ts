import { describe, expect, it } from 'vitest';
import { quantizeMlp } from '../calibrate/quantize-mlp.js';
import { quantizeVae } from '../calibrate/quantize-vae.js';
import { QuantizationError } from '../errors/quantization-error.js';
import type { FloatMlp } from '../float/float-mlp.js';
import { validateFloatMlp } from '../float/float-mlp.js';
import { fromParamRecord } from '../float/from-param-record.js';
import { validateQuantizedVae } from '../golden/quantized-vae.js';
import { parseQuantizedMlp, validateQuantizedMlp } from '../golden/validate-quantized-mlp.js';
import {
  checkLayerName,
  isLayerName,
  LAYER_NAME_MAX_LENGTH,
  LAYER_NAME_RULE,
} from './layer-name.js';

// Names that must never reach a quantized model: each would leave a comment or a string literal
// of some generated text (Verilog, XDC/Tcl, C++) or name a path.
const HOSTILE = [
  'fc1\n`define LATENTKIT_INJECTED 1',
  'fc1"); $system("rm -rf x',
  '] ; exec rm -rf x ; [',
  'x */ module evil; /*',
  '`include "evil.v"',
  'a\\',
  'a\u2028b',
  '../../etc/passwd',
  'a b',
  '',
  '.hidden',
  '-o',
  'μ',
  'x'.repeat(LAYER_NAME_MAX_LENGTH + 1),
];

function mlpNamed(name: unknown): FloatMlp {
  return {
    layers: [
      {
        name: 'enc.fc1',
        inFeatures: 2,
        outFeatures: 2,
        activation: 'relu',
        weight: Float64Array.of(1, -2, 0.5, 3),
        bias: Float64Array.of(0.1, -0.2),
      },
      {
        name: name as string,
        inFeatures: 2,
        outFeatures: 2,
        activation: 'linear',
        weight: Float64Array.of(0.25, -0.75, 0.5, 1),
        bias: Float64Array.of(0, 0.5),
      },
    ],
  };
}
const calibration = Float64Array.of(1, 1, -1, 2, 0.5, -0.5, 2, 0);

function problemOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QuantizationError);
    const message = (e as Error).message;
    // The message states the rule, shows the name in printable ASCII only, and stays one line.
    expect(message).toContain(LAYER_NAME_RULE);
    expect(message).toMatch(/^[\x20-\x7e–…]*$/);
    return (e as QuantizationError).problem;
  }
  return undefined;
}

describe('the layer-name rule', () => {
  it('accepts PyTorch-style and latentkit names', () => {
    for (const name of [
      'encoder.0.weight',
      'decoder.fc1',
      'enc.out',
      'encoder.head',
      'layer0',
      '_private',
      '0',
      '2nd.layer-out',
      'x'.repeat(LAYER_NAME_MAX_LENGTH),
    ]) {
      expect(isLayerName(name)).toBe(true);
      expect(checkLayerName(name, 'n')).toBe(name);
    }
  });

  it('refuses every name that could leave a comment, a string literal or a folder', () => {
    for (const name of [...HOSTILE, undefined, 7, null]) {
      expect(isLayerName(name)).toBe(false);
      expect(problemOf(() => checkLayerName(name, 'layers[1].name'))).toBe('bad-name');
    }
    expect(() => checkLayerName('a"b', 'layers[4].name')).toThrow(
      'layers[4].name "a\\"b" is not a valid layer name',
    );
    expect(() => checkLayerName('a\u2028b', 'x')).toThrow('"a\\u2028b"');
  });

  it('is enforced by quantizeMlp and validateFloatMlp, naming the layer index', () => {
    for (const name of HOSTILE) {
      expect(problemOf(() => validateFloatMlp(mlpNamed(name)))).toBe('bad-name');
      expect(problemOf(() => quantizeMlp(mlpNamed(name), { calibration }))).toBe('bad-name');
    }
    expect(() => quantizeMlp(mlpNamed('a;b'), { calibration })).toThrow(/^layers\[1\]\.name "a;b"/);
    expect(quantizeMlp(mlpNamed('enc.out'), { calibration }).layers[1]!.name).toBe('enc.out');
  });

  it('is enforced by fromParamRecord before the record is read', () => {
    const record = { 'a.weight': { shape: [1, 1], data: Float32Array.of(1) } };
    for (const name of HOSTILE) {
      expect(
        problemOf(() => fromParamRecord(record, { layers: [{ name, activation: 'linear' }] })),
      ).toBe('bad-name');
    }
    expect(() =>
      fromParamRecord(record, { layers: [{ name: 'a', activation: 'linear' }] }),
    ).not.toThrow();
  });

  it('is enforced when a quantized model is validated or loaded from JSON', () => {
    const q = quantizeMlp(mlpNamed('enc.out'), { calibration });
    for (const name of HOSTILE) {
      const bad = structuredClone(q);
      bad.layers[1]!.name = name;
      expect(problemOf(() => validateQuantizedMlp(bad))).toBe('bad-name');
      expect(problemOf(() => parseQuantizedMlp(JSON.stringify(bad)))).toBe('bad-name');
    }
    const missing = structuredClone(q) as { layers: { name?: string }[] };
    delete missing.layers[0]!.name;
    expect(() => parseQuantizedMlp(missing)).toThrow(/^layers\[0\]\.name an undefined/);
  });

  it('is enforced for both halves of a quantized VAE', () => {
    const vae = quantizeVae(
      {
        encoder: mlpNamed('enc.out'),
        decoder: {
          layers: [
            {
              name: 'dec.out',
              inFeatures: 1,
              outFeatures: 2,
              activation: 'sigmoid',
              weight: Float64Array.of(1, -1),
              bias: Float64Array.of(0, 0.5),
            },
          ],
        },
      },
      { calibration, bits: 10 },
    );
    validateQuantizedVae(vae);
    for (const part of ['encoder', 'decoder'] as const) {
      const bad = structuredClone(vae);
      bad[part].layers[0]!.name = 'x\n`define EVIL';
      expect(problemOf(() => validateQuantizedVae(bad))).toBe('bad-name');
    }
  });
});
