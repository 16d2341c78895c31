/**
 * The AXI4-Stream wrapper: random seeded TVALID/TREADY on both ports, malformed packets that must
 * be dropped and flagged, and the master port's handshake rules — bit-exact against the golden
 * model (and every ROM word read back) in Icarus Verilog (Verilator: `axi-stream-verilator.sim.test.ts`).
 */

import { describe, expect, it } from 'vitest';
import { axiStreamWrapper } from '../src/axis/axi-stream-wrapper.js';
import { generateMlp, generateVae, mlpVectors, vaeVectors } from '../src/index.js';
import { simulateAxiStream } from '../src/node.js';
import { lutMlp, randomCodes, tinyVae } from './rom-check.testutil.js';
import { iverilogAvailable } from './sim-env.testutil.js';

const q = lutMlp();
const mlp = axiStreamWrapper(generateMlp(q, { name: 'ax', lanes: [2, 1] }));
const vectors = mlpVectors(q, randomCodes(9, 30, 3, q.layers[0]!.input.width));

describe('axiStreamWrapper in Icarus Verilog', () => {
  it.each([
    { seed: 1, validProbability: 1, readyProbability: 1 },
    { seed: 7, validProbability: 0.5, readyProbability: 0.3 },
    { seed: 12345, validProbability: 0.2, readyProbability: 0.9 },
  ])('is bit-exact under TVALID/TREADY pattern %o', async (p) => {
    if (!iverilogAvailable()) return;
    const r = await simulateAxiStream(mlp, vectors, p);
    expect(r.mismatchList).toEqual([]);
    expect(r.framing).toBe(0);
    expect(r.protocolErrors).toBe(0);
    expect(r.roms).toBe(7);
    expect(r.pass).toBe(true);
  });

  it('drops and flags packets whose TLAST is misplaced, keeping the rest bit-exact', async () => {
    if (!iverilogAvailable()) return;
    const r = await simulateAxiStream(mlp, vectors, {
      seed: 99,
      validProbability: 0.7,
      readyProbability: 0.5,
      badPackets: true,
    });
    expect(r.expectedTlastErrors).toBe(20); // 10 early + 10 missing TLAST among 30 vectors
    expect(r.tlastErrors).toBe(20);
    expect(r.mismatchList).toEqual([]);
    expect(r.protocolErrors).toBe(0);
    expect(r.pass).toBe(true);
  });

  it('wraps a VAE (sample port, sign-extended TDATA) bit-exactly', async () => {
    if (!iverilogAvailable()) return;
    const v = tinyVae();
    const d = axiStreamWrapper(generateVae(v, { name: 'axv' }), { name: 'axv_stream' });
    expect(d.top).toBe('axv_stream');
    expect(d.inTdataWidth).toBe(16); // 10-bit codes in two bytes
    const vv = vaeVectors(v, randomCodes(3, 12, 3, v.encoder.layers[0]!.input.width), {
      sample: true,
    });
    const r = await simulateAxiStream(d, vv, {
      seed: 5,
      validProbability: 0.6,
      readyProbability: 0.4,
    });
    expect(r.mismatchList).toEqual([]);
    expect(r.pass).toBe(true);
  });
});
