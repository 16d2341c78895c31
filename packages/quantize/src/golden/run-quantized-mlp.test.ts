import { createRng } from '@latentkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unitErrorStats } from '../activations/error-table.js';
import { quantizeMlp } from '../calibrate/quantize-mlp.js';
import { QuantizationError } from '../errors/quantization-error.js';
import { dequantize, quantize } from '../fixed/quantize.js';
import { OVERFLOW_MODES, ROUNDING_MODES } from '../fixed/rounding.js';
import type { FloatActivation, FloatMlp } from '../float/float-mlp.js';
import { floatActivation } from '../float/float-mlp.js';
import { runFloatMlp } from '../float/run-float-mlp.js';
import type { QuantizedMlp } from './quantized-mlp.js';
import { referenceRun } from './reference-model.testutil.js';
import { runQuantizedMlp, runQuantizedMlpBatch } from './run-quantized-mlp.js';
import { parseQuantizedMlp } from './validate-quantized-mlp.js';

/** A random float MLP and calibration set. */
function randomMlp(seed: number, acts: FloatActivation[], sizes: number[], scale = 1) {
  const rng = createRng(seed);
  const mlp: FloatMlp = {
    layers: acts.map((activation, k) => {
      const m = sizes[k]!;
      const n = sizes[k + 1]!;
      return {
        name: `fc${k}`,
        inFeatures: m,
        outFeatures: n,
        activation,
        weight: Float64Array.from({ length: m * n }, () => (rng.next() * 2 - 1) * scale),
        bias: Float64Array.from({ length: n }, () => (rng.next() * 2 - 1) * 0.5),
      };
    }),
  };
  const calibration = Float64Array.from({ length: 64 * sizes[0]! }, () => rng.next() * 4 - 2);
  return { mlp, calibration };
}

const ACTS: FloatActivation[] = ['relu', 'linear', 'sigmoid', 'leakyRelu'];

describe('runQuantizedMlp (golden model)', () => {
  it('equals an independent BigInt implementation, and no accumulator ever overflows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.array(fc.constantFrom(...ACTS), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 3, max: 20 }),
        fc.constantFrom(...ROUNDING_MODES),
        fc.constantFrom(...OVERFLOW_MODES),
        fc.constantFrom('plan', 'lut', 'lutInterpolated') as fc.Arbitrary<
          'plan' | 'lut' | 'lutInterpolated'
        >,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (seed, acts, sizes, bits, rounding, overflow, sigmoid, u) => {
          const { mlp, calibration } = randomMlp(seed, acts, sizes, 1 + (seed % 7));
          const q = quantizeMlp(mlp, {
            calibration,
            bits,
            rounding,
            overflow,
            activations: { sigmoid, lutAddressBits: 5 },
          });
          const f = q.layers[0]!.input;
          const lo = -(2 ** (f.width - 1));
          const hi = 2 ** (f.width - 1) - 1;
          // Extreme codes (the worst case of the accumulator bound) and random ones.
          const inputs = [
            Array.from({ length: sizes[0]! }, (_, i) => (i % 2 ? lo : hi)),
            Array.from({ length: sizes[0]! }, () => lo),
            Array.from({ length: sizes[0]! }, (_, i) => Math.round(lo + (hi - lo) * u[i % 6]!)),
          ];
          for (const x of inputs) {
            expect(runQuantizedMlp(q, x).output).toEqual(referenceRun(q, x));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reaches the accumulator bound exactly for adversarial inputs without overflowing', () => {
    const { mlp, calibration } = randomMlp(7, ['linear'], [5, 3], 3);
    const q = quantizeMlp(mlp, { calibration, bits: 16 });
    const l = q.layers[0]!;
    const lo = -(2 ** 15);
    // x_i = −2^15·sign(w_i0): every product is +|w|·2^15.
    const x = Array.from({ length: 5 }, (_, i) => (l.weights[i * 3]! > 0 ? lo : -lo - 1));
    const acc = runQuantizedMlp(q, x).layers[0]!.accumulator[0]!;
    expect(Math.abs(acc)).toBeLessThanOrEqual(2 ** (l.accumulator.width - 1) - 1);
    expect(Math.abs(acc)).toBeGreaterThan(2 ** (l.accumulator.width - 2)); // the width is needed
  });

  it('agrees with the float model within a bound derived from the formats', () => {
    const acts: FloatActivation[] = ['relu', 'sigmoid', 'linear'];
    const { mlp, calibration } = randomMlp(3, acts, [4, 8, 6, 3]);
    for (const bits of [10, 16]) {
      const q = quantizeMlp(mlp, { calibration, bits, rounding: 'half-even' });
      const fl = runFloatMlp(mlp, calibration);
      const rows = calibration.length / 4;
      // Max |unit − σ| over the unit's whole input format (includes its output rounding).
      const unitErr = q.layers.map((l, k) =>
        mlp.layers[k]!.activation === 'sigmoid'
          ? unitErrorStats(
              l.activation,
              l.activationInput,
              l.activationOutput,
              floatActivation('sigmoid'),
            ).maxAbsError + 1e-6
          : 0,
      );
      // Propagate a worst-case error bound layer by layer (per row, elementwise max).
      for (let r = 0; r < rows; r++) {
        const xf = Array.from(calibration.subarray(r * 4, r * 4 + 4));
        const xq = xf.map((v) => quantize(v, q.layers[0]!.input));
        const res = runQuantizedMlp(q, xq);
        let eIn = Math.max(
          ...xf.map((v, i) => Math.abs(v - dequantize(xq[i]!, q.layers[0]!.input))),
        );
        let xin = xf;
        q.layers.forEach((l, k) => {
          const fLayer = mlp.layers[k]!;
          const n = l.outFeatures;
          const lsb = (f: { frac: number }) => 2 ** -f.frac;
          const fOut = Array.from(fl.layers[k]!.output.subarray(r * n, r * n + n));
          let eOut = 0;
          for (let j = 0; j < n; j++) {
            let ePre = Math.abs(fLayer.bias[j]! - dequantize(l.biases[j]!, l.biasFormat));
            for (let i = 0; i < l.inFeatures; i++) {
              const wq = dequantize(l.weights[i * n + j]!, l.weightFormat);
              ePre +=
                Math.abs(wq) * eIn + Math.abs(xin[i]!) * Math.abs(wq - fLayer.weight[i * n + j]!);
            }
            ePre += lsb(l.activationInput) / 2; // nearest rounding into the unit
            const lip = fLayer.activation === 'sigmoid' ? 0.25 : 1;
            const eUnit = unitErr[k]!;
            const eReq = l.output.frac === l.activationOutput.frac ? 0 : lsb(l.output) / 2;
            const bound = lip * ePre + eUnit + eReq;
            const got = dequantize(res.layers[k]!.output[j]!, l.output);
            expect(Math.abs(got - fOut[j]!)).toBeLessThanOrEqual(bound * (1 + 1e-9));
            eOut = Math.max(eOut, bound);
          }
          if (bits === 16) expect(eOut).toBeLessThan(0.02); // the bound is not vacuous
          eIn = eOut;
          xin = fOut;
        });
      }
    }
  });

  it('is deterministic, JSON round-trips, and batch runs match single runs', () => {
    const { mlp, calibration } = randomMlp(11, ['tanh', 'sigmoid'], [3, 5, 2]);
    const q = quantizeMlp(mlp, { calibration, bits: 12 });
    const copy = parseQuantizedMlp(JSON.stringify(q));
    const x = [100, -2000, 1500];
    const a = runQuantizedMlp(q, x);
    expect(runQuantizedMlp(q, x)).toEqual(a);
    expect(runQuantizedMlp(copy, x)).toEqual(a);
    const batch = runQuantizedMlpBatch(q, [...x, 0, 0, 0]);
    expect([...batch.subarray(0, 2)]).toEqual(a.output);
    expect([...batch.subarray(2)]).toEqual(runQuantizedMlp(q, [0, 0, 0]).output);
  });

  it('rejects bad inputs and inconsistent or overflowing models with typed errors', () => {
    const { mlp, calibration } = randomMlp(5, ['relu'], [2, 2]);
    const q = quantizeMlp(mlp, { calibration, bits: 8 });
    expect(() => runQuantizedMlp(q, [1, 2, 3])).toThrow(/expected 2 codes/);
    expect(() => runQuantizedMlp(q, [1000, 0])).toThrow(QuantizationError);
    const narrow: QuantizedMlp = structuredClone(q);
    narrow.layers[0]!.accumulator = {
      ...narrow.layers[0]!.accumulator,
      width: narrow.layers[0]!.accumulator.width - 1,
    };
    try {
      runQuantizedMlp(narrow, [0, 0]);
      expect.unreachable();
    } catch (e) {
      expect((e as QuantizationError).problem).toBe('overflow');
    }
    const badUnit = structuredClone(q) as unknown as { layers: { activation: { kind: string } }[] };
    badUnit.layers[0]!.activation = { kind: 'softplus' };
    expect(() => runQuantizedMlp(badUnit as unknown as QuantizedMlp, [0, 0])).toThrow(
      /unknown activation unit/,
    );
    expect(() =>
      quantizeMlp(
        { layers: [{ ...mlp.layers[0]!, activation: 'elu' as FloatActivation }] },
        { calibration },
      ),
    ).toThrow(QuantizationError);
    expect(() => quantizeMlp(mlp, { calibration, bits: 1 })).toThrow(/bits/);
  });
});
