import {
  createRng,
  InvalidArgumentError,
  initBackend,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from './index.js';
import * as node from './node.js';

// Renamed public names stay as deprecated aliases until the next major version (see the API
// conventions in ARCHITECTURE.md); each alias is the new function itself or reads the same.

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

const config: api.ModelConfig = {
  kind: 'vae',
  inputShape: [6],
  latentDim: 2,
  encoder: { type: 'mlp', hidden: [4] },
};

const weights = (m: api.Model) => Object.values(m.store.toRecord()).map((r) => Array.from(r.data));

describe('deprecated names', () => {
  it('the old factory names are the createX functions', () => {
    expect(api.fusedAdam).toBe(api.createFusedAdam);
    expect(api.vectorQuantizer).toBe(api.createVectorQuantizer);
    expect(api.emaVectorQuantizer).toBe(api.createEmaVectorQuantizer);
    expect(api.residualQuantizer).toBe(api.createResidualQuantizer);
    expect(api.finiteScalarQuantizer).toBe(api.createFiniteScalarQuantizer);
    expect(api.memoryCheckpointStore).toBe(api.createMemoryCheckpointStore);
    expect(node.fileCheckpointStore).toBe(node.createFileCheckpointStore);
    expect(node.parallelEngine).toBe(node.createParallelEngine);
  });

  it('createModel: a bare seed equals { seed }; no seed is seed 0; unknown options are refused', () => {
    const a = api.createModel(config, { seed: 3 });
    const b = api.createModel(config, 3);
    const c = api.createModel(config, createRng(3));
    const d = api.createModel(config);
    const e = api.createModel(config, { seed: 0 });
    expect(weights(b)).toEqual(weights(a));
    expect(weights(c)).toEqual(weights(a));
    expect(weights(d)).toEqual(weights(e));
    expect(weights(d)).not.toEqual(weights(a));
    expect(() => api.createModel(config, { sed: 3 } as never)).toThrow(UnknownOptionError);
    for (const m of [a, b, c, d, e]) m.dispose();
  });

  it('train: lr is read as learningRate; both with different values are refused', async () => {
    const x = Float32Array.from({ length: 8 * 6 }, (_, i) => (i % 7) / 7);
    const run = async (options: Partial<api.TrainOptions>) => {
      const m = api.createModel(config, { seed: 1 });
      const losses: number[] = [];
      await api.train(
        m,
        { x },
        { epochs: 2, batchSize: 4, ...options, onBatch: (r) => losses.push(r.loss) },
      );
      m.dispose();
      return losses;
    };
    expect(await run({ lr: 0.01 })).toEqual(await run({ learningRate: 0.01 }));
    expect(await run({ learningRate: 0.01 })).not.toEqual(await run({ learningRate: 0.001 }));
    await expect(run({ learningRate: 0.01, lr: 0.02 })).rejects.toThrow(InvalidArgumentError);
  });

  it('quantizers: the positional seed equals options.seed', () => {
    const codebook = (seedArgs: 'option' | 'positional') => {
      const m = api.createModel(config);
      const q =
        seedArgs === 'option'
          ? api.createVectorQuantizer(m.store, 'q', { numCodes: 4, dim: 2, initRange: 1, seed: 9 })
          : api.createVectorQuantizer(m.store, 'q', { numCodes: 4, dim: 2, initRange: 1 }, 9);
      const out = Array.from(m.store.get('q.codebook').dataSync());
      void q;
      m.dispose();
      return out;
    };
    expect(codebook('positional')).toEqual(codebook('option'));
  });
});
