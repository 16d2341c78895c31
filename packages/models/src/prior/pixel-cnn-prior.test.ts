import {
  createRng,
  InvalidArgumentError,
  initBackend,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { paramsToSafetensors } from '../io/params-to-safetensors.js';
import { safetensorsToRecord } from '../io/safetensors-to-record.js';
import { createPixelCnnPrior, type PixelCnnPrior } from './pixel-cnn-prior.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

/** Adds seeded normal noise to every parameter, so that no weight or bias is zero or special. */
function perturb(prior: PixelCnnPrior, seed: number, scale = 0.3): void {
  const rng = createRng(seed);
  for (const [name, v] of Object.entries(prior.store.variables())) {
    const noise = Float32Array.from({ length: v.size }, () => rng.normal() * scale);
    tf.tidy(() => v.assign(tf.add(v, tf.tensor(noise, v.shape))));
    expect(name).toBeTruthy();
  }
}

/** The logits of a batch of grids as a Float32Array `[n, H, W, K]`. */
function logitsOf(prior: PixelCnnPrior, grids: Int32Array, n: number): Float32Array {
  const { height, width } = prior.config;
  return tf.tidy(() => {
    const codes = tf.tensor(grids, [n, height, width], 'int32');
    return prior.logits(codes).dataSync() as Float32Array;
  });
}

describe('PixelCNN prior masks', () => {
  // THE MASK TEST. For every position i of a non-square grid (kernels wider than the grid, so
  // padding and edges are covered), the logits at i must not move when the codes at positions
  // ≥ i change, and must move when its left (or upper) neighbour changes (so the check can fail;
  // not every earlier position is visible: a PixelCNN's receptive field is limited).
  it.each([
    { kernelSize: 5, residualKernelSize: 3 },
    { kernelSize: 7, residualKernelSize: 5 },
  ])('logits at i ignore codes at positions ≥ i (%o)', (extra) => {
    const [H, W, K] = [4, 5, 6];
    const prior = createPixelCnnPrior(
      {
        height: H,
        width: W,
        numCodes: K,
        filters: 8,
        residualBlocks: 2,
        outputLayers: 1,
        ...extra,
      },
      { seed: 3 },
    );
    perturb(prior, 4);
    const rng = createRng(5);
    const P = H * W;
    const base = Int32Array.from({ length: P }, () => rng.int(K));
    // Grid 0: the base. Grid 1 + i: codes at positions ≥ i redrawn (position i always changed).
    // Grid 1 + P + i: the code of i's left neighbour changed (of the one above in column 0).
    const grids = new Int32Array((1 + 2 * P) * P);
    grids.set(base, 0);
    for (let i = 0; i < P; i++) {
      const future = base.slice();
      for (let j = i; j < P; j++) future[j] = rng.int(K);
      future[i] = (base[i]! + 1 + rng.int(K - 1)) % K;
      grids.set(future, (1 + i) * P);
      const past = base.slice();
      const seen = i % W > 0 ? i - 1 : i - W;
      if (seen >= 0) past[seen] = (base[seen]! + 1 + rng.int(K - 1)) % K;
      grids.set(past, (1 + P + i) * P);
    }
    const logits = logitsOf(prior, grids, 1 + 2 * P);
    const at = (grid: number, pos: number) =>
      logits.subarray((grid * P + pos) * K, (grid * P + pos + 1) * K);
    for (let i = 0; i < P; i++) {
      const ref = at(0, i);
      const future = at(1 + i, i);
      let maxDiff = 0;
      for (let c = 0; c < K; c++) maxDiff = Math.max(maxDiff, Math.abs(future[c]! - ref[c]!));
      expect(maxDiff, `position ${i}`).toBeLessThanOrEqual(1e-6);
      if (i > 0) {
        const past = at(1 + P + i, i);
        let moved = 0;
        for (let c = 0; c < K; c++) moved = Math.max(moved, Math.abs(past[c]! - ref[c]!));
        expect(moved, `position ${i} sees its left or upper neighbour`).toBeGreaterThan(1e-3);
      }
    }
    prior.dispose();
  });
  it('gives the first h rows of a grid the same logits as the whole grid', () => {
    const [H, W, K] = [4, 3, 5];
    const prior = createPixelCnnPrior(
      { height: H, width: W, numCodes: K, filters: 6 },
      { seed: 2 },
    );
    perturb(prior, 3);
    const rng = createRng(4);
    const grids = Int32Array.from({ length: 2 * H * W }, () => rng.int(K));
    const whole = logitsOf(prior, grids, 2);
    for (let h = 1; h < H; h++) {
      const part = new Int32Array(2 * h * W);
      part.set(grids.subarray(0, h * W), 0);
      part.set(grids.subarray(H * W, H * W + h * W), h * W);
      const got = tf.tidy(() => prior.logits(tf.tensor(part, [2, h, W], 'int32')).dataSync());
      for (let g = 0; g < 2; g++) {
        const ref = whole.subarray(g * H * W * K, (g * H * W + h * W) * K);
        const mine = got.subarray(g * h * W * K, (g + 1) * h * W * K);
        let maxDiff = 0;
        ref.forEach((v, i) => {
          maxDiff = Math.max(maxDiff, Math.abs(v - mine[i]!));
        });
        expect(maxDiff, `rows ${h}`).toBeLessThan(1e-5);
      }
    }
    prior.dispose();
  });
});

describe('PixelCNN prior receptive field', () => {
  /** For position i, the largest logit change when the code at j changes (every j < i). */
  function sensitivity(prior: PixelCnnPrior, seed: number): number[][] {
    const { height: H, width: W, numCodes: K } = prior.config;
    const P = H * W;
    const rng = createRng(seed);
    const base = Int32Array.from({ length: P }, () => rng.int(K));
    const grids = new Int32Array((1 + P) * P);
    grids.set(base, 0);
    for (let j = 0; j < P; j++) {
      const g = base.slice();
      g[j] = (base[j]! + 1 + rng.int(K - 1)) % K;
      grids.set(g, (1 + j) * P);
    }
    const logits = logitsOf(prior, grids, 1 + P);
    return Array.from({ length: P }, (_, i) =>
      Array.from({ length: P }, (_, j) => {
        let moved = 0;
        for (let c = 0; c < K; c++) {
          const d = logits[((1 + j) * P + i) * K + c]! - logits[i * K + c]!;
          moved = Math.max(moved, Math.abs(d));
        }
        return moved;
      }),
    );
  }

  it('a 3 × 3 mask A has a blind spot in the row above, however many blocks follow', () => {
    const [H, W, K] = [4, 5, 6];
    const cfg = { height: H, width: W, numCodes: K, filters: 8, kernelSize: 3 };
    const prior = createPixelCnnPrior({ ...cfg, residualBlocks: 4 }, { seed: 3 });
    perturb(prior, 4);
    const s = sensitivity(prior, 5);
    // Position (1, 0) sees (0, 1) but not (0, 2): one column to the right of the row above.
    expect(s[W]![1]).toBeGreaterThan(1e-3);
    for (const j of [2, 3, 4]) expect(s[W]![j], `(0, ${j})`).toBe(0);
    prior.dispose();
  });

  it('kernelWidth ≥ 2W − 1 with enough blocks sees every earlier position and no later one', () => {
    const [H, W, K] = [4, 5, 6];
    // Mask A 3 × 9 sees the whole row above; each 3 × 3 block adds a row: 2 blocks reach row 0
    // from row 3.
    const prior = createPixelCnnPrior(
      {
        height: H,
        width: W,
        numCodes: K,
        filters: 8,
        kernelSize: 3,
        kernelWidth: 2 * W - 1,
        residualBlocks: 2,
        outputLayers: 1,
      },
      { seed: 3 },
    );
    expect(prior.config.kernelWidth).toBe(9);
    expect(prior.store.variables()['input.weight']!.shape).toEqual([3, 9, K, 8]);
    perturb(prior, 4);
    const s = sensitivity(prior, 5);
    for (let i = 0; i < H * W; i++) {
      for (let j = 0; j < H * W; j++) {
        if (j < i) expect(s[i]![j], `${i} sees ${j}`).toBeGreaterThan(1e-4);
        else expect(s[i]![j], `${i} ignores ${j}`).toBeLessThanOrEqual(1e-6);
      }
    }
    // One block fewer: row 0 is out of reach from row 3.
    const short = createPixelCnnPrior({ ...prior.config, residualBlocks: 1 }, { seed: 3 });
    perturb(short, 4);
    expect(sensitivity(short, 5)[3 * W]![0]).toBe(0);
    short.dispose();
    prior.dispose();
  });
});

describe('createPixelCnnPrior', () => {
  it('resolves defaults, names its parameters and maps [n, H, W] to [n, H, W, K]', () => {
    const prior = createPixelCnnPrior(
      { height: 3, width: 2, numCodes: 5, filters: 4 },
      { seed: 1 },
    );
    expect(prior.config).toEqual({
      kind: 'pixelcnn',
      height: 3,
      width: 2,
      numCodes: 5,
      filters: 4,
      kernelSize: 7,
      kernelWidth: 7,
      residualBlocks: 2,
      residualKernelSize: 3,
      outputLayers: 2,
    });
    expect(prior.store.names()).toEqual([
      'input.weight',
      'input.bias',
      'blocks.0.conv1.weight',
      'blocks.0.conv1.bias',
      'blocks.0.masked.weight',
      'blocks.0.masked.bias',
      'blocks.0.conv2.weight',
      'blocks.0.conv2.bias',
      'blocks.1.conv1.weight',
      'blocks.1.conv1.bias',
      'blocks.1.masked.weight',
      'blocks.1.masked.bias',
      'blocks.1.conv2.weight',
      'blocks.1.conv2.bias',
      'hidden.0.weight',
      'hidden.0.bias',
      'hidden.1.weight',
      'hidden.1.bias',
      'output.weight',
      'output.bias',
    ]);
    expect(prior.store.get('input.weight').shape).toEqual([7, 7, 5, 4]);
    expect(prior.store.get('blocks.0.masked.weight').shape).toEqual([3, 3, 4, 2]);
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => prior.logits(tf.zeros([2, 3, 2], 'int32')));
    expect(y.shape).toEqual([2, 3, 2, 5]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    prior.dispose();
  });

  it('is reproducible from its seed and round-trips through safetensors', () => {
    const config = { height: 3, width: 3, numCodes: 4, filters: 6 };
    const a = createPixelCnnPrior(config, { seed: 9 });
    const b = createPixelCnnPrior(config, { seed: 9 });
    const c = createPixelCnnPrior(config, { seed: 10 });
    perturb(a, 1);
    perturb(b, 1);
    const grids = Int32Array.from({ length: 18 }, (_, i) => (i * 7) % 4);
    expect(logitsOf(a, grids, 2)).toEqual(logitsOf(b, grids, 2));
    const bytes = paramsToSafetensors(a.store, a.config);
    const saved = safetensorsToRecord(bytes, { expectedShapes: c.store });
    const d = createPixelCnnPrior(saved.config as typeof a.config, { seed: 0 });
    d.store.loadRecord(saved.record);
    expect(d.config).toEqual(a.config);
    expect(logitsOf(d, grids, 2)).toEqual(logitsOf(a, grids, 2));
    for (const p of [a, b, c, d]) p.dispose();
  });

  it('refuses bad configs and inputs with typed errors', () => {
    const ok = { height: 2, width: 2, numCodes: 3 };
    expect(() => createPixelCnnPrior({ ...ok, kernelSize: 4 })).toThrow(InvalidArgumentError);
    expect(() => createPixelCnnPrior({ ...ok, kernelSize: 1 })).toThrow(InvalidArgumentError);
    expect(() => createPixelCnnPrior({ ...ok, kernelWidth: 4 })).toThrow(InvalidArgumentError);
    expect(() => createPixelCnnPrior({ ...ok, kernelWidth: 1 })).toThrow(InvalidArgumentError);
    expect(() => createPixelCnnPrior({ ...ok, residualKernelSize: 2 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => createPixelCnnPrior({ ...ok, numCodes: 1 })).toThrow(InvalidArgumentError);
    expect(() => createPixelCnnPrior({ ...ok, height: 0 })).toThrow(InvalidArgumentError);
    expect(() => createPixelCnnPrior({ ...ok, filters: 2.5 })).toThrow(InvalidArgumentError);
    expect(() => createPixelCnnPrior({ ...ok, residualBlocks: -1 })).toThrow(InvalidArgumentError);
    expect(() => createPixelCnnPrior({ ...ok, filter: 3 } as typeof ok)).toThrow(
      UnknownOptionError,
    );
    const before = tf.memory().numTensors;
    const prior = createPixelCnnPrior({ ...ok, filters: 4 });
    const call =
      (shape: number[], dtype: 'int32' | 'float32' = 'int32') =>
      () =>
        tf.tidy(() => prior.logits(tf.zeros(shape, dtype)));
    expect(call([1, 2, 3])).toThrow(ShapeError);
    expect(call([2, 2])).toThrow(ShapeError);
    expect(call([1, 3, 2])).toThrow(ShapeError);
    expect(call([1, 0, 2])).toThrow(ShapeError);
    expect(call([0, 2, 2])).toThrow(ShapeError);
    expect(call([1, 2, 2], 'float32')).toThrow(InvalidArgumentError);
    prior.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
