import {
  dequantize,
  quantize,
  quantizeMlp,
  quantizeVae,
  runFloatMlp,
  runFloatVae,
  runQuantizedMlp,
  runQuantizedVae,
} from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { importOnnxModel } from './import-onnx-model.js';
import { fixtureBytes, maxAbsError, referenceFor, requireFloat } from './testing/fixtures.js';

// The imported float description is the hardware path's input: run in float64 by quantize's own
// reference it must reproduce PyTorch, and it must quantize into a golden model that follows it.

const mnist = {
  float: requireFloat(
    importOnnxModel({
      encoder: fixtureBytes('mnist-vae-encoder.onnx'),
      decoder: fixtureBytes('mnist-vae-decoder.onnx'),
    }),
  ),
};

describe('imported MLPs on the hardware path', () => {
  it("the MNIST VAE's FloatVae reproduces PyTorch's μ, log σ² and decoder means (float64 run)", () => {
    const enc = referenceFor('mnist-vae-encoder.onnx');
    const dec = referenceFor('mnist-vae-decoder.onnx');
    const run = runFloatVae(mnist.float, enc.input.values);
    const decoded = runFloatMlp(mnist.float.decoder, dec.input.values).output;
    const errors = {
      mu: maxAbsError(run.mu, enc.outputs.mu!.values),
      logVar: maxAbsError(run.logVar, enc.outputs.logvar!.values),
      decoderMean: maxAbsError(decoded, dec.outputs.x_mean!.values),
    };
    console.log(`FloatVae vs PyTorch, max abs error: ${JSON.stringify(errors)}`);
    for (const e of Object.values(errors)) expect(e).toBeLessThanOrEqual(1e-5);
  });

  it('the MNIST VAE quantizes (16 bits) and its golden model follows the float model', () => {
    const enc = referenceFor('mnist-vae-encoder.onnx');
    const x = Float64Array.from(enc.input.values);
    const q = quantizeVae(mnist.float, { calibration: x, bits: 16 });
    expect(q.latentDim).toBe(8);
    const float = runFloatVae(mnist.float, x.subarray(0, 784));
    const codes = [...x.subarray(0, 784)].map((v) => quantize(v, q.encoder.layers[0]!.input));
    const golden = runQuantizedVae(q, codes);
    const outFormat = q.decoder.layers.at(-1)!.output;
    const recon = golden.output.map((c) => dequantize(c, outFormat));
    const error = maxAbsError(recon, float.reconstruction);
    console.log(`quantized (16-bit) MNIST VAE vs float, decoder means max abs error ${error}`);
    expect(error).toBeLessThan(1e-3);
  });

  it("an imported autoencoder's decoder quantizes and follows its float model", () => {
    const ae = importOnnxModel({
      encoder: fixtureBytes('tanh-ae-encoder.onnx'),
      decoder: fixtureBytes('tanh-ae-decoder.onnx'),
    });
    const dec = referenceFor('tanh-ae-decoder.onnx');
    const z = Float64Array.from(dec.input.values);
    const q = quantizeMlp(requireFloat(ae).decoder, { calibration: z, bits: 16 });
    const codes = [...z.subarray(0, 3)].map((v) => quantize(v, q.layers[0]!.input));
    const out = runQuantizedMlp(q, codes).output.map((c) => dequantize(c, q.layers.at(-1)!.output));
    const error = maxAbsError(out, dec.outputs.x_mean!.values.slice(0, 6));
    console.log(`quantized (16-bit) tanh AE decoder vs PyTorch, max abs error ${error}`);
    expect(error).toBeLessThan(1e-3);
  });
});
