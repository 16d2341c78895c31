/** The ROM read-back of `rom-check.sim.test.ts` in Verilator (when installed). */

import { describe, expect, it } from 'vitest';
import { generateMlp, mlpVectors } from '../src/index.js';
import { simulateVerilator } from '../src/node.js';
import { flipLowBit, lutMlp, randomCodes } from './rom-check.testutil.js';
import { HAVE } from './sim-env.testutil.js';

const FLIPS = [
  { file: 'rv_fc1_w1.hex', address: 4, memory: 'u_rv_fc1.wrom_1' },
  { file: 'rv_fc2_w0.hex', address: 7, memory: 'u_rv_fc2.wrom_0' },
  { file: 'rv_fc1_b0.hex', address: 1, memory: 'u_rv_fc1.brom_0' },
  { file: 'rv_fc1_act.hex', address: 20, memory: 'u_rv_fc1.u_act.rom' },
];

describe('ROM read-back in Verilator', () => {
  it('names every flipped word of a corrupted MLP', async () => {
    if (!HAVE.verilator) return;
    const q = lutMlp();
    const d = generateMlp(q, { name: 'rv', lanes: [2, 1] });
    const files = { ...d.files };
    for (const f of FLIPS) files[f.file] = flipLowBit(files[f.file]!, f.address);
    const v = mlpVectors(q, randomCodes(5, 20, 3, q.layers[0]!.input.width));
    const bad = await simulateVerilator({ ...d, files }, v);
    expect(bad.pass).toBe(false);
    expect(bad.romMismatches).toBe(FLIPS.length);
    expect(bad.romMismatchList.map((m) => [m.memory, m.file, m.address]).sort()).toEqual(
      FLIPS.map((f) => [f.memory, f.file, f.address]).sort(),
    );
  });
});
