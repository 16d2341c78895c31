import type { QuantizationReport } from '@latentkit/quantize';
import { type ErrorVerdict, errorVerdict } from '../../hardware/error-tables.js';
import type { SimulatorRun } from '../../hardware/simulate-all.js';

/** Clock of the Nexys4 DDR, MHz (latency in µs = cycles / this). */
export const CLOCK_MHZ = 100;

/** How far the quantized models' reconstructions are from the float model's. */
export interface QuantizationMeasures {
  /** Whether the 16-bit model is within 1% of float (MSE and BCE). */
  verdict16: ErrorVerdict;
  /** Relative change of the reconstruction MSE against float, by bits. */
  mseChange: { 8: number; 12: number; 16: number };
  /** Relative change of the 16-bit model's BCE against float. */
  bceChange16: number;
}

/** max |a − b| over `a`'s elements (`b` at least as long). */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** The latency of the first simulator that ran, cycles, or `undefined` when none did. */
export function firstLatency(runs: readonly SimulatorRun[]): number | undefined {
  return runs.find((s) => s.ran)?.latency;
}

/** Clock cycles as microseconds at {@link CLOCK_MHZ}. */
export function cyclesToMicroseconds(cycles: number): number {
  return cycles / CLOCK_MHZ;
}

/** The 8/12/16-bit error changes against float and the 16-bit verdict (within 1%). */
export function quantizationMeasures(report: QuantizationReport): QuantizationMeasures {
  const entry = (bits: number) => report.entries.find((x) => x.bits === bits)!;
  return {
    verdict16: errorVerdict(report, 16, 0.01),
    mseChange: {
      8: entry(8).mseRelativeChange,
      12: entry(12).mseRelativeChange,
      16: entry(16).mseRelativeChange,
    },
    bceChange16: (entry(16).bce! - report.float.bce!) / report.float.bce!,
  };
}
