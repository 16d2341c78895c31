import type { BitsReport, QuantizationReport } from '@latentkit/quantize';
import { isNumericCell } from '@latentkit/report';
import { describe, expect, it } from 'vitest';
import {
  decibels,
  errorVerdict,
  reconstructionTable,
  signedPercent,
  sqnrTable,
} from './error-tables.js';

function entry(bits: number, mse: number, bce: number | null, sqnr: number[]): BitsReport {
  return {
    bits,
    mse,
    bce,
    mseRelativeChange: Number.NaN, // the tables recompute changes from mse/bce
    layers: [
      { part: 'encoder', name: 'encoder.fc1', weightSqnrDb: sqnr[0]!, activationSqnrDb: sqnr[1]! },
      { part: 'decoder', name: 'decoder.out', weightSqnrDb: sqnr[2]!, activationSqnrDb: sqnr[3]! },
    ],
    model: {} as BitsReport['model'],
  };
}

const bern: QuantizationReport = {
  rows: 10,
  features: 784,
  likelihood: 'bernoulli',
  float: { mse: 0.02, bce: 100 },
  entries: [
    entry(8, 0.025, 110, [40.04, 30.06, 41, 29]),
    entry(16, 0.02001, 100.2, [90, 80, Infinity, 85]),
  ],
};

describe('signedPercent / decibels', () => {
  it('formats numeric report cells', () => {
    expect(signedPercent(0.0123)).toBe('+1.23%');
    expect(signedPercent(-0.5)).toBe('-50.00%');
    expect(signedPercent(-0.00001)).toBe('+0.00%');
    expect(signedPercent(Number.NaN)).toBe('—');
    expect(isNumericCell(signedPercent(-0.0123))).toBe(true);
    expect(decibels(41.26)).toBe('41.3');
    expect(decibels(Infinity)).toBe('∞');
  });
});

describe('reconstructionTable', () => {
  it('lists float, then each width with MSE and BCE changes against float', () => {
    const t = reconstructionTable(bern);
    expect(t.columns).toEqual([
      'model',
      'MSE',
      'Δ MSE vs float',
      'BCE (nats/image)',
      'Δ BCE vs float',
    ]);
    expect(t.rows).toEqual([
      ['float64', '0.020000', '—', '100.000', '—'],
      // (0.025 − 0.02) / 0.02 = +25 %, (110 − 100) / 100 = +10 %
      ['8-bit', '0.025000', '+25.00%', '110.000', '+10.00%'],
      // (0.02001 − 0.02) / 0.02 = +0.05 %, 0.2 / 100 = +0.2 %
      ['16-bit', '0.020010', '+0.05%', '100.200', '+0.20%'],
    ]);
  });

  it('has no BCE columns for a Gaussian decoder', () => {
    const g: QuantizationReport = {
      ...bern,
      likelihood: 'gaussian',
      float: { mse: 0.5, bce: null },
      entries: [entry(12, 0.49, null, [1, 2, 3, 4])],
    };
    expect(reconstructionTable(g)).toEqual({
      columns: ['model', 'MSE', 'Δ MSE vs float'],
      rows: [
        ['float64', '0.500000', '—'],
        ['12-bit', '0.490000', '-2.00%'],
      ],
    });
  });
});

describe('sqnrTable', () => {
  it('has one row per layer and two columns per width', () => {
    expect(sqnrTable(bern)).toEqual({
      columns: [
        'layer',
        '8-bit weights (dB)',
        '8-bit outputs (dB)',
        '16-bit weights (dB)',
        '16-bit outputs (dB)',
      ],
      rows: [
        ['encoder: encoder.fc1', '40.0', '30.1', '90.0', '80.0'],
        ['decoder: decoder.out', '41.0', '29.0', '∞', '85.0'],
      ],
    });
    expect(sqnrTable({ ...bern, entries: [] }).rows).toEqual([]);
  });
});

describe('errorVerdict', () => {
  it('passes when both MSE and BCE changes are within the tolerance', () => {
    const v = errorVerdict(bern, 16, 0.01);
    expect(v.mseChange).toBeCloseTo(0.0005, 12);
    expect(v.bceChange).toBeCloseTo(0.002, 12);
    expect(v.pass).toBe(true);
    expect(errorVerdict(bern, 16, 0.001).pass).toBe(false); // BCE +0.2 % > 0.1 %
    expect(errorVerdict(bern, 8, 0.01).pass).toBe(false);
    expect(() => errorVerdict(bern, 12)).toThrow(RangeError);
  });

  it('judges a Gaussian decoder on MSE alone', () => {
    const g: QuantizationReport = {
      ...bern,
      likelihood: 'gaussian',
      float: { mse: 1, bce: null },
      entries: [entry(16, 1.005, null, [1, 2, 3, 4])],
    };
    const v = errorVerdict(g);
    expect(v.pass).toBe(true);
    expect(Number.isNaN(v.bceChange)).toBe(true);
  });
});
