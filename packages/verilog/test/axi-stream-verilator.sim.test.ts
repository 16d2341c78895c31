/** The AXI4-Stream wrapper of `axi-stream.sim.test.ts` in Verilator (when installed). */

import { describe, expect, it } from 'vitest';
import { axiStreamWrapper } from '../src/axis/axi-stream-wrapper.js';
import { generateMlp, mlpVectors } from '../src/index.js';
import { simulateAxiStream } from '../src/node.js';
import { lutMlp, randomCodes } from './rom-check.testutil.js';
import { HAVE } from './sim-env.testutil.js';

describe('axiStreamWrapper in Verilator', () => {
  it('is bit-exact with random handshakes and malformed packets', async () => {
    if (!HAVE.verilator) return;
    const q = lutMlp();
    const mlp = axiStreamWrapper(generateMlp(q, { name: 'axr', lanes: [2, 1] }));
    const vectors = mlpVectors(q, randomCodes(9, 30, 3, q.layers[0]!.input.width));
    const r = await simulateAxiStream(mlp, vectors, {
      simulator: 'verilator',
      seed: 3,
      validProbability: 0.5,
      readyProbability: 0.5,
      badPackets: true,
    });
    expect(r.mismatchList).toEqual([]);
    expect(r.tlastErrors).toBe(r.expectedTlastErrors);
    expect(r.pass).toBe(true);
  });
});
