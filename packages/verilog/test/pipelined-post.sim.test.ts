/**
 * `pipelinePost`: post-processing overlapped with the MAC of the next neuron group. The RTL must
 * still equal the golden model bit for bit — with groups that do not divide the layer, one lane,
 * a long activation pipeline (Taylor, 4+ cycles) and random back-pressure filling the output
 * FIFO — and take fewer cycles than the sequential controller.
 */

import { createRng } from '@latentkit/core';
import { type FloatMlp, type QuantizedMlp, quantize, quantizeMlp } from '@latentkit/quantize';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateMlp,
  generateVae,
  mlpVectors,
  type TestVectors,
  vaeVectors,
} from '../src/index.js';
import { compileCxxrtl, simulateCxxrtl, simulateIverilog } from '../src/node.js';
import { irisSetup } from './iris.testutil.js';
import { iverilogAvailable } from './sim-env.testutil.js';

function floatMlp(seed: number): FloatMlp {
  const rng = createRng(seed);
  const sizes = [6, 10, 7, 12];
  const acts = ['relu', 'tanh', 'sigmoid'] as const;
  return {
    layers: acts.map((activation, k) => ({
      name: `l${k}`,
      inFeatures: sizes[k]!,
      outFeatures: sizes[k + 1]!,
      activation,
      weight: Float64Array.from(
        { length: sizes[k]! * sizes[k + 1]! },
        () => (2 * rng.normal()) / Math.sqrt(sizes[k]!),
      ),
      bias: Float64Array.from({ length: sizes[k + 1]! }, () => 0.3 * rng.normal()),
    })),
  };
}

let q: QuantizedMlp;
let vectors: TestVectors;

beforeAll(() => {
  const f = floatMlp(7);
  const rng = createRng(8);
  const calibration = Float64Array.from({ length: 64 * 6 }, () => 1.5 * rng.normal());
  // Taylor sigmoid in the last layer: the longest unit pipeline.
  q = quantizeMlp(f, { calibration, bits: 12, activations: { sigmoid: 'taylor' } });
  const inputs = Array.from({ length: 80 }, () =>
    Array.from({ length: 6 }, () => quantize(2 * rng.normal(), q.layers[0]!.input)),
  );
  vectors = mlpVectors(q, inputs);
});

describe('pipelinePost', () => {
  it('generates the overlapped controller and models fewer cycles', () => {
    const seq = generateMlp(q, { name: 'pp', lanes: [3, 1, 5] });
    const pipe = generateMlp(q, { name: 'pp', lanes: [3, 1, 5], pipelinePost: true });
    const src = Object.values(pipe.files).join('\n');
    expect(src).toContain('M_HAND');
    expect(src).toContain('reg signed [11:0] fifo [0:');
    expect(Object.values(seq.files).join('\n')).not.toContain('M_HAND');
    pipe.layers.forEach((l, k) => {
      expect(l.computeCycles).toBeLessThan(seq.layers[k]!.computeCycles);
    });
  });

  it('is bit-exact under back-pressure (CXXRTL, Icarus) and faster than the sequential controller', async () => {
    const lanes = [3, 1, 5]; // 10 = 3+3+3+1, one lane, 12 = 5+5+2
    const seq = generateMlp(q, { name: 'pp_seq', lanes });
    const pipe = generateMlp(q, { name: 'pp_pipe', lanes, pipelinePost: true });
    const build = await compileCxxrtl(pipe);
    const a = await simulateCxxrtl(build, vectors, { stall: true });
    expect(a.mismatchList).toEqual([]);
    expect(a.pass).toBe(true);
    const free = await simulateCxxrtl(build, vectors, { stall: false });
    const base = await simulateCxxrtl(seq, vectors, { stall: false });
    expect(free.pass && base.pass).toBe(true);
    expect(free.latency).toBeLessThan(base.latency);
    expect(free.cycles).toBeLessThan(base.cycles);
    console.log(
      `pipelinePost: latency ${free.latency} vs ${base.latency} cycles, ` +
        `80 vectors in ${free.cycles} vs ${base.cycles} cycles`,
    );
    if (!iverilogAvailable()) return;
    const b = await simulateIverilog(pipe, vectors, { stall: true });
    expect(b.mismatchList).toEqual([]);
    expect(b.pass).toBe(true);
    expect(b.cycles).toBe(a.cycles);
    expect(b.latency).toBe(a.latency);
  });

  it('keeps a whole VAE (reparameterization, sampling) bit-exact', async () => {
    const { q: vae, inputs } = await irisSetup(200);
    const v = vaeVectors(vae, inputs, { sample: true });
    const pipe = generateVae(vae, { name: 'iris_pp', pipelinePost: true });
    const r = await simulateCxxrtl(pipe, v, { stall: true });
    expect(r.mismatchList).toEqual([]);
    expect(r.pass).toBe(true);
    console.log(`Iris VAE with pipelinePost: latency ${r.latency} cycles (sampling)`);
  });
});
