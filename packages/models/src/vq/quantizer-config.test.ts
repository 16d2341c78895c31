import {
  createParamStore,
  InvalidArgumentError,
  initBackend,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeQuantizerOutput } from './quantizer.js';
import {
  createQuantizer,
  type QuantizerConfig,
  resolveQuantizerConfig,
} from './quantizer-config.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('quantizer configs', () => {
  it('fill in the VQ-VAE defaults (and keep them on a second resolution)', () => {
    const ema = resolveQuantizerConfig({ type: 'ema', numCodes: 128 }, 16);
    expect(ema).toEqual({
      type: 'ema',
      numCodes: 128,
      beta: 0.25,
      initRange: 1 / 128,
      init: 'uniform',
      kmeansIterations: 10,
      decay: 0.9, // not the standalone quantizer's 0.99: measured, see EmaQuantizerFields
      epsilon: 1e-5,
      deadCodeThreshold: 2, // restarts on by default
      restartClusterSize: 2,
    });
    expect(resolveQuantizerConfig(ema, 16)).toEqual(ema);
    const off = resolveQuantizerConfig({ type: 'ema', numCodes: 8, deadCodeThreshold: 0 }, 2);
    expect(off).toMatchObject({ deadCodeThreshold: 0, restartClusterSize: 1 });
    const rvq = resolveQuantizerConfig({ type: 'residual', numQuantizers: 3, numCodes: 8 }, 4);
    expect(rvq).toMatchObject({ type: 'residual', ema: false, numQuantizers: 3 });
    expect(rvq).not.toHaveProperty('decay');
  });

  it('createQuantizer builds each kind with its parameter names', () => {
    const cases = [
      [{ type: 'vq', numCodes: 6 }, 'vq', ['q.codebook']],
      [
        { type: 'ema', numCodes: 6 },
        'ema',
        ['q.codebook', 'q.ema_cluster_size', 'q.ema_embed_sum'],
      ],
      [
        { type: 'residual', numQuantizers: 2, numCodes: 6 },
        'residual',
        ['q.q0.codebook', 'q.q1.codebook'],
      ],
      [{ type: 'fsq', levels: [3, 4, 5] }, 'fsq', []],
    ] as const;
    for (const [config, kind, names] of cases) {
      const store = createParamStore();
      const q = createQuantizer(store, 'q', config as QuantizerConfig, 3, { seed: 1 });
      expect(q.kind).toBe(kind);
      expect(q.dim).toBe(3);
      expect(store.names()).toEqual(names);
      const z = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
      const out = q.quantize(z);
      expect(out.quantized.shape).toEqual([5, 3]);
      disposeQuantizerOutput(out);
      z.dispose();
      store.dispose();
    }
  });

  it('restarts follow the seed given to update, not the construction seed', () => {
    const restartedRows = (constructionSeed: number, updateSeed: number) => {
      const store = createParamStore();
      const q = createQuantizer(
        store,
        'q',
        { type: 'ema', numCodes: 8, initRange: 0, deadCodeThreshold: 1 },
        2,
        { seed: constructionSeed },
      );
      const z = tf.randomNormal([40, 2], 0, 1, 'float32', 3);
      const out = q.quantize(z);
      const { restarted } = q.update(z, out.indices, { seed: updateSeed });
      const codebook = Array.from(store.get('q.codebook').dataSync());
      disposeQuantizerOutput(out);
      z.dispose();
      store.dispose();
      return { restarted, codebook };
    };
    const a = restartedRows(1, 5);
    expect(a.restarted).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(restartedRows(2, 5).codebook.slice(2)).toEqual(a.codebook.slice(2));
    expect(restartedRows(1, 6).codebook.slice(2)).not.toEqual(a.codebook.slice(2));
  });

  it('rejects bad configs with typed errors', () => {
    expect(() => resolveQuantizerConfig(null as never, 2)).toThrow(InvalidArgumentError);
    expect(() => resolveQuantizerConfig({ type: 'pq' } as never, 2)).toThrow(UnknownOptionError);
    expect(() => resolveQuantizerConfig({ type: 'vq', numCodes: 2.5 }, 2)).toThrow(
      InvalidArgumentError,
    );
    expect(() => resolveQuantizerConfig({ type: 'ema', numCodes: 4, epsilon: 0 }, 2)).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      resolveQuantizerConfig({ type: 'residual', numQuantizers: 0, numCodes: 4 }, 2),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      resolveQuantizerConfig(
        { type: 'residual', numQuantizers: 2, numCodes: 4, ema: 1 } as never,
        2,
      ),
    ).toThrow(InvalidArgumentError);
    expect(() => resolveQuantizerConfig({ type: 'fsq', levels: [4, 4] }, 3)).toThrow(
      /one level per latent dimension/,
    );
    expect(() =>
      resolveQuantizerConfig({ type: 'fsq', levels: [4, 4], numCodes: 3 } as never, 2),
    ).toThrow(UnknownOptionError);
  });
});
