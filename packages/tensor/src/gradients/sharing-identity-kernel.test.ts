import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { bernoulliNllFromLogits } from '../losses/bernoulli-nll.js';

/** A small MLP step: dense + bias + relu + dense + bias, Bernoulli loss summed. */
function mlpLoss(w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor, b2: tf.Tensor, x: tf.Tensor) {
  const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
  return bernoulliNllFromLogits(tf.add(tf.matMul(h, w2), b2), x, { reduction: 'sum' });
}

describe('sharing Identity kernel on wasm', () => {
  it('clone shares the buffer: no new wasm buffer, values survive disposing the source', async () => {
    await initBackend({ backend: 'wasm' });
    const backend = tf.backend() as unknown as { write: (...args: unknown[]) => unknown };
    const x = tf.tensor2d([
      [1, -2, 3],
      [4, 5, -6],
    ]);
    const buffers = tf.memory().numDataBuffers;
    const write = vi.spyOn(backend, 'write');
    const y = tf.clone(x);
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
    expect(tf.memory().numDataBuffers).toBe(buffers);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3, 4, 5, -6]);
    y.dispose();
    expect(tf.memory().numDataBuffers).toBe(buffers - 1);
  });
});

// Every Identity kernel of a gradient step should be one of the copies tfjs's engine makes of the
// tensors it saves for backprop (its internal `clone`); the gradients themselves launch none.
describe.each(['wasm', 'cpu'] as const)('Identity kernels of an MLP gradient on %s', (name) => {
  it('are only the saves of the tape, and the gradients match the cpu backend', async () => {
    await initBackend({ backend: name });
    const shapes = [[6, 5], [5], [5, 6], [6]];
    const params = shapes.map((s, i) => tf.randomUniform(s, -1, 1, 'float32', i + 1));
    const x = tf.randomUniform([4, 6], 0, 1, 'float32', 9);
    const engine = tf.engine() as unknown as { clone: (t: tf.Tensor) => tf.Tensor };
    const saves = vi.spyOn(engine, 'clone');
    const f = (...p: tf.Tensor[]) => mlpLoss(p[0]!, p[1]!, p[2]!, p[3]!, x);
    let grads: tf.Tensor[] = [];
    const profile = await tf.profile(() => {
      grads = tf.grads(f)(params);
      for (const g of grads) tf.keep(g);
    });
    const savedCount = saves.mock.calls.length;
    saves.mockRestore();
    const identities = profile.kernels.filter((k) => k.name === 'Identity').length;
    expect(savedCount).toBeGreaterThan(10);
    expect(identities).toBe(savedCount);
    const values = grads.map((g) => Array.from(g.dataSync()));
    tf.dispose([...params, x, ...grads]);
    await initBackend({ backend: 'cpu' });
    const cpuParams = shapes.map((s, i) => tf.randomUniform(s, -1, 1, 'float32', i + 1));
    const cpuX = tf.randomUniform([4, 6], 0, 1, 'float32', 9);
    const cpuGrads = tf.grads((...p: tf.Tensor[]) => mlpLoss(p[0]!, p[1]!, p[2]!, p[3]!, cpuX))(
      cpuParams,
    );
    cpuGrads.forEach((g, i) => {
      const expected = Array.from(g.dataSync());
      for (const [j, v] of values[i]!.entries()) expect(v).toBeCloseTo(expected[j]!, 5);
    });
    tf.dispose([...cpuParams, cpuX, ...cpuGrads]);
  });
});
