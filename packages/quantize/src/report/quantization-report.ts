import { InvalidArgumentError, requireKnownOptions, ShapeError } from '@latentkit/core';
import { type QuantizeVaeOptions, quantizeVae } from '../calibrate/quantize-vae.js';
import { dequantize, quantizeUnchecked } from '../fixed/quantize.js';
import { type FloatVae, runFloatVae, validateFloatVae } from '../float/float-vae.js';
import { runFloatMlp } from '../float/run-float-mlp.js';
import type { QuantizedMlp } from '../golden/quantized-mlp.js';
import { type QuantizedVae, runQuantizedVae } from '../golden/quantized-vae.js';

/** SQNR of one layer of one quantized model. */
export interface LayerSqnr {
  /** `'encoder'` or `'decoder'`. */
  part: 'encoder' | 'decoder';
  /** Layer name. */
  name: string;
  /** 10·log10(Σw² / Σ(w − ŵ)²) over the layer's weights, dB (Infinity if exact). */
  weightSqnrDb: number;
  /**
   * 10·log10(Σa² / Σ(a − â)²) of the layer's outputs over the data rows, dB: float outputs vs
   * dequantized golden-model outputs on the same input rows, so it includes the error carried
   * from earlier layers (end-to-end at that layer). The decoder is fed z = μ in both models.
   */
  activationSqnrDb: number;
}

/** Figures of one bit width. */
export interface BitsReport {
  /** Width of weights, biases and activations. */
  bits: number;
  /** Reconstruction MSE of the quantized model (mean over rows and features). */
  mse: number;
  /** Bernoulli NLL in nats per row (sum over features, mean over rows), or null for Gaussian. */
  bce: number | null;
  /** (mse − float mse) / float mse. */
  mseRelativeChange: number;
  /** Per-layer SQNR. */
  layers: LayerSqnr[];
  /** The quantized model. */
  model: QuantizedVae;
}

/** Result of {@link quantizationReport}. */
export interface QuantizationReport {
  /** Rows evaluated. */
  rows: number;
  /** Features per row. */
  features: number;
  /** `'bernoulli'` (decoder ends in sigmoid: outputs are probabilities) or `'gaussian'`. */
  likelihood: 'bernoulli' | 'gaussian';
  /** The float model's reconstruction MSE and BCE (as in {@link BitsReport}). */
  float: {
    /** Reconstruction MSE of the float model (mean over rows and features). */
    mse: number;
    /** Bernoulli NLL in nats per row (sum over features, mean over rows), or null for Gaussian. */
    bce: number | null;
  };
  /** One entry per bit width, in the order asked. */
  entries: BitsReport[];
}

/** Options of {@link quantizationReport}. */
export interface QuantizationReportOptions {
  /** Rows to evaluate `[rows, features]` (e.g. the test set). */
  data: ArrayLike<number>;
  /** Calibration rows (e.g. the training set). Default `data`. */
  calibration?: ArrayLike<number>;
  /** Bit widths. Default `[8, 12, 16]`. */
  bits?: number[];
  /** Other quantization options (shared by every width). */
  quantize?: Omit<QuantizeVaeOptions, 'bits' | 'calibration'>;
}

/** Probabilities are clamped to [1e−7, 1 − 1e−7] in the BCE (quantized outputs may hit 0 or 1). */
const P_EPS = 1e-7;

function reconErrors(x: ArrayLike<number>, y: ArrayLike<number>, rows: number, bern: boolean) {
  let se = 0;
  let nll = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - y[i]!;
    se += d * d;
    if (bern) {
      const p = Math.min(1 - P_EPS, Math.max(P_EPS, y[i]!));
      nll -= x[i]! * Math.log(p) + (1 - x[i]!) * Math.log(1 - p);
    }
  }
  return { mse: se / x.length, bce: bern ? nll / rows : null };
}

const db = (signal: number, noise: number): number =>
  noise === 0 ? Infinity : 10 * Math.log10(signal / noise);

function weightSqnr(q: QuantizedMlp, k: number, w: ArrayLike<number>): number {
  const l = q.layers[k]!;
  let s = 0;
  let n = 0;
  for (let i = 0; i < w.length; i++) {
    const e = w[i]! - dequantize(l.weights[i]!, l.weightFormat);
    s += w[i]! * w[i]!;
    n += e * e;
  }
  return db(s, n);
}

/**
 * Quantizes a float VAE at several widths and measures reconstruction error (deterministic
 * path: z = μ in both models) and per-layer SQNR against the float model on `data`.
 *
 * Reconstruction error: MSE over all elements, in the data's units — for a Bernoulli decoder
 * (last decoder activation `'sigmoid'`) that is MSE in probability space; such reports also give
 * the Bernoulli NLL (BCE, nats per row, probabilities clamped to [1e−7, 1 − 1e−7]).
 *
 * @throws {@link ShapeError} if `data` does not match the encoder input width;
 *   {@link InvalidArgumentError} for empty data or bad widths.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { quantizationReport, renderQuantizationReport } from '@latentkit/quantize';
 *
 * const report = quantizationReport(vae, { data: testImages, calibration: trainImages, bits: [6, 8, 12] });
 * report.entries; // per width: reconstruction error of the quantized VAE vs. the float one
 * console.log(renderQuantizationReport(report));
 * ```
 */
export function quantizationReport(
  vae: FloatVae,
  options: QuantizationReportOptions,
): QuantizationReport {
  requireKnownOptions(
    options,
    ['data', 'calibration', 'bits', 'quantize'],
    'quantizationReport options',
  );
  validateFloatVae(vae);
  const data = options.data;
  const features = vae.encoder.layers[0]!.inFeatures;
  if (!data || data.length === 0) throw new InvalidArgumentError('data', 'must not be empty');
  if (data.length % features !== 0) {
    throw new ShapeError(
      `data: length ${data.length} is not a multiple of ${features}`,
      [null, features],
      [data.length],
    );
  }
  const rows = data.length / features;
  const bern = vae.decoder.layers[vae.decoder.layers.length - 1]!.activation === 'sigmoid';
  const fl = runFloatVae(vae, data);
  const floatEnc = runFloatMlp(vae.encoder, data);
  const floatDec = runFloatMlp(vae.decoder, fl.mu);
  const entries = (options.bits ?? [8, 12, 16]).map((bits): BitsReport => {
    const model = quantizeVae(vae, {
      ...options.quantize,
      bits,
      calibration: options.calibration ?? data,
    });
    const outFmt = model.decoder.layers[model.decoder.layers.length - 1]!.output;
    const inFmt = model.encoder.layers[0]!.input;
    const recon = new Float64Array((rows * fl.reconstruction.length) / rows);
    const parts = [
      { part: 'encoder' as const, q: model.encoder, f: floatEnc },
      { part: 'decoder' as const, q: model.decoder, f: floatDec },
    ];
    const sig = parts.map((p) => p.q.layers.map(() => 0));
    const noi = parts.map((p) => p.q.layers.map(() => 0));
    const outW = recon.length / rows;
    for (let r = 0; r < rows; r++) {
      const x: number[] = [];
      for (let i = 0; i < features; i++) {
        x.push(
          quantizeUnchecked(
            data[r * features + i]!,
            inFmt,
            model.encoder.layers[0]!.rounding,
            'saturate',
          ),
        );
      }
      const res = runQuantizedVae(model, x, { trace: true, validate: r === 0 });
      for (let j = 0; j < outW; j++) recon[r * outW + j] = dequantize(res.output[j]!, outFmt);
      [res.encoder, res.decoder].forEach((run, p) => {
        run.layers.forEach((t, k) => {
          const layer = parts[p]!.q.layers[k]!;
          const fOut = parts[p]!.f.layers[k]!.output;
          for (let j = 0; j < layer.outFeatures; j++) {
            const a = fOut[r * layer.outFeatures + j]!;
            const e = a - dequantize(t.output[j]!, layer.output);
            sig[p]![k]! += a * a;
            noi[p]![k]! += e * e;
          }
        });
      });
    }
    const err = reconErrors(data, recon, rows, bern);
    const floatErr = reconErrors(data, fl.reconstruction, rows, bern);
    const layers: LayerSqnr[] = parts.flatMap((p, pi) =>
      p.q.layers.map((l, k) => ({
        part: p.part,
        name: l.name,
        weightSqnrDb: weightSqnr(p.q, k, (pi === 0 ? vae.encoder : vae.decoder).layers[k]!.weight),
        activationSqnrDb: db(sig[pi]![k]!, noi[pi]![k]!),
      })),
    );
    return {
      bits,
      mse: err.mse,
      bce: err.bce,
      mseRelativeChange: (err.mse - floatErr.mse) / floatErr.mse,
      layers,
      model,
    };
  });
  const f = reconErrors(data, fl.reconstruction, rows, bern);
  return { rows, features, likelihood: bern ? 'bernoulli' : 'gaussian', float: f, entries };
}
