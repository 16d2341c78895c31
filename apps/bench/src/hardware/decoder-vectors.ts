import { type QuantizedVae, quantize, runQuantizedVae } from '@latentkit/quantize';
import { mlpVectors, type TestVectors } from '@latentkit/verilog';

/** Test vectors of a VAE's decoder made from real data rows. */
export interface DecoderVectors {
  /** Input codes (z = μ of each row, in the decoder's input format) and expected output codes. */
  vectors: TestVectors;
  /** Data rows the vectors came from (indices into the data). */
  rows: number[];
}

/**
 * Test vectors for the decoder of a quantized VAE, from data rows: each row is quantized into the
 * encoder's input format (with the model's rounding, saturating) and run through the whole golden
 * model on the deterministic path (z = μ rounded into the latent format); the z codes are the
 * decoder's inputs and `mlpVectors` (the decoder's golden model alone) gives the expected outputs.
 *
 * @param data - Rows `[n, features]` in the encoder's input units (e.g. pixels / 255).
 * @param rows - Which rows to use, in order.
 * @throws {RangeError} if a row index is out of range, or if the decoder's golden model alone
 *   disagrees with the VAE's decoder output (a consistency check that cannot fail unless the
 *   golden models diverge).
 */
export function decoderVectors(
  q: QuantizedVae,
  data: ArrayLike<number>,
  rows: readonly number[],
): DecoderVectors {
  const first = q.encoder.layers[0]!;
  const features = first.inFeatures;
  const n = Math.floor(data.length / features);
  const z: number[][] = [];
  const vaeOut: number[][] = [];
  for (const r of rows) {
    if (!Number.isInteger(r) || r < 0 || r >= n) {
      throw new RangeError(`row ${r} is outside 0…${n - 1}`);
    }
    const x = Array.from({ length: features }, (_, i) =>
      quantize(data[r * features + i]!, first.input, {
        rounding: first.rounding,
        overflow: 'saturate',
      }),
    );
    const res = runQuantizedVae(q, x, { validate: false });
    z.push(res.z);
    vaeOut.push(res.output);
  }
  const vectors = mlpVectors(q.decoder, z);
  vectors.expected.forEach((e, i) => {
    if (e.some((c, j) => c !== vaeOut[i]![j])) {
      throw new RangeError(`row ${rows[i]}: decoder golden model ≠ VAE golden model`);
    }
  });
  return { vectors, rows: [...rows] };
}
