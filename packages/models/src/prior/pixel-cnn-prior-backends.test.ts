// The prior's loss and parameter gradients on wasm equal the cpu backend's (independent kernel
// implementations: XNNPACK convolutions and sparse kernels against tfjs-core's JS ones).
import {
  categoricalCrossEntropy,
  createRng,
  initBackend,
  tf,
  valueAndParamGrads,
} from '@latentkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { createPixelCnnPrior } from './pixel-cnn-prior.js';

interface Result {
  loss: number;
  grads: Record<string, Float32Array>;
}

async function run(backend: 'wasm' | 'cpu'): Promise<Result> {
  await initBackend({ backend });
  expect(tf.getBackend()).toBe(backend);
  const [H, W, K] = [5, 6, 7];
  const prior = createPixelCnnPrior(
    {
      height: H,
      width: W,
      numCodes: K,
      filters: 10,
      kernelSize: 5,
      residualBlocks: 2,
      outputLayers: 1,
    },
    { seed: 8 },
  );
  const rng = createRng(9);
  const codes = tf.tensor(
    Int32Array.from({ length: 4 * H * W }, () => rng.int(K)),
    [4, H, W],
    'int32',
  );
  const { value, grads } = valueAndParamGrads(
    prior.store,
    () => tf.div(categoricalCrossEntropy(prior.logits(codes), codes), H * W) as tf.Scalar,
  );
  const out: Result = { loss: value.dataSync()[0]!, grads: {} };
  expect(Object.keys(grads).sort()).toEqual(prior.store.names().sort());
  for (const [k, g] of Object.entries(grads)) out.grads[k] = Float32Array.from(g.dataSync());
  tf.dispose([value, codes, ...Object.values(grads)]);
  prior.dispose();
  return out;
}

afterAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('PixelCNN prior on wasm vs cpu', () => {
  it('gives the same loss and parameter gradients (to 1e-4 of each gradient)', async () => {
    const wasm = await run('wasm');
    const cpu = await run('cpu');
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-6 * Math.abs(cpu.loss));
    expect(Object.keys(cpu.grads)).toHaveLength(18);
    for (const [name, gc] of Object.entries(cpu.grads)) {
      const gw = wasm.grads[name]!;
      const scale = Math.max(...Array.from(gc, Math.abs));
      expect(scale, name).toBeGreaterThan(0);
      let maxDiff = 0;
      gc.forEach((v, i) => {
        maxDiff = Math.max(maxDiff, Math.abs(v - gw[i]!));
      });
      expect(maxDiff, name).toBeLessThan(1e-4 * scale);
    }
  });
});
