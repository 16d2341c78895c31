/**
 * The MNIST decoder of a VAE (latent 20 → 400 ReLU → 784 sigmoid, the
 * reference shape) equals the golden model bit for bit on 100 vectors in both simulators, and
 * its latency is reported. The float decoder is seeded random (a trained one is not needed to
 * prove RTL = golden model); weights are 8-bit, activations 16-bit (see the testutil for why).
 * Synthesis of this size takes minutes in @yowasp/yosys, so its resource table comes from
 * `bench/verilog-report.ts`, not from `pnpm test`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMlp, mlpVectors, type TestVectors, type VerilogDesign } from '../src/index.js';
import { type SimulationResult, simulateCxxrtl, simulateIverilog } from '../src/node.js';
import {
  latentCodes,
  MNIST_DECODER_LANES,
  quantizedMnistDecoder,
} from './mnist-decoder.testutil.js';
import { iverilogAvailable } from './sim-env.testutil.js';

let design: VerilogDesign;
let vectors: TestVectors;
let cxx: SimulationResult;

beforeAll(() => {
  const { q } = quantizedMnistDecoder();
  design = generateMlp(q, {
    name: 'mnist_decoder',
    lanes: MNIST_DECODER_LANES,
    biasRomStyle: 'auto',
  });
  vectors = mlpVectors(q, latentCodes(q, 100));
});

describe('MNIST decoder 20-400-784 (W8A16)', () => {
  it('has the reference shape, 784 sigmoid outputs and weights in block-RAM ROMs', () => {
    expect(design.io.inputCount).toBe(20);
    expect(design.io.outputCount).toBe(784);
    expect(design.layers.map((l) => l.unit)).toEqual(['relu', 'lut']);
    const src = Object.entries(design.files)
      .filter(([k]) => k.endsWith('.v'))
      .map(([, v]) => v)
      .join('');
    expect(src.match(/\(\* rom_style = "block" \*\) reg \[7:0\] wrom_/g)?.length).toBe(8 + 49);
  });

  it('CXXRTL: bit-exact on 100 vectors', async () => {
    cxx = await simulateCxxrtl(design, vectors, { stall: false });
    expect(cxx.vectors).toBe(100);
    expect(cxx.mismatchList).toEqual([]);
    expect(cxx.pass).toBe(true);
    console.log(
      `MNIST decoder latency: ${cxx.latency} cycles = ${(cxx.latency / 100).toFixed(1)} us at 100 MHz ` +
        `(CXXRTL build ${cxx.compileMs} ms, run ${cxx.runMs} ms)`,
    );
  });

  it('Icarus Verilog: bit-exact on 100 vectors, same latency', async () => {
    if (!iverilogAvailable()) return;
    const r = await simulateIverilog(design, vectors, { stall: false });
    expect(r.mismatchList).toEqual([]);
    expect(r.pass).toBe(true);
    expect(r.latency).toBe(cxx.latency);
    expect(r.cycles).toBe(cxx.cycles);
  });
});
