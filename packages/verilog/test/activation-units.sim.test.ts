/**
 * Every activation circuit, rounding mode and overflow mode against the golden model: small
 * MLPs whose layers use each unit, driven with random codes over the WHOLE input format (so
 * requantization saturates / wraps often), simulated with CXXRTL and Icarus Verilog.
 */

import { createRng } from '@latentkit/core';
import {
  type ActivationUnit,
  type FixedFormat,
  type FloatMlp,
  type OverflowMode,
  type QuantizedLayer,
  type QuantizedMlp,
  quantizeMlp,
  type RoundingMode,
  type SigmoidUnit,
} from '@latentkit/quantize';
import { buildLutUnit, tanhInnerFormats } from '@latentkit/quantize/internal';
import { describe, expect, it } from 'vitest';
import { generateMlp, mlpVectors } from '../src/index.js';
import { simulateCxxrtl, simulateIverilog } from '../src/node.js';
import { iverilogAvailable } from './sim-env.testutil.js';

function floatMlp(seed: number): FloatMlp {
  const rng = createRng(seed);
  const acts = ['sigmoid', 'relu', 'tanh', 'leakyRelu', 'sigmoid', 'linear'] as const;
  let inF = 3;
  return {
    layers: acts.map((activation, k) => {
      const outF = k === acts.length - 1 ? 3 : 5;
      const weight = Float64Array.from({ length: inF * outF }, () => 3 * (2 * rng.next() - 1));
      const bias = Float64Array.from({ length: outF }, () => 2 * rng.next() - 1);
      const l = {
        inFeatures: inF,
        outFeatures: outF,
        weight,
        bias,
        activation,
        name: `l${k}.${activation}`,
      };
      inF = outF;
      return activation === 'leakyRelu' ? { ...l, negativeSlope: 0.1 } : l;
    }),
  };
}

type Setting = {
  unit?: 'plan' | 'taylor' | 'lut' | 'lutInterpolated';
  rounding: RoundingMode;
  overflow: OverflowMode;
};

/** Replaces a sigmoid / tanh layer's circuit (plain data, valid for its formats). */
function withUnit(layer: QuantizedLayer, s: Setting): QuantizedLayer {
  const sig = (inF: FixedFormat, outF: FixedFormat): SigmoidUnit =>
    s.unit === 'plan'
      ? { kind: 'sigmoidPlan' }
      : s.unit === 'taylor'
        ? { kind: 'sigmoidTaylor', guardBits: 6 }
        : buildLutUnit('sigmoid', inF, outF, {
            addressBits: 6,
            interpolate: s.unit === 'lutInterpolated',
          });
  let activation: ActivationUnit = layer.activation;
  if (layer.floatActivation === 'sigmoid')
    activation = sig(layer.activationInput, layer.activationOutput);
  if (layer.floatActivation === 'tanh') {
    const inner = tanhInnerFormats(layer.activationInput, layer.activationOutput);
    activation = { kind: 'tanhViaSigmoid', sigmoid: sig(inner.inFormat, inner.outFormat) };
  }
  return { ...layer, activation, rounding: s.rounding, overflow: s.overflow };
}

// Layers: sigmoid, relu, tanh, leakyRelu, sigmoid, linear — each with its own circuit and modes.
const VARIANTS: { bits: number; percentile: number; settings: Setting[] }[] = [
  {
    bits: 12,
    percentile: 90,
    settings: [
      { unit: 'plan', rounding: 'half-up', overflow: 'wrap' },
      { rounding: 'truncate', overflow: 'saturate' },
      { unit: 'lut', rounding: 'half-even', overflow: 'wrap' },
      { rounding: 'half-up', overflow: 'saturate' },
      { unit: 'taylor', rounding: 'truncate', overflow: 'wrap' },
      { rounding: 'half-even', overflow: 'saturate' },
    ],
  },
  {
    bits: 16,
    percentile: 97,
    settings: [
      { unit: 'lutInterpolated', rounding: 'half-up', overflow: 'saturate' },
      { rounding: 'half-even', overflow: 'wrap' },
      { unit: 'plan', rounding: 'truncate', overflow: 'saturate' },
      { rounding: 'truncate', overflow: 'wrap' },
      { unit: 'taylor', rounding: 'half-up', overflow: 'saturate' },
      { rounding: 'half-up', overflow: 'wrap' },
    ],
  },
];

describe.each(VARIANTS)('activation circuits and rounding/overflow modes, $bits bits', (v) => {
  const f = floatMlp(v.bits);
  const rng = createRng(100 + v.bits);
  const calibration = Float64Array.from({ length: 64 * 3 }, () => 2 * (2 * rng.next() - 1));
  const base = quantizeMlp(f, { calibration, bits: v.bits, percentile: v.percentile });
  const q: QuantizedMlp = {
    ...base,
    layers: base.layers.map((l, k) => withUnit(l, v.settings[k]!)),
  };
  const fmt = q.layers[0]!.input;
  const half = 2 ** (fmt.width - 1);
  const inputs = Array.from({ length: 300 }, () =>
    Array.from({ length: 3 }, () => Math.floor(rng.next() * 2 * half) - half),
  );
  inputs.push([-half, -half, -half], [half - 1, half - 1, half - 1], [0, 0, 0]);
  const vectors = mlpVectors(q, inputs);
  const design = generateMlp(q, { name: `units_${v.bits}`, lanes: [1, 2, 5, 3, 1, 3] });

  it('covers the circuits it claims to test', () => {
    const kinds = JSON.stringify(q.layers.map((l) => l.activation));
    for (const k of [
      'sigmoidPlan',
      'sigmoidTaylor',
      '"lut"',
      'tanhViaSigmoid',
      'leakyRelu',
      'relu',
      'identity',
    ]) {
      expect(kinds).toContain(k);
    }
    // The random codes drive pre-activations beyond the activation-input range: both clip paths run.
    expect(new Set(vectors.expected.flat()).size).toBeGreaterThan(50);
  });

  it('CXXRTL equals the golden model bit for bit', async () => {
    const r = await simulateCxxrtl(design, vectors);
    expect(r.mismatchList).toEqual([]);
    expect(r.pass).toBe(true);
    expect(r.vectors).toBe(inputs.length);
  });

  it('Icarus Verilog equals the golden model bit for bit', async () => {
    if (!iverilogAvailable()) return;
    const r = await simulateIverilog(design, vectors);
    expect(r.mismatchList).toEqual([]);
    expect(r.pass).toBe(true);
  });
});
