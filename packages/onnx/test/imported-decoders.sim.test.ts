/**
 * Imported ONNX decoders on the whole hardware path: importOnnxModel → quantizeMlp → generateMlp
 * → Icarus Verilog, bit-exact with the golden model. Icarus runs when installed and is required
 * when `CI` is set (`.ci/run` installs the Debian package `iverilog`), as in @latentkit/verilog's
 * own simulation tests.
 */
import { createRng } from '@latentkit/core';
import { quantize, quantizeMlp } from '@latentkit/quantize';
import { generateMlp, mlpVectors } from '@latentkit/verilog';
import { availableSimulators, simulateIverilog } from '@latentkit/verilog/node';
import { describe, expect, it } from 'vitest';
import { importOnnxModel } from '../src/import-onnx-model.js';
import { fixtureBytes, requireFloat } from '../src/testing/fixtures.js';

const REQUIRED =
  (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') ||
  process.env.LATENTKIT_REQUIRE_IVERILOG === '1';

function iverilogAvailable(): boolean {
  if (availableSimulators().iverilog) return true;
  if (REQUIRED) throw new Error('iverilog is required here (CI): apt-get install iverilog');
  console.warn('iverilog not installed: the imported decoders were not simulated');
  return false;
}

const CASES = [
  {
    name: 'Iris VAE decoder 2-16 LeakyReLU-4',
    encoder: 'iris-vae-encoder.onnx',
    decoder: 'iris-vae-decoder.onnx',
    vectors: 20,
  },
  {
    name: 'MNIST VAE decoder 8-32 ReLU-784 sigmoid',
    encoder: 'mnist-vae-encoder.onnx',
    decoder: 'mnist-vae-decoder.onnx',
    vectors: 3,
  },
] as const;

describe('imported decoders in Verilog', () => {
  it.each(CASES)('$name: RTL = golden model, bit for bit', async (c) => {
    if (!iverilogAvailable()) return;
    const float = requireFloat(
      importOnnxModel({ encoder: fixtureBytes(c.encoder), decoder: fixtureBytes(c.decoder) }),
    );
    const latent = float.decoder.layers[0]!.inFeatures;
    const rng = createRng(7);
    const calibration = Float64Array.from({ length: 64 * latent }, () => 2 * rng.next() - 1);
    const q = quantizeMlp(float.decoder, { calibration, bits: 16 });
    const inputs = Array.from({ length: c.vectors }, (_, r) =>
      Array.from({ length: latent }, (_, i) =>
        quantize(calibration[r * latent + i]!, q.layers[0]!.input),
      ),
    );
    const design = generateMlp(q, { name: 'onnx_decoder' });
    const result = await simulateIverilog(design, mlpVectors(q, inputs), { stall: false });
    console.log(
      `${c.name}: ${result.vectors} vectors, ${result.mismatchList.length} mismatches, latency ${result.latency} cycles`,
    );
    expect(result.vectors).toBe(c.vectors);
    expect(result.mismatchList).toEqual([]);
    expect(result.pass).toBe(true);
  });
});
