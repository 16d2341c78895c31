/**
 * End-to-end check of the verilog suite's pipeline at toy size, without synthesis (minutes): a
 * random float VAE of MNIST's input size → quantization report → 16-bit decoder RTL →
 * golden-model vectors from data rows → CXXRTL simulation (bit-exact) → the report output
 * (tables, notes, figures, files, JSON).
 */
import { type FloatVae, quantizationReport } from '@latentkit/quantize';
import { createRng, initBackend } from '@latentkit/tensor';
import { generateMlp } from '@latentkit/verilog';
import { beforeAll, describe, expect, it } from 'vitest';
import { decoderVectors } from '../../hardware/decoder-vectors.js';
import { irisHardware } from '../../hardware/iris-vae-flow.js';
import { simulateAll, skippedRun } from '../../hardware/simulate-all.js';
import { verilogOutput } from './render-verilog.js';
import { VERILOG_SETTINGS, type VerilogRun } from './verilog-run.js';

function randomVae(seed: number): FloatVae {
  const rng = createRng(seed);
  const layer = (
    inF: number,
    outF: number,
    activation: 'relu' | 'sigmoid' | 'linear',
    name: string,
  ) => ({
    name,
    inFeatures: inF,
    outFeatures: outF,
    activation,
    weight: Float64Array.from({ length: inF * outF }, () => (2 * rng.normal()) / Math.sqrt(inF)),
    bias: Float64Array.from({ length: outF }, () => 0.1 * rng.normal()),
  });
  return {
    encoder: {
      layers: [layer(784, 6, 'relu', 'encoder.fc1'), layer(6, 4, 'linear', 'encoder.head')],
    },
    decoder: {
      layers: [layer(2, 6, 'relu', 'decoder.fc1'), layer(6, 784, 'sigmoid', 'decoder.out')],
    },
  };
}

let run: VerilogRun;

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
  const rng = createRng(9);
  const rows = 20;
  const test = Float32Array.from({ length: rows * 784 }, () => (rng.next() < 0.8 ? 0 : rng.next()));
  const testLabels = Uint8Array.from({ length: rows }, (_, i) => i % 10);
  const vae = randomVae(3);
  const report = quantizationReport(vae, { data: test, bits: [8, 12, 16] });
  const q16 = report.entries.find((e) => e.bits === 16)!.model;
  const decoder = generateMlp(q16.decoder, {
    name: 'mnist_decoder',
    lanes: [2, 8],
    pipelinePost: true,
  });
  const vectors = decoderVectors(
    q16,
    test,
    Array.from({ length: 12 }, (_, i) => i),
  );
  const decoderSims = await simulateAll(decoder, vectors.vectors, { simulators: ['cxxrtl'] });
  const iris = await irisHardware(20, 5);
  run = {
    settings: { ...VERILOG_SETTINGS.quick, testRows: rows, vectors: 12 },
    headline: 'toy',
    training: {
      epochs: [],
      test: { negElbo: 1, recon: 0.5, kl: 0.5 } as VerilogRun['training']['test'],
    },
    lossFigure: { kind: 'line', title: 'loss', xLabel: 'epoch', yLabel: 'nats', series: [] },
    floatCheckMaxAbs: 0,
    test,
    testLabels,
    report,
    q16,
    decoder,
    decoderVectors: vectors,
    decoderSims,
    decoderSynth: { ok: false, error: 'not run in tests' },
    iris,
    irisSims: [skippedRun('iverilog', 'not installed: test')],
    irisUart: [],
    irisSynth: { ok: false, error: 'not run in tests' },
    floatRecon: new Float64Array(12 * 784),
    seconds: { training: 0 },
  };
}, 180_000);

describe('verilog suite pipeline (toy size, CXXRTL)', () => {
  it('simulates the generated decoder bit-exactly against the golden model', () => {
    const cxx = run.decoderSims[0]!;
    expect(cxx.simulator).toBe('cxxrtl');
    expect(cxx.note).toBe('');
    expect([cxx.vectors, cxx.exactVectors, cxx.mismatches, cxx.pass]).toEqual([12, 12, 0, true]);
    expect(cxx.outputs).toEqual(run.decoderVectors.vectors.expected);
    expect(cxx.latency).toBeGreaterThan(0);
  });

  it('builds the report: headline, error tables, files, strip, JSON', () => {
    const out = verilogOutput(run, { quick: true, backend: 'cpu' });
    expect(out.table.rows[0]![1]).toBe('cxxrtl 12/12');
    expect(out.table.rows[0]![4]).toBe('synthesis failed');
    expect(out.tables!.map((t) => t.title)).toEqual(
      expect.arrayContaining([
        'Reconstruction error on 20 MNIST test images (z = μ)',
        'Per-layer SQNR (dB)',
        'Bit-exact simulation against the golden model',
        'MNIST decoder layers (16-bit)',
        'Where the 5th-order Taylor sigmoid diverges (float)',
      ]),
    );
    const recon = out.tables!.find((t) => t.title.startsWith('Reconstruction'))!.table;
    expect(recon.rows.map((r) => r[0])).toEqual(['float64', '8-bit', '12-bit', '16-bit']);
    expect(out.notes.some((n) => n.includes('synthesis failed: not run in tests'))).toBe(true);
    const files = Object.keys(out.files!);
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'mnist-decoder/mnist_decoder.v',
        'mnist-decoder/tb_mnist_decoder.v',
        'mnist-decoder/tb_inputs.hex',
        'mnist-decoder/mnist_decoder.quantized.json',
        'iris-vae/iris_vae_nexys.xdc',
      ]),
    );
    expect(files.some((f) => f.startsWith('mnist-decoder/') && f.endsWith('.hex'))).toBe(true);
    const strip = out.figures!.find((f) => f.kind === 'images')!;
    expect(strip.kind === 'images' && [strip.rows, strip.cols]).toEqual([5, 10]);
    expect(() => JSON.stringify(out.results)).not.toThrow();
  });
});
