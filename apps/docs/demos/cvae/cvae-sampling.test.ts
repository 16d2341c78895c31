import { createModel, type Model, sampleModel } from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWithLabels, priorCodes, sameCodeEveryLabel } from './cvae-sampling.js';

let model: Model;
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  model = createModel(
    {
      kind: 'cvae',
      inputShape: [784],
      latentDim: 2,
      numClasses: 10,
      encoder: { type: 'mlp', hidden: [16] },
    },
    { seed: 5 },
  );
});
afterAll(() => model.dispose());

describe('CVAE sampling', () => {
  it('seed → the same samples as sampleModel (same z draw), and the label changes them', () => {
    const z = priorCodes(model, 6, 11);
    const mine = decodeWithLabels(model, z, new Array(6).fill(4));
    const ref = sampleModel(model, 6, { seed: 11, label: 4 });
    expect(mine).toEqual(ref.dataSync());
    ref.dispose();
    expect(decodeWithLabels(model, z, new Array(6).fill(5))).not.toEqual(mine);
    expect(priorCodes(model, 6, 11)).toEqual(z);
    expect(priorCodes(model, 6, 12)).not.toEqual(z);
  });

  it('keep z, change the label: row c is the code decoded with label c', () => {
    const z = priorCodes(model, 3, 1);
    const code = z.subarray(2, 4);
    const all = sameCodeEveryLabel(model, code);
    expect(all).toHaveLength(10 * 784);
    for (const c of [0, 7]) {
      expect(all.subarray(c * 784, (c + 1) * 784)).toEqual(
        decodeWithLabels(model, Float32Array.from(code), [c]),
      );
    }
    expect(tf.memory().numTensors).toBe(Object.keys(model.store.toRecord()).length);
  });
});
