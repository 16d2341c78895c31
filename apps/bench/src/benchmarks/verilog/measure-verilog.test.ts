import type { QuantizationReport } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { skippedRun } from '../../hardware/simulate-all.js';
import {
  cyclesToMicroseconds,
  firstLatency,
  maxAbsDifference,
  quantizationMeasures,
} from './measure-verilog.js';

describe('maxAbsDifference', () => {
  it('gives the largest absolute difference over the first array', () => {
    expect(maxAbsDifference([0.5, -1, 2], Float64Array.from([0.25, 1, 2, 100]))).toBe(2);
    expect(maxAbsDifference([], [1])).toBe(0);
  });
});

describe('firstLatency and cyclesToMicroseconds', () => {
  it('takes the first simulator that ran, and converts cycles at 100 MHz', () => {
    const ran = { ...skippedRun('cxxrtl', ''), ran: true, latency: 1234 };
    expect(firstLatency([skippedRun('iverilog', 'missing'), ran])).toBe(1234);
    expect(firstLatency([skippedRun('iverilog', 'missing')])).toBeUndefined();
    expect(cyclesToMicroseconds(1234)).toBeCloseTo(12.34, 12);
  });
});

describe('quantizationMeasures', () => {
  it('reads the MSE changes by bits and computes the 16-bit BCE change against float', () => {
    const entry = (bits: number, mseRelativeChange: number, bce: number) => ({
      bits,
      mseRelativeChange,
      bce,
      mse: 0.01 * (1 + mseRelativeChange),
    });
    const report = {
      float: { mse: 0.01, bce: 80 },
      entries: [entry(8, 0.5, 100), entry(12, 0.05, 82), entry(16, 0.002, 80.4)],
    } as unknown as QuantizationReport;
    const q = quantizationMeasures(report);
    expect(q.mseChange).toEqual({ 8: 0.5, 12: 0.05, 16: 0.002 });
    expect(q.bceChange16).toBeCloseTo(0.005, 12);
    expect(q.verdict16.pass).toBe(true);
  });
});
