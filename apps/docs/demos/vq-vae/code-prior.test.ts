import {
  createPixelCnnPrior,
  encodeSafetensors,
  type PixelCnnPrior,
  samplePrior,
} from '@latentkit/models';
import { initBackend, tf, toRng } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_METADATA_KEY } from '../common/training-metadata.js';
import { drawGrids, priorFromBytes } from './code-prior.js';

let prior: PixelCnnPrior;
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  prior = createPixelCnnPrior(
    { height: 3, width: 3, numCodes: 5, filters: 8, residualBlocks: 1, kernelSize: 3 },
    { seed: 4 },
  );
});
afterAll(() => prior.dispose());

function fileOf(p: PixelCnnPrior, dtype: 'F32' | 'F16'): Uint8Array {
  const tensors = Object.fromEntries(
    Object.entries(p.store.toRecord()).map(([name, rec]) => [
      name,
      { dtype, shape: [...rec.shape], data: rec.data as Float32Array },
    ]),
  );
  return encodeSafetensors(tensors, {
    config: JSON.stringify(p.config),
    [TRAINING_METADATA_KEY]: JSON.stringify({ id: 'p', seed: 1, scores: {} }),
  });
}

describe('VQ-VAE prior helpers', () => {
  it('priorFromBytes gives back the same prior (same logits) and its record', () => {
    const { prior: loaded, training } = priorFromBytes(fileOf(prior, 'F32'));
    expect(loaded.config).toEqual(prior.config);
    expect(training.id).toBe('p');
    const codes = tf.tensor(
      Int32Array.from({ length: 18 }, (_, i) => i % 5),
      [2, 3, 3],
      'int32',
    );
    const [a, b] = [prior.logits(codes), loaded.logits(codes)];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([codes, a, b]);
    loaded.dispose();
  });

  it('priorFromBytes rejects a file without a config', () => {
    const bytes = encodeSafetensors(
      { w: { dtype: 'F32', shape: [1], data: new Float32Array(1) } },
      { [TRAINING_METADATA_KEY]: '{}' },
    );
    expect(() => priorFromBytes(bytes)).toThrow(/config/);
  });

  it('drawGrids: grid g = samplePrior of one grid seeded fork(g); pauses after each grid', async () => {
    let pauses = 0;
    const seen: number[] = [];
    const grids = await drawGrids(prior, {
      n: 3,
      seed: 9,
      temperature: 0.8,
      pause: async () => {
        pauses++;
      },
      onGrid: (g) => seen.push(g),
    });
    expect(pauses).toBe(3);
    expect(seen).toEqual([0, 1, 2]);
    for (let g = 0; g < 3; g++) {
      const ref = samplePrior(prior, { n: 1, seed: toRng(9).fork(g), temperature: 0.8 }).codes;
      expect(Array.from(grids.subarray(g * 9, (g + 1) * 9))).toEqual(Array.from(ref));
    }
    expect(await drawGrids(prior, { n: 3, seed: 9, temperature: 0.8 })).toEqual(grids);
    expect(await drawGrids(prior, { n: 3, seed: 10, temperature: 0.8 })).not.toEqual(grids);
  });

  it('drawGrids stops when aborted', async () => {
    const controller = new AbortController();
    let drawn = 0;
    const run = drawGrids(prior, {
      n: 5,
      seed: 1,
      temperature: 1,
      signal: controller.signal,
      onGrid: () => {
        drawn++;
        if (drawn === 2) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    expect(drawn).toBe(2);
  });
});
