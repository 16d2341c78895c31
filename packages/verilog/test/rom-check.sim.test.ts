/**
 * The ROM read-back of the generated testbenches: flipping the low bit of ONE word of ONE memory
 * in the generated `.hex` files — a first-layer weight, the output layer's weight, a bias, an
 * activation LUT entry, the σ table of a VAE — makes the simulation fail and name that memory
 * and address, in Icarus Verilog and CXXRTL (Verilator: `rom-check-verilator.sim.test.ts`); the unmodified designs pass. (Such flips
 * often leave every output code unchanged: rounding hides them.)
 */

import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateMlp,
  generateVae,
  mlpVectors,
  type TestVectors,
  type VerilogDesign,
  vaeVectors,
} from '../src/index.js';
import { simulateCxxrtl, simulateIverilog } from '../src/node.js';
import { flipLowBit, lutMlp, randomCodes, tinyVae } from './rom-check.testutil.js';
import { iverilogAvailable } from './sim-env.testutil.js';

/** A flip: file, word address, and the memory the testbench must name. */
interface Flip {
  what: string;
  file: string;
  address: number;
  memory: string;
}

const MLP_FLIPS: Flip[] = [
  { what: 'first-layer weight', file: 'rc_fc1_w1.hex', address: 4, memory: 'u_rc_fc1.wrom_1' },
  { what: 'output-layer weight', file: 'rc_fc2_w0.hex', address: 7, memory: 'u_rc_fc2.wrom_0' },
  { what: 'bias', file: 'rc_fc1_b0.hex', address: 1, memory: 'u_rc_fc1.brom_0' },
  { what: 'activation LUT', file: 'rc_fc1_act.hex', address: 20, memory: 'u_rc_fc1.u_act.rom' },
];
const SIGMA_FLIP: Flip = {
  what: 'σ table',
  file: 'vr_reparam_sigma.hex',
  address: 9,
  memory: 'u_reparam.u_sigma.rom',
};

function flipped(d: VerilogDesign, flips: readonly Flip[]): VerilogDesign {
  const files = { ...d.files };
  for (const f of flips) {
    expect(files[f.file], f.file).toBeDefined();
    files[f.file] = flipLowBit(files[f.file]!, f.address);
  }
  return { ...d, files };
}

const named = (flips: readonly Flip[]) =>
  flips.map((f) => ({ memory: f.memory, file: f.file, address: f.address }));

let mlp: VerilogDesign;
let mlpV: TestVectors;
let vae: VerilogDesign;
let vaeV: TestVectors;

beforeAll(() => {
  const q = lutMlp();
  mlp = generateMlp(q, { name: 'rc', lanes: [2, 1] });
  mlpV = mlpVectors(q, randomCodes(5, 20, 3, q.layers[0]!.input.width));
  const v = tinyVae();
  vae = generateVae(v, { name: 'vr' });
  vaeV = vaeVectors(v, randomCodes(6, 12, 3, v.encoder.layers[0]!.input.width), {
    sample: true,
  });
});

describe('ROM read-back in Icarus Verilog', () => {
  it('passes the unmodified designs, checking every word', async () => {
    if (!iverilogAvailable()) return;
    const a = await simulateIverilog(mlp, mlpV);
    expect(a.pass).toBe(true);
    expect(a.roms).toBe(7);
    expect(a.romWords).toBe(9 + 9 + 3 + 3 + 33 + 15 + 3);
    const b = await simulateIverilog(vae, vaeV);
    expect(b.pass).toBe(true);
    expect(b.romMismatches).toBe(0);
    expect(b.roms).toBeGreaterThan(8);
  });

  it.each([...MLP_FLIPS, SIGMA_FLIP])('fails on one flipped bit of a $what', async (flip) => {
    if (!iverilogAvailable()) return;
    const isVae = flip === SIGMA_FLIP;
    const r = await simulateIverilog(flipped(isVae ? vae : mlp, [flip]), isVae ? vaeV : mlpV);
    expect(r.pass).toBe(false);
    expect(r.romMismatches).toBe(1);
    expect(r.romMismatchList).toMatchObject(named([flip]));
    const m = r.romMismatchList[0]!;
    expect(m.got ^ m.expected).toBe(1);
  });
});

describe('ROM read-back in CXXRTL', () => {
  it('passes the unmodified MLP and names every flipped word of a corrupted one', async () => {
    const ok = await simulateCxxrtl(mlp, mlpV);
    expect(ok.pass).toBe(true);
    expect(ok.roms).toBe(7);
    const bad = await simulateCxxrtl(flipped(mlp, MLP_FLIPS), mlpV);
    expect(bad.pass).toBe(false);
    expect(bad.romMismatches).toBe(MLP_FLIPS.length);
    const byMemory = (a: { memory: string }, b: { memory: string }) =>
      a.memory.localeCompare(b.memory);
    expect([...bad.romMismatchList].sort(byMemory)).toMatchObject(named(MLP_FLIPS).sort(byMemory));
  });

  it('names a flipped σ table word of a VAE', async () => {
    const bad = await simulateCxxrtl(flipped(vae, [SIGMA_FLIP]), vaeV);
    expect(bad.pass).toBe(false);
    expect(bad.romMismatchList).toMatchObject(named([SIGMA_FLIP]));
  });
});
