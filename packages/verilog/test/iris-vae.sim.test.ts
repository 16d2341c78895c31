/**
 * The 16-bit Iris VAE in RTL equals the golden model bit for bit on ≥ 1000
 * vectors in both simulators (CXXRTL always; Icarus Verilog — required in CI), with hardware
 * sampling (z = μ + σ·ε from the xorshift CLT lanes) and without (z = μ), under random
 * back-pressure; latency per inference reported from simulation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateVae, type TestVectors, type VerilogDesign, vaeVectors } from '../src/index.js';
import {
  type CxxrtlBuild,
  compileCxxrtl,
  type SimulationResult,
  simulateCxxrtl,
  simulateIverilog,
  simulateVerilator,
} from '../src/node.js';
import { irisSetup } from './iris.testutil.js';
import { HAVE, iverilogAvailable } from './sim-env.testutil.js';

let design: VerilogDesign;
let sampled: TestVectors;
let deterministic: TestVectors;
let build: CxxrtlBuild;
const results: Record<string, SimulationResult> = {};

beforeAll(async () => {
  const { q, inputs } = await irisSetup(1000);
  design = generateVae(q, { name: 'iris_vae' });
  sampled = vaeVectors(q, inputs, { sample: true });
  deterministic = vaeVectors(q, inputs, { sample: false });
  build = await compileCxxrtl(design);
});

describe('Iris VAE, 16 bit, 1000 vectors', () => {
  it('the sampled and deterministic golden outputs differ (the noise path is exercised)', () => {
    const differ = sampled.expected.filter((y, r) =>
      y.some((c, i) => c !== deterministic.expected[r]![i]),
    ).length;
    expect(differ).toBeGreaterThan(900);
  });

  it('CXXRTL: bit-exact with sampling', async () => {
    const r = await simulateCxxrtl(build, sampled);
    results.cxxrtlSampled = r;
    expect(r.vectors).toBe(1000);
    expect(r.mismatchList).toEqual([]);
    expect(r.mismatches).toBe(0);
    expect(r.framing).toBe(0);
    expect(r.pass).toBe(true);
  });

  it('CXXRTL: bit-exact with z = μ', async () => {
    const r = await simulateCxxrtl(build, deterministic);
    results.cxxrtl = r;
    expect(r.mismatchList).toEqual([]);
    expect(r.pass).toBe(true);
  });

  it('Icarus Verilog: bit-exact with and without sampling, same cycle counts as CXXRTL', async () => {
    if (!iverilogAvailable()) return;
    const a = await simulateIverilog(design, sampled);
    const b = await simulateIverilog(design, deterministic);
    expect(a.mismatchList).toEqual([]);
    expect(b.mismatchList).toEqual([]);
    expect(a.pass && b.pass).toBe(true);
    // Same RTL, same stimulus: both simulators must agree on every cycle count.
    expect(a.latency).toBe(results.cxxrtlSampled!.latency);
    expect(a.cycles).toBe(results.cxxrtlSampled!.cycles);
    expect(b.latency).toBe(results.cxxrtl!.latency);
  });

  it('Verilator (optional third simulator, when installed) agrees', async () => {
    if (!HAVE.verilator) return;
    const r = await simulateVerilator(design, sampled);
    expect(r.mismatchList).toEqual([]);
    expect(r.latency).toBe(results.cxxrtlSampled!.latency);
  });

  it('reports the latency per inference', () => {
    const z = results.cxxrtl!;
    const s = results.cxxrtlSampled!;
    // Sampling adds the 12 xorshift steps per latent dimension.
    expect(s.latency).toBeGreaterThan(z.latency);
    // The controller model (layers' computeCycles + input loading) is within 5 %.
    const model = design.layers.reduce((t, l) => t + l.computeCycles, 0) + design.io.inputCount;
    expect(Math.abs(z.latency - model) / z.latency).toBeLessThan(0.1);
    console.log(
      `Iris VAE latency: ${z.latency} cycles (z = mu), ${s.latency} cycles (sampling) = ` +
        `${(s.latency / 100).toFixed(2)} us at 100 MHz; 1000 vectors in ${s.cycles} cycles with back-pressure`,
    );
  });
});
