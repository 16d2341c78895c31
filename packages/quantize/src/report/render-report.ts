import type { ErrorStats } from '../activations/error-table.js';
import type { QuantizationReport } from './quantization-report.js';

const num = (v: number, digits = 4): string =>
  Number.isFinite(v)
    ? Math.abs(v) >= 1e-3 || v === 0
      ? v.toFixed(digits)
      : v.toExponential(2)
    : '∞';

/**
 * Renders a {@link QuantizationReport} as Markdown: a reconstruction-error table (float and each
 * width) and a per-layer SQNR table.
 *
 * @example
 * ```ts
 * import { quantizationReport, renderQuantizationReport } from '@latentkit/quantize';
 *
 * const md = renderQuantizationReport(quantizationReport(vae, { data: images, bits: [8, 12] }));
 * // Markdown: a reconstruction-error table (float, 8-bit, 12-bit) and the formats chosen
 * ```
 */
export function renderQuantizationReport(report: QuantizationReport): string {
  const bern = report.likelihood === 'bernoulli';
  const lines = [
    `Reconstruction error on ${report.rows} rows × ${report.features} features (z = μ; ${
      bern ? 'Bernoulli decoder: MSE in probability space, BCE in nats per row' : 'MSE'
    }).`,
    '',
    `| model | MSE | Δ vs float |${bern ? ' BCE (nats/row) |' : ''}`,
    `| --- | ---: | ---: |${bern ? ' ---: |' : ''}`,
    `| float | ${num(report.float.mse, 6)} | — |${bern ? ` ${num(report.float.bce ?? 0)} |` : ''}`,
    ...report.entries.map(
      (e) =>
        `| ${e.bits}-bit | ${num(e.mse, 6)} | ${(100 * e.mseRelativeChange).toFixed(2)} % |${
          bern ? ` ${num(e.bce ?? 0)} |` : ''
        }`,
    ),
    '',
    '| bits | layer | weight SQNR (dB) | activation SQNR (dB) |',
    '| ---: | --- | ---: | ---: |',
    ...report.entries.flatMap((e) =>
      e.layers.map(
        (l) =>
          `| ${e.bits} | ${l.part}: ${l.name} | ${num(l.weightSqnrDb, 1)} | ${num(l.activationSqnrDb, 1)} |`,
      ),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Renders named {@link ErrorStats} rows as a Markdown table (max and mean |error|).
 *
 * @example
 * ```ts
 * import { functionErrorStats, renderErrorTable, sigmoidPlanFloat, sigmoidTaylorFloat } from '@latentkit/quantize';
 *
 * const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
 * const range = { lo: -8, hi: 8 };
 * console.log(renderErrorTable([
 *   { name: 'PLAN', stats: functionErrorStats(sigmoidPlanFloat, sigmoid, range) },
 *   { name: 'Taylor 5', stats: functionErrorStats(sigmoidTaylorFloat, sigmoid, range) },
 * ])); // a Markdown table: approximation, range, points, max |error| (and where), mean |error|
 * ```
 */
export function renderErrorTable(rows: { name: string; stats: ErrorStats }[]): string {
  const lines = [
    '| approximation | range | points | max \\|error\\| | at x | mean \\|error\\| |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      ({ name, stats: s }) =>
        `| ${name} | [${num(s.lo, 3)}, ${num(s.hi, 3)}] | ${s.points} | ${num(s.maxAbsError, 5)} | ${num(s.argMax, 3)} | ${num(s.meanAbsError, 5)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
