import {
  createRng,
  InvalidArgumentError,
  initBackend,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { bruteNearest, dist2, maxAbsDiff } from '../vq/vq-reference.testutil.js';
import { createModel } from './create-model.js';
import { encodeCodes } from './encode-codes.js';
import type { ModelConfig } from './model-config.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** A small conv VQ-VAE: 28×28 → 7×7×4 with 16 codes. */
const conv = (over: Partial<ModelConfig> = {}): ModelConfig => ({
  kind: 'vqvae',
  inputShape: [28, 28, 1],
  latentDim: 4,
  encoder: { type: 'conv', channels: [4, 8] },
  quantizer: { type: 'vq', numCodes: 16, initRange: 0.5 },
  ...over,
});

/** An MLP VQ-VAE: 12 → [3, 2] latent. */
const mlp = (over: Partial<ModelConfig> = {}): ModelConfig => ({
  kind: 'vqvae',
  inputShape: [12],
  latentDim: 2,
  groups: 3,
  encoder: { type: 'mlp', hidden: [8] },
  quantizer: { type: 'vq', numCodes: 5, initRange: 1 },
  ...over,
});

function images(n: number, seed: number): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(
    Float32Array.from({ length: n * 784 }, () => rng.next()),
    [n, 28, 28, 1],
  );
}

describe('VQ-VAE latent (createModel kind vqvae)', () => {
  it('conv: 28×28 → 7×7×D grid, indices [n, 7, 7] = brute-force nearest codes of z_e', () => {
    const m = createModel(conv(), { seed: 1 });
    expect(m.kind).toBe('vqvae');
    expect(m.latentShape).toEqual([7, 7, 4]);
    expect(m.latentDim).toBe(196);
    expect(m.vq!.indexShape).toEqual([7, 7]);
    expect(m.store.get('encoder.out.weight').shape).toEqual([1, 1, 8, 4]);
    expect(m.store.get('decoder.proj.weight').shape).toEqual([3, 3, 4, 8]);
    // The default decoder mirrors the encoder with transposed convolutions.
    expect(m.config.decoder).toMatchObject({ channels: [8, 4], upsample: 'transpose' });
    const x = images(3, 2);
    const ze = m.vq!.encodeContinuous(x);
    expect(ze.shape).toEqual([3, 7, 7, 4]);
    const idx = m.vq!.encodeIndices(x);
    expect(idx.shape).toEqual([3, 7, 7]);
    expect(idx.dtype).toBe('int32');
    const codebook = m.store.get('vq.codebook').dataSync();
    const { index, gap } = bruteNearest(ze.dataSync(), codebook, 4);
    const got = idx.dataSync();
    index.forEach((j, i) => {
      if (gap[i]! > 1e-5) expect(got[i]).toBe(j);
    });
    // The quantized latent is the looked-up codes; decoding indices equals decoding it.
    tf.tidy(() => {
      const { mu, logVar } = m.encode(x);
      expect(logVar).toBeUndefined();
      expect(mu.shape).toEqual([3, 196]);
      const fromIdx = m.vq!.indicesToLatent(idx);
      expect(maxAbsDiff(fromIdx.dataSync(), mu.dataSync())).toBeLessThan(1e-6);
      const a = m.vq!.decodeIndices(idx);
      const b = m.decodeMean(mu);
      expect(a.shape).toEqual([3, 28, 28, 1]);
      expect(maxAbsDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-6);
    });
    tf.dispose([x, ze, idx]);
    m.dispose();
  });

  it('lossTerms: recon at the quantized latent + per-example sums of the VQ terms (float64 reference)', () => {
    const beta = 0.3;
    const m = createModel(
      mlp({
        quantizer: { type: 'vq', numCodes: 5, beta, initRange: 1 },
        likelihood: 'gaussian',
        outputStd: 0.5,
      }),
      { seed: 3 },
    );
    expect(m.latentShape).toEqual([3, 2]);
    const rng = createRng(4);
    const x = tf.tensor2d(
      Float32Array.from({ length: 6 * 12 }, () => rng.next()),
      [6, 12],
    );
    tf.tidy(() => {
      const t = m.lossTerms(x);
      expect(t.kl).toBeUndefined();
      const vq = t.vq!;
      const ze = vq.latent.dataSync();
      const cb = m.store.get('vq.codebook').dataSync();
      const { index } = bruteNearest(ze, cb, 2);
      expect([...vq.indices.dataSync()]).toEqual(index);
      expect(vq.indices.shape).toEqual([6, 3]);
      // Σ over an example's 3 vectors of ‖z_e − e‖², averaged over the 6 examples.
      let sum = 0;
      index.forEach((j, i) => {
        sum += dist2(ze, i, cb, j, 2);
      });
      const perExample = sum / 6;
      expect(vq.codebook.dataSync()[0]).toBeCloseTo(perExample, 4);
      expect(vq.commitment.dataSync()[0]).toBeCloseTo(beta * perExample, 4);
      expect(vq.total.dataSync()[0]).toBeCloseTo((1 + beta) * perExample, 4);
      const counts = new Array(5).fill(0);
      for (const j of index) counts[j]++;
      expect([...vq.counts.dataSync()]).toEqual(counts);
      // recon = Gaussian NLL of x at the decoded quantized latent.
      const z = tf.tensor2d(
        index.flatMap((j) => [cb[2 * j]!, cb[2 * j + 1]!]),
        [6, 6],
      );
      expect(maxAbsDiff(t.z.dataSync(), z.dataSync())).toBeLessThan(1e-6);
      const mean = m.decodeMean(z);
      const nll = tf.sum(
        tf.add(
          tf.div(tf.square(tf.sub(x, mean)), 2 * 0.25),
          Math.log(0.5) + 0.5 * Math.log(2 * Math.PI),
        ),
        1,
      );
      expect(maxAbsDiff(t.recon.dataSync(), nll.dataSync())).toBeLessThan(1e-4);
    });
    x.dispose();
    m.dispose();
  });

  it('residual VQ indices carry a level axis; FSQ codes round-trip; EMA state is not trainable', () => {
    const r = createModel(
      conv({ quantizer: { type: 'residual', numQuantizers: 2, numCodes: 8, ema: true } }),
      { seed: 1 },
    );
    expect(r.vq!.indexShape).toEqual([7, 7, 2]);
    expect(r.vq!.numQuantizers).toBe(2);
    expect(r.store.names().filter((n) => n.startsWith('vq.'))).toEqual([
      'vq.q0.codebook',
      'vq.q0.ema_cluster_size',
      'vq.q0.ema_embed_sum',
      'vq.q1.codebook',
      'vq.q1.ema_cluster_size',
      'vq.q1.ema_embed_sum',
    ]);
    expect(Object.keys(r.store.variables(true)).some((n) => n.startsWith('vq.'))).toBe(false);
    const x = images(2, 1);
    tf.tidy(() => {
      const idx = r.vq!.encodeIndices(x);
      expect(idx.shape).toEqual([2, 7, 7, 2]);
      // Equal up to the rounding of the straight-through sum z + (q − z).
      const back = r.vq!.indicesToLatent(idx).dataSync();
      expect(maxAbsDiff(back, r.encode(x).mu.dataSync())).toBeLessThan(1e-5);
      const counts = r.lossTerms(x).vq!.counts;
      expect(counts.shape).toEqual([16]);
      expect(tf.sum(counts).dataSync()[0]).toBe(2 * 49 * 2);
    });
    r.dispose();
    const f = createModel(conv({ latentDim: 3, quantizer: { type: 'fsq', levels: [5, 4, 3] } }), {
      seed: 1,
    });
    expect(f.store.names().some((n) => n.startsWith('vq.'))).toBe(false);
    tf.tidy(() => {
      const idx = f.vq!.encodeIndices(x);
      expect(f.vq!.numCodes).toBe(60);
      const back = f.vq!.indicesToLatent(idx).dataSync();
      expect(maxAbsDiff(back, f.encode(x).mu.dataSync())).toBeLessThan(1e-5);
      expect(f.lossTerms(x).vq!.total.dataSync()[0]).toBe(0);
    });
    x.dispose();
    f.dispose();
  });

  it('a model rebuilt from its resolved config has the same config and weights', () => {
    for (const config of [
      conv({ quantizer: { type: 'ema', numCodes: 16, deadCodeThreshold: 2, init: 'kmeans' } }),
      mlp(),
    ]) {
      const a = createModel(config, { seed: 5 });
      const b = createModel(JSON.parse(JSON.stringify(a.config)), { seed: 5 });
      expect(b.config).toEqual(a.config);
      const ra = a.store.toRecord();
      const rb = b.store.toRecord();
      expect(Object.keys(rb)).toEqual(Object.keys(ra));
      for (const k of Object.keys(ra)) expect(rb[k]!.data).toEqual(ra[k]!.data);
      a.dispose();
      b.dispose();
    }
  });

  it('k-means initialization: codebook from z_e of the batch, flag saved, EMA state reset', () => {
    const m = createModel(
      conv({ quantizer: { type: 'ema', numCodes: 16, init: 'kmeans', kmeansIterations: 5 } }),
      { seed: 1 },
    );
    expect(m.vq!.needsInitialization()).toBe(true);
    const x = images(1, 3);
    const before = m.store.get('vq.codebook').dataSync().slice();
    m.vq!.initialize(x, { seed: 2 });
    expect(m.vq!.needsInitialization()).toBe(false);
    expect(m.store.get('vq.initialized').dataSync()[0]).toBe(1);
    const after = m.store.get('vq.codebook').dataSync();
    expect(maxAbsDiff(before, after)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(m.store.get('vq.ema_embed_sum').dataSync(), after)).toBe(0);
    expect([...m.store.get('vq.ema_cluster_size').dataSync()]).toEqual(new Array(16).fill(1));
    // Too few latent vectors for the codes: a typed error.
    const small = createModel(
      mlp({ groups: 1, quantizer: { type: 'vq', numCodes: 5, init: 'kmeans' } }),
      { seed: 1 },
    );
    const few = tf.zeros([4, 12]);
    expect(() => small.vq!.initialize(few)).toThrow(/at least 5 latent vectors/);
    tf.dispose([x, few]);
    m.dispose();
    small.dispose();
  });

  it('encodeCodes: a data set to indices [n, 7, 7] batch by batch, with its code histogram', () => {
    for (const quantizer of [
      { type: 'vq', numCodes: 16, initRange: 0.5 },
      { type: 'residual', numQuantizers: 2, numCodes: 8, initRange: 0.5 },
    ] as const) {
      const m = createModel(conv({ quantizer }), { seed: 2 });
      const x = images(5, 4);
      const all = m.vq!.encodeIndices(x);
      const expected = Array.from(all.dataSync());
      const codes = encodeCodes(m, { x: x.dataSync() as Float32Array }, { batchSize: 2 });
      expect(codes.shape).toEqual([5, ...m.vq!.indexShape]);
      expect(Array.from(codes.indices)).toEqual(expected);
      const levels = m.vq!.numQuantizers;
      const counts = new Array(levels * m.vq!.numCodes).fill(0);
      expected.forEach((c, i) => {
        counts[(i % levels) * m.vq!.numCodes + c]++;
      });
      expect(Array.from(codes.counts)).toEqual(counts);
      expect(codes.usage).toBeGreaterThan(0);
      expect(codes.perplexity).toBeGreaterThanOrEqual(1);
      tf.dispose([x, all]);
      m.dispose();
    }
    const vae = createModel(
      { ...mlp(), kind: 'vae', groups: undefined, quantizer: undefined },
      { seed: 1 },
    );
    expect(() => encodeCodes(vae, { x: new Float32Array(12) })).toThrow(/must be a VQ-VAE/);
    vae.dispose();
  });

  it('rejects bad configs, indices and inputs with typed errors', () => {
    const bad: [Partial<ModelConfig>, new (...a: never[]) => Error, RegExp?][] = [
      [{ quantizer: undefined }, InvalidArgumentError, /quantizer.*required/],
      [{ quantizer: { type: 'lloyd' } as never }, UnknownOptionError],
      [{ quantizer: { type: 'vq', numCodes: 0 } }, InvalidArgumentError],
      [{ quantizer: { type: 'vq', numCodes: 8, decay: 0.9 } as never }, UnknownOptionError],
      [{ quantizer: { type: 'ema', numCodes: 8, decay: 1 } }, InvalidArgumentError],
      [{ quantizer: { type: 'ema', numCodes: 8, deadCodeThreshold: -1 } }, InvalidArgumentError],
      [{ quantizer: { type: 'vq', numCodes: 8, init: 'random' as never } }, UnknownOptionError],
      [
        { quantizer: { type: 'residual', numQuantizers: 2, numCodes: 8, decay: 0.9 } },
        UnknownOptionError,
      ],
      [{ quantizer: { type: 'fsq', levels: [3, 3] } }, InvalidArgumentError, /one level per/],
      [{ quantizer: { type: 'fsq', levels: [3, 3, 1, 2] } }, InvalidArgumentError],
      [{ encoder: { type: 'conv', channels: [4, 8], hidden: [16] } }, InvalidArgumentError],
      [{ decoder: { type: 'mlp', hidden: [8] } }, InvalidArgumentError, /conv or both MLP/],
      [{ groups: 2 }, InvalidArgumentError, /MLP VQ-VAE/],
      [{ numClasses: 3 }, InvalidArgumentError],
      [{ encoder: { type: 'conv', channels: [4, 8], stride: 3 } }, InvalidArgumentError],
    ];
    for (const [over, type, message] of bad) {
      expect(() => createModel(conv(over), { seed: 1 }), JSON.stringify(over)).toThrow(type);
      if (message) expect(() => createModel(conv(over), { seed: 1 })).toThrow(message);
    }
    expect(() => createModel(mlp({ groups: 0 }), { seed: 1 })).toThrow(InvalidArgumentError);
    expect(() =>
      createModel({ ...mlp(), kind: 'ae', quantizer: { type: 'vq', numCodes: 4 } }, { seed: 1 }),
    ).toThrow(/only applies to kind 'vqvae'/);
    expect(() =>
      createModel({ ...mlp(), kind: 'vae', groups: 2, quantizer: undefined }, { seed: 1 }),
    ).toThrow(/only applies to kind 'vqvae'/);
    const m = createModel(mlp(), { seed: 1 });
    const wrongShape = tf.zeros([2, 2], 'int32');
    const outOfRange = tf.fill([2, 3], 5, 'int32');
    const floats = tf.zeros([2, 3]);
    expect(() => m.vq!.indicesToLatent(wrongShape)).toThrow(ShapeError);
    expect(() => m.vq!.decodeIndices(outOfRange)).toThrow(/outside \[0, 5\)/);
    expect(() => m.vq!.indicesToLatent(floats)).toThrow(InvalidArgumentError);
    expect(() => m.vq!.encodeIndices(tf.zeros([2, 11]))).toThrow(ShapeError);
    expect(() => m.decode(tf.zeros([2, 2]))).toThrow(ShapeError);
    expect(() => m.encode(tf.zeros([2, 12]), [0, 1])).toThrow(/takes no labels/);
    tf.dispose([wrongShape, outOfRange, floats]);
    m.dispose();
  });
});
