import { dequantize, type QuantizedVae, quantize, runQuantizedVae } from '@latentkit/quantize';
import type { ImageGridFigure } from '@latentkit/report';
import { reconstructionStrip } from '../../hardware/reconstruction-strip.js';
import type { VerilogRun } from './verilog-run.js';

/** Dequantized decoder outputs of the golden model for some data rows (z = μ). */
function goldenImages(q: QuantizedVae, data: Float32Array, rows: readonly number[]): Float64Array {
  const first = q.encoder.layers[0]!;
  const outFmt = q.decoder.layers[q.decoder.layers.length - 1]!.output;
  const n = first.inFeatures;
  const out = new Float64Array(rows.length * q.decoder.layers.at(-1)!.outFeatures);
  rows.forEach((r, i) => {
    const x = Array.from({ length: n }, (_, j) =>
      quantize(data[r * n + j]!, first.input, { rounding: first.rounding }),
    );
    const y = runQuantizedVae(q, x, { validate: false }).output;
    y.forEach((c, j) => {
      out[i * y.length + j] = dequantize(c, outFmt);
    });
  });
  return out;
}

/** Column indices (into the simulated vectors) of the first example of each digit, else 0…9. */
export function stripColumns(labels: Uint8Array, vectors: number): number[] {
  const cols: number[] = [];
  for (let d = 0; d < 10; d++) {
    const i = labels.subarray(0, vectors).indexOf(d);
    if (i >= 0) cols.push(i);
  }
  return cols.length === 10 ? cols : Array.from({ length: Math.min(10, vectors) }, (_, i) => i);
}

/** Test images and their reconstructions: float, the 16-bit RTL, the 12- and 8-bit golden models. */
export function stripFigure(r: VerilogRun): ImageGridFigure {
  const cols = stripColumns(r.testLabels, r.decoderVectors.rows.length);
  const px = 784;
  const pick = (all: ArrayLike<number>) => {
    const out = new Float64Array(cols.length * px);
    cols.forEach((c, i) => {
      for (let j = 0; j < px; j++) out[i * px + j] = all[c * px + j]!;
    });
    return out;
  };
  const outFmt = r.q16.decoder.layers.at(-1)!.output;
  const rtl = r.decoderSims.find((s) => s.ran && s.outputs.length >= r.decoderVectors.rows.length);
  const rtlCodes = rtl ? rtl.outputs : r.decoderVectors.vectors.expected;
  const rtlImages = pick(rtlCodes.flat().map((c) => dequantize(c, outFmt)));
  const model = (bits: number) => r.report.entries.find((e) => e.bits === bits)?.model;
  const rows = [
    { label: 'test image', images: pick(r.test) },
    { label: 'float64', images: pick(r.floatRecon) },
    { label: rtl ? `16-bit RTL (${rtl.simulator})` : '16-bit golden', images: rtlImages },
    ...[12, 8].flatMap((b) => {
      const q = model(b);
      return q ? [{ label: `${b}-bit golden`, images: goldenImages(q, r.test, cols) }] : [];
    }),
  ];
  return reconstructionStrip(rows, {
    title: 'MNIST reconstructions: float vs quantized (z = μ)',
    cols: cols.length,
    caption:
      'First test image of each digit; E[x|z = μ] of the float model, the 16-bit decoder as the ' +
      'RTL computed it in simulation (bit-exact with the golden model), and the 12-bit and 8-bit ' +
      'golden models (encoder and decoder quantized).',
  });
}
