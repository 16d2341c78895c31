import { createParamStore, initBackend, tf } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { planRestarts, restartDeadCodes } from './restart-dead-codes.js';

describe('restartDeadCodes', () => {
  it('moves the codes below the threshold onto distinct batch rows and resets their EMA state', async () => {
    await initBackend({ backend: 'wasm' });
    const store = createParamStore();
    const codebook = tf.tensor2d([1, 1, 2, 2, 3, 3], [3, 2]);
    const sizes = tf.tensor1d([0.5, 3, 0.1]);
    const sums = tf.tensor2d([9, 9, 8, 8, 7, 7], [3, 2]);
    const state = {
      codebook: store.create('c', codebook, { trainable: false }),
      clusterSize: store.create('n', sizes, { trainable: false }),
      embedSum: store.create('m', sums, { trainable: false }),
    };
    tf.dispose([codebook, sizes, sums]);
    const zData = [10, 11, 20, 21, 30, 31, 40, 41];
    const z = tf.tensor2d(zData, [4, 2]);
    const plan = planRestarts([0.5, 3, 0.1], 1, 4, 7);
    const dead = restartDeadCodes(state, z, { threshold: 1, resetSize: 2, seed: 7 });
    expect(dead).toEqual([0, 2]);
    expect(plan.dead).toEqual(dead);
    const cb = state.codebook.dataSync();
    const rows = dead.map((c) => plan.source[c]!);
    expect(new Set(rows).size).toBe(2); // distinct rows while the batch has enough
    dead.forEach((c, j) => {
      expect([cb[2 * c], cb[2 * c + 1]]).toEqual(zData.slice(2 * rows[j]!, 2 * rows[j]! + 2));
    });
    expect([cb[2], cb[3]]).toEqual([2, 2]); // the live code keeps its value …
    expect([...state.clusterSize.dataSync()]).toEqual([2, 3, 2]); // … and its size
    const m = state.embedSum.dataSync();
    expect([m[0], m[2], m[3], m[4]]).toEqual([2 * cb[0]!, 8, 8, 2 * cb[4]!]);
    // Nothing dead: no change, no draw.
    expect(restartDeadCodes(state, z, { threshold: 1, resetSize: 2, seed: 7 })).toEqual([]);
    z.dispose();
    store.dispose();
  });
});
