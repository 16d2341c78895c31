import type { QuantizationReport } from '@latentkit/quantize';
import type { BenchTable } from '../benchmark.js';

/** A signed percentage with two decimals and no space, e.g. `+0.03%` (a numeric report cell). */
export function signedPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  const v = 100 * fraction;
  const text = Math.abs(v).toFixed(2);
  return `${v < 0 && text !== '0.00' ? '-' : '+'}${text}%`;
}

/** Decibels with one decimal, `∞` for an exact quantization. */
export function decibels(db: number): string {
  return Number.isFinite(db) ? db.toFixed(1) : '∞';
}

/** Relative change `(x − ref) / ref`, or NaN when `ref` is 0 or missing. */
function relative(x: number | null, ref: number | null): number {
  return x === null || ref === null || ref === 0 ? Number.NaN : (x - ref) / ref;
}

/**
 * The reconstruction-error table of a quantization report: one row for the float model, then
 * one per bit width: MSE (over all elements, in the data's units — probability space for a
 * sigmoid decoder), its relative change against the float model, and for a Bernoulli decoder the
 * per-image BCE (nats) with its relative change.
 */
export function reconstructionTable(report: QuantizationReport): BenchTable {
  const bern = report.likelihood === 'bernoulli';
  const columns = [
    'model',
    'MSE',
    'Δ MSE vs float',
    ...(bern ? ['BCE (nats/image)', 'Δ BCE vs float'] : []),
  ];
  const row = (name: string, mse: number, bce: number | null, isFloat: boolean) => [
    name,
    mse.toFixed(6),
    isFloat ? '—' : signedPercent(relative(mse, report.float.mse)),
    ...(bern
      ? [
          (bce ?? Number.NaN).toFixed(3),
          isFloat ? '—' : signedPercent(relative(bce, report.float.bce)),
        ]
      : []),
  ];
  return {
    columns,
    rows: [
      row('float64', report.float.mse, report.float.bce, true),
      ...report.entries.map((e) => row(`${e.bits}-bit`, e.mse, e.bce, false)),
    ],
  };
}

/**
 * Per-layer SQNR of a quantization report: one row per layer (encoder first), two columns per
 * bit width — the weights' SQNR and the layer outputs' SQNR (end to end: float outputs against
 * the dequantized golden-model outputs on the same input rows), in dB.
 */
export function sqnrTable(report: QuantizationReport): BenchTable {
  const first = report.entries[0];
  if (!first) return { columns: ['layer'], rows: [] };
  return {
    columns: [
      'layer',
      ...report.entries.flatMap((e) => [
        `${e.bits}-bit weights (dB)`,
        `${e.bits}-bit outputs (dB)`,
      ]),
    ],
    rows: first.layers.map((l, k) => [
      `${l.part}: ${l.name}`,
      ...report.entries.flatMap((e) => [
        decibels(e.layers[k]!.weightSqnrDb),
        decibels(e.layers[k]!.activationSqnrDb),
      ]),
    ]),
  };
}

/** Whether the quantized reconstruction error of one width is within a tolerance of float's. */
export interface ErrorVerdict {
  /** The width checked. */
  bits: number;
  /** Relative tolerance, e.g. 0.01 for 1 %. */
  tolerance: number;
  /** |Δ MSE| / float MSE. */
  mseChange: number;
  /** |Δ BCE| / float BCE, or NaN without a Bernoulli decoder. */
  bceChange: number;
  /** Both changes (MSE and, when present, BCE) within the tolerance. */
  pass: boolean;
}

/**
 * Checks that the reconstruction error of the `bits`-wide model differs from the float model's
 * by at most `tolerance` (relative), for MSE and, for a Bernoulli decoder, BCE.
 *
 * @throws {RangeError} when the report has no entry of that width.
 */
export function errorVerdict(
  report: QuantizationReport,
  bits = 16,
  tolerance = 0.01,
): ErrorVerdict {
  const e = report.entries.find((x) => x.bits === bits);
  if (!e) throw new RangeError(`the quantization report has no ${bits}-bit entry`);
  const mseChange = Math.abs(relative(e.mse, report.float.mse));
  const bceChange = Math.abs(relative(e.bce, report.float.bce));
  const pass =
    mseChange <= tolerance && (report.likelihood !== 'bernoulli' || bceChange <= tolerance);
  return { bits, tolerance, mseChange, bceChange, pass };
}
